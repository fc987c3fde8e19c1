package notify_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/notify"
)

// cutProxy forwards TCP to PostgreSQL until Cut, which drops every connection and refuses new
// ones until Restore: a database outage, as the worker sees it.
type cutProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  map[net.Conn]bool
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	t.Cleanup(func() { ln.Close(); p.Cut() })
	go p.serve()
	return p
}

func (p *cutProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		down := p.down
		p.mu.Unlock()
		if down {
			c.Close()
			continue
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[s] = true, true
		p.mu.Unlock()
		go func() { io.Copy(s, c); s.Close(); c.Close() }()
		go func() { io.Copy(c, s); s.Close(); c.Close() }()
	}
}

func (p *cutProxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

func (p *cutProxy) Restore() {
	p.mu.Lock()
	p.down = false
	p.mu.Unlock()
}

// During a database outage the worker logs one line when it starts failing and one when it
// recovers (not one per failed round), and backs off meanwhile.
func TestDatabaseOutageIsLoggedOncePerStateChange(t *testing.T) {
	p := newPushWorld(t, tokA)
	u, err := url.Parse(p.e.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := newCutProxy(t, u.Host)
	u.Host = proxy.ln.Addr().String()
	pool, err := db.Open(context.Background(), u.String(), 8)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)

	var logs lines
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
		return logs.count("background loop recovered", `"loop":"push worker"`) > 0 &&
			logs.count("background loop recovered", `"loop":"push listener"`) > 0
	})
	for _, c := range []struct {
		loop, state string
	}{{"push worker", "failing"}, {"push worker", "recovered"}, {"push listener", "failing"}, {"push listener", "recovered"}} {
		if n := logs.count("background loop "+c.state, `"loop":"`+c.loop+`"`); n != 1 {
			t.Errorf("%s logged %q %d times, want once", c.loop, c.state, n)
		}
	}
	if n := logs.count(""); n != 4 {
		t.Errorf("%d log lines for one outage, want 4:\n%s", n, logs.String())
	}
	// Polling every 50 ms, 4 rounds would fail 240 times in 3 s; backing off (up to 1 s) they
	// fail a few dozen times at most.
	t.Logf("%d failed rounds during a %s outage", failed, outage)
	if limit := int64(cfg.Concurrency) * (int64(outage/(cfg.OutageBackoff/2)) + 6); failed > limit {
		t.Errorf("%d failed rounds in %s: the worker does not back off (limit %d)", failed, outage, limit)
	}
}
