package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The background jobs started by RunBackground report the push worker's figures on /metrics.
func TestMetricsShowThePushWorkerAfterADelivery(t *testing.T) {
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/me/devices", Token: e.Token(u),
		Body: map[string]any{"token": "metrics-device-token-0123456789", "platform": "android"}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		e.App.RunBackground(ctx, notify.Recorder{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}, notify.DefaultWorkerConfig())
		close(done)
	}()
	defer func() { cancel(); <-done }()

	err := pgx.BeginFunc(ctx, e.Pool, func(tx pgx.Tx) error {
		_, err := notify.Enqueue(ctx, tx, notify.Message{UserID: u.ID, Type: "dossier.result_ready",
			Title: httpx.Text{VI: "Hồ sơ đã có kết quả"}, Body: httpx.Text{VI: "Hồ sơ đã có kết quả"}}, e.Clock.Now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(15 * time.Second); e.Count("SELECT count(*) FROM push_jobs WHERE state = 'sent'") != 1; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the push was never sent")
		}
	}
	body := string(e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/metrics"}).Body)
	for _, want := range []string{"motcua_push_jobs_claimed_total 1", "motcua_push_jobs_sent_total 1",
		"motcua_push_jobs_retried_total 0", "motcua_push_jobs_dead_total 0", "motcua_push_queue_pending 0",
		"motcua_push_queue_oldest_due_seconds 0", "motcua_push_worker_round_errors_total 0"} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if !strings.Contains(body, "motcua_push_worker_rounds_total ") {
		t.Error("/metrics lacks the rounds counter")
	}
}
