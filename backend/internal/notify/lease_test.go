package notify_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/notify"
)

func tokens(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("token-lease-%020d", i)
	}
	return out
}

func (p *pushWorld) states(t *testing.T) (sent, pending, leased int) {
	t.Helper()
	err := p.e.Pool.QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE state = 'sent'),
		count(*) FILTER (WHERE state = 'pending'),
		count(*) FILTER (WHERE state = 'pending' AND lease_token IS NOT NULL AND lease_until > $1)
		FROM push_jobs`, p.e.Clock.Now()).Scan(&sent, &pending, &leased)
	if err != nil {
		t.Fatal(err)
	}
	return
}

// A worker that dies mid-batch has already recorded the pushes FCM answered; only the ones
// still in flight are sent again, after the short lease.
func TestCrashMidBatchResendsOnlyWhatWasInFlight(t *testing.T) {
	toks := tokens(10)
	p := newPushWorld(t, toks...)
	inFlight := toks[7:]
	p.fake.Hold(inFlight...)
	p.enqueue(t)

	ctx, kill := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := p.worker.DrainOnce(ctx); done <- err }()
	waitUntil(t, "7 answered and 3 in flight", func() bool { return len(p.fake.Received()) == 7 && p.fake.Holding() == 3 })
	// While the last three are still unanswered, the first seven are already recorded.
	waitUntil(t, "the answered pushes are recorded sent mid-batch", func() bool {
		sent, _, _ := p.states(t)
		return sent == 7
	})
	if sent, pending, leased := p.states(t); sent != 7 || pending != 3 || leased != 3 {
		t.Fatalf("mid-batch: sent %d, pending %d (leased %d); want 7, 3 (3)", sent, pending, leased)
	}
	// The worker dies.
	kill()
	<-done
	if sent, pending, leased := p.states(t); sent != 7 || pending != 3 || leased != 3 {
		t.Fatalf("after the crash: sent %d, pending %d (leased %d); want 7, 3 (3)", sent, pending, leased)
	}
	var leaseLeft time.Duration
	if err := p.e.Pool.QueryRow(context.Background(), "SELECT max(lease_until) - $1 FROM push_jobs WHERE state = 'pending'", p.e.Clock.Now()).Scan(&leaseLeft); err != nil {
		t.Fatal(err)
	}
	if lease := notify.DefaultWorkerConfig().Lease; leaseLeft > lease || lease > 15*time.Second {
		t.Fatalf("the in-flight jobs come back in %s (lease %s); want a short lease", leaseLeft, lease)
	}

	// Another worker leaves them alone while the lease holds, then sends exactly those three.
	p.fake.Release()
	other := notify.NewWorker(p.e.Pool, p.e.Clock, p.sender, discard, notify.DefaultWorkerConfig())
	if n, err := other.DrainOnce(context.Background()); n != 0 || err != nil {
		t.Fatalf("claimed %d (%v) while the lease held", n, err)
	}
	p.e.Clock.Advance(notify.DefaultWorkerConfig().Lease + time.Second)
	if n, err := other.DrainOnce(context.Background()); n != 3 || err != nil {
		t.Fatalf("after the lease: claimed %d (%v), want the 3 in flight", n, err)
	}
	perToken := map[string]int{}
	for _, m := range p.fake.Received() {
		perToken[m.Token]++
	}
	for _, tok := range toks {
		if perToken[tok] != 1 {
			t.Errorf("%s delivered %d times, want once", tok, perToken[tok])
		}
	}
	if sent, pending, _ := p.states(t); sent != 10 || pending != 0 {
		t.Fatalf("at the end: sent %d, pending %d", sent, pending)
	}
}

// A batch slower than the lease keeps its jobs: the heartbeat extends the lease while the
// pushes are in flight, so a second worker racing for the queue claims nothing and nothing is
// sent twice.
func TestHeartbeatKeepsASlowBatchFromASecondWorker(t *testing.T) {
	toks := tokens(5)
	p := newPushWorld(t, toks...)
	p.fake.Hold(toks...)
	cfg := notify.DefaultWorkerConfig()
	cfg.Concurrency, cfg.Heartbeat = 1, 50*time.Millisecond
	slow := notify.NewWorker(p.e.Pool, p.e.Clock, p.sender, discard, cfg)
	p.start(t, slow)
	p.enqueue(t)
	waitUntil(t, "the batch is in flight", func() bool { return p.fake.Holding() == 5 })

	cfg.Poll = 20 * time.Millisecond // the rival claims all the time
	rival := notify.NewWorker(p.e.Pool, p.e.Clock, p.sender, discard, cfg)
	p.start(t, rival)
	for i := 0; i < 6; i++ { // 60 s: four leases
		p.e.Clock.Advance(cfg.Lease * 2 / 3)
		waitUntil(t, "the heartbeat extends the lease", func() bool {
			_, _, leased := p.states(t)
			return p.e.Count("SELECT count(*) FROM push_jobs WHERE lease_until >= $1", p.e.Clock.Now().Add(cfg.Lease)) == 5 && leased == 5
		})
		seen := rival.Stats().Rounds.Load()
		waitUntil(t, "the rival looks again", func() bool { return rival.Stats().Rounds.Load() >= seen+2 })
	}
	if n := rival.Stats().Claimed.Load(); n != 0 {
		t.Fatalf("the rival claimed %d jobs of a batch still in flight", n)
	}
	p.fake.Release()
	waitUntil(t, "all sent", func() bool { sent, _, _ := p.states(t); return sent == 5 })
	if got := len(p.fake.Received()); got != 5 {
		t.Fatalf("FCM got %d messages for 5 jobs", got)
	}
}
