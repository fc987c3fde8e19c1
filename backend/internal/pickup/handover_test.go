package pickup_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/app"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/pickup"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// collected brings a fresh request to collected, confirmed in person, ready to hand over.
func (w *world) collected(t *testing.T, vol testkit.User) api.Pickup {
	t.Helper()
	p := w.request(t)
	for _, body := range []map[string]any{{"to": "accepted"}, {"to": "en_route"},
		{"to": "collected", "collected_documents": []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh"}, "confirmed_in_person": true}} {
		if r := w.move(vol, p, body); r.Status != 200 {
			t.Fatalf("%v: %d %s", body, r.Status, r.Body)
		}
	}
	return p
}

// Many hand-overs at once on a pool of two connections: each holds its pickup's row lock and
// one connection for its whole transaction, so a read through the pool inside it would wait
// for a connection the others hold, and with enough of them at once none would ever finish.
func TestConcurrentHandOversOnASmallPool(t *testing.T) {
	w := newWorld(t)
	vol := w.volunteer(t, true)
	const n = 12
	ids := make([]uuid.UUID, n)
	for i := range ids {
		ids[i] = w.collected(t, vol).Id
	}
	cfg, err := pgxpool.ParseConfig(w.e.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = 2
	small, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(small.Close)
	// The whole application on the small pool: the dossier entry's reads must use the tx too.
	a, err := app.New(app.Deps{Cfg: w.e.Cfg, Pool: small, Clock: w.e.Clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	svc := a.Pickups
	caller := auth.Principal{UserID: vol.ID, WardID: w.ward.ID, NeighborhoodID: uuid.NullUUID{UUID: w.ward.Neighborhoods[0], Valid: true}, Role: auth.RoleVolunteer}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	errs := make(chan error, n)
	var start, wg sync.WaitGroup
	start.Add(1)
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start.Wait()
			_, err := svc.Transition(ctx, caller, id, pickup.Move{To: pickup.HandedOver})
			errs <- err
		}()
	}
	start.Done()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("hand-over: %v", err)
		}
	}
	if got := w.e.Count("SELECT count(*) FROM pickups WHERE status = 'handed_over' AND dossier_id IS NOT NULL"); got != n {
		t.Fatalf("%d of %d handed over", got, n)
	}
	if got := w.e.Count("SELECT count(*) FROM dossiers WHERE channel = 'home_pickup' AND status = $1", "submitted"); got != n {
		t.Fatalf("%d %s dossiers, want %d", got, "submitted", n)
	}
}
