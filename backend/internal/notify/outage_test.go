package notify_test

import (
	"context"
	"log/slog"
	"net/url"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/backend/internal/testkit/loglines"
)

// During a database outage the worker logs one line when it starts failing and one when it
// recovers (not one per failed round), and backs off meanwhile.
func TestDatabaseOutageIsLoggedOncePerStateChange(t *testing.T) {
	p := newPushWorld(t, tokA)
	u, err := url.Parse(p.e.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := testkit.NewCutProxy(t, "tcp", u.Host)
	u.Host = proxy.Addr()
	pool, err := db.Open(context.Background(), u.String(), 8)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)

	var logs loglines.Buffer
	cfg := notify.DefaultWorkerConfig()
	cfg.Poll, cfg.Concurrency, cfg.OutageBackoff = 50*time.Millisecond, 4, time.Second
	w := notify.NewWorker(pool, p.e.Clock, p.sender, slog.New(slog.NewJSONHandler(&logs, nil)), cfg)
	p.start(t, w)

	proxy.Cut()
	waitUntil(t, "the worker notices", func() bool { return w.Stats().RoundErrors.Load() > 0 })
	failedBefore := w.Stats().RoundErrors.Load()
	const outage = 3 * time.Second
	time.Sleep(outage)
	failed := w.Stats().RoundErrors.Load() - failedBefore
	proxy.Restore()

	p.enqueue(t) // committed on another connection: the worker must find it once it is back
	if got := p.fake.WaitFor(1, 15*time.Second); len(got) != 1 {
		t.Fatalf("no push after the database came back")
	}
	waitUntil(t, "the recovery is logged", func() bool {
		return logs.Count("background loop recovered", `"loop":"push worker"`) > 0 &&
			logs.Count("background loop recovered", `"loop":"push listener"`) > 0
	})
	for _, c := range []struct {
		loop, state string
	}{{"push worker", "failing"}, {"push worker", "recovered"}, {"push listener", "failing"}, {"push listener", "recovered"}} {
		if n := logs.Count("background loop "+c.state, `"loop":"`+c.loop+`"`); n != 1 {
			t.Errorf("%s logged %q %d times, want once", c.loop, c.state, n)
		}
	}
	if n := logs.Count(""); n != 4 {
		t.Errorf("%d log lines for one outage, want 4:\n%s", n, logs.String())
	}
	// Polling every 50 ms, 4 rounds would fail 240 times in 3 s; backing off (up to 1 s) they
	// fail a few dozen times at most.
	t.Logf("%d failed rounds during a %s outage", failed, outage)
	if limit := int64(cfg.Concurrency) * (int64(outage/(cfg.OutageBackoff/2)) + 6); failed > limit {
		t.Errorf("%d failed rounds in %s: the worker does not back off (limit %d)", failed, outage, limit)
	}
}
