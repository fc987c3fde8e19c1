package notify_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/notify"
)

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

// start runs w until the test ends and waits until it is LISTENing (or a NOTIFY could be missed).
func (p *pushWorld) start(t *testing.T, w *notify.Worker) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	before := p.listeners(t)
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	waitUntil(t, "the worker listens", func() bool { return p.listeners(t) > before })
}

func (p *pushWorld) listeners(t *testing.T) int {
	return p.e.Count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN \"push_jobs\"'")
}

// waitUntil polls cond for up to 15 s: how long something takes never decides a test, only
// whether it happens.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}
