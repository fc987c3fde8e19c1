package notify_test

import (
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/notify"
)

// After a NOTIFY has been handled, idle rounds sleep until the next NOTIFY or Poll tick. (The
// wake-up used to be passed from round to round for ever, so an idle server claimed from an
// empty queue thousands of times a second after its first push.)
func TestIdleWorkerRestsAfterANotification(t *testing.T) {
	p := newPushWorld(t, tokA)
	cfg := notify.DefaultWorkerConfig()
	cfg.Poll, cfg.Concurrency = time.Second, 4
	w := notify.NewWorker(p.e.Pool, p.e.Clock, p.sender, discard, cfg)
	p.start(t, w)
	p.enqueue(t)
	if got := p.fake.WaitFor(1, 15*time.Second); len(got) != 1 {
		t.Fatalf("the notification was not delivered: %d", len(got))
	}
	waitUntil(t, "the job is recorded sent", func() bool {
		return p.e.Count("SELECT count(*) FROM push_jobs WHERE state = 'sent'") == 1
	})

	before, start := w.Stats().Rounds.Load(), time.Now()
	time.Sleep(3 * time.Second)
	rounds, elapsed := w.Stats().Rounds.Load()-before, time.Since(start)
	// Each round looks at most once per Poll tick, plus once for a late NOTIFY and once for a
	// tick that was already pending.
	limit := int64(cfg.Concurrency) * (int64(elapsed/cfg.Poll) + 2)
	t.Logf("%d claim rounds in %s while idle (limit %d)", rounds, elapsed.Round(time.Millisecond), limit)
	if rounds > limit {
		t.Fatalf("an idle worker ran %d claim rounds in %s, more than %d: it does not rest", rounds, elapsed.Round(time.Millisecond), limit)
	}
	if len(p.fake.Received()) != 1 {
		t.Fatalf("sent %d times", len(p.fake.Received()))
	}
}
