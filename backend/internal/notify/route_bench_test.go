package notify_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// What routing costs a notification that may go by phone (its chain is read and its first job
// and the scheduled Zalo job written), beside a push-only type, one transaction each, side by
// side: go test -run '^$' -bench EnqueueRouting ./backend/internal/notify/
func BenchmarkEnqueueRouting(b *testing.B) {
	for _, c := range []struct {
		name string
		typ  push.Type
	}{{"push-only", push.PickupOffered}, {"routed", push.DossierResultReady}} {
		b.Run(c.name, func(b *testing.B) {
			e := testkit.New(b)
			u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
			if _, err := notifydb.New(e.Pool).UpsertDevice(context.Background(), notifydb.UpsertDeviceParams{Token: tokA, UserID: u.ID,
				Platform: "android", Locale: "vi", CreatedAt: e.Clock.Now()}); err != nil {
				b.Fatal(err)
			}
			m := notify.Message{UserID: u.ID, Type: string(c.typ), Title: httpx.Text{VI: "Tiêu đề"}, Body: httpx.Text{VI: "Nội dung"}}
			b.ResetTimer()
			for b.Loop() {
				err := pgx.BeginFunc(context.Background(), e.Pool, func(tx pgx.Tx) error {
					_, err := notify.Enqueue(context.Background(), tx, m, e.Clock.Now)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
