package notify_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func receiptKey(t *testing.T, e *testkit.Env, id uuid.UUID) string {
	t.Helper()
	var key string
	if err := e.Pool.QueryRow(context.Background(), "SELECT data->>'receipt_key' FROM notifications WHERE id = $1", id).Scan(&key); err != nil || len(key) < 20 {
		t.Fatalf("receipt key %q: %v", key, err)
	}
	return key
}

func confirm(e *testkit.Env, want int, id uuid.UUID, key string) {
	e.Expect(want, testkit.Req{Method: "POST", Path: "/v1/notifications/" + id.String() + "/received", Body: map[string]any{"key": key}})
}

// A push sent but never acknowledged is followed by Zalo once PUSH_CONFIRM_TIMEOUT has passed —
// by a job row written with the push, so a worker started afresh (a restart) sends it; before
// that time nothing is due.
func TestUnconfirmedPushIsFollowedByZaloAfterTheTimeout(t *testing.T) {
	p := newPhoneWorld(t, tokA)
	nid := p.tell(t, resultReady(p.user.ID, ""))
	drain(t, p.worker)
	if len(p.fake.Received()) != 1 {
		t.Fatal("no push")
	}
	p.e.Clock.Advance(notify.PushConfirmTimeout() - time.Second)
	if n := drainPhones(t, p.phones); n != 0 {
		t.Fatal("Zalo before the timeout")
	}
	p.e.Clock.Advance(time.Second)
	cfg := notify.DefaultWorkerConfig()
	restarted := notify.NewPhoneWorker(p.e.Pool, p.e.Clock, p.zns, notify.PhoneRecorder{Channel: notify.ChannelSMS, Log: discard}, discard, cfg)
	if n := drainPhones(t, restarted); n != 1 {
		t.Fatalf("claimed %d after the timeout, want the Zalo job", n)
	}
	if got := p.zalo.Messages(); len(got) != 1 || "+"+got[0].Phone != p.user.Phone {
		t.Fatalf("zalo %+v", got)
	}
	// The acknowledgement arriving now (after the claim) changes nothing, and is still accepted.
	confirm(p.e, 204, nid, receiptKey(t, p.e, nid))
	if n := p.e.Count("SELECT count(*) FROM message_jobs WHERE state = 'sent' AND notification_id = $1", nid); n != 1 {
		t.Fatal("a late acknowledgement undid a sent message")
	}
}

// An acknowledgement before the timeout cancels the Zalo message; a wrong key or id is 404 and
// cancels nothing; acknowledging twice is fine.
func TestConfirmedPushCancelsTheZaloMessage(t *testing.T) {
	p := newPhoneWorld(t, tokA)
	nid := p.tell(t, resultReady(p.user.ID, ""))
	other := p.tell(t, resultReady(p.user.ID, ""))
	drain(t, p.worker)
	key := receiptKey(t, p.e, nid)
	confirm(p.e, 404, nid, receiptKey(t, p.e, other))
	confirm(p.e, 404, uuid.Must(uuid.NewV7()), key)
	confirm(p.e, 204, nid, key)
	confirm(p.e, 204, nid, key)
	confirm(p.e, 422, nid, "")
	p.e.Clock.Advance(notify.PushConfirmTimeout())
	drainPhones(t, p.phones)
	if got := p.zalo.Messages(); len(got) != 1 {
		t.Fatalf("zalo got %d messages, want 1 (only the unconfirmed one)", len(got))
	}
	if n := p.e.Count("SELECT count(*) FROM message_jobs WHERE notification_id = $1 AND state = 'cancelled' AND attempts = 0", nid); n != 1 {
		t.Fatal("the confirmed notification's Zalo job is not cancelled")
	}
	if n := p.e.Count("SELECT count(*) FROM notifications WHERE id = $1 AND received_at IS NOT NULL", nid); n != 1 {
		t.Fatal("received_at not recorded")
	}
}

// Acknowledgements race workers claiming the same due Zalo jobs: every job ends either sent
// exactly once (claimed first) or cancelled and never sent (acknowledged first) — no job both,
// none lost.
func TestConfirmationRacingTheClaimNeitherLosesNorDuplicates(t *testing.T) {
	p := newPhoneWorld(t, tokA)
	const n = 40
	ids := make([]uuid.UUID, n)
	keys := make([]string, n)
	for i := range ids {
		ids[i] = p.tell(t, resultReady(p.user.ID, ""))
		keys[i] = receiptKey(t, p.e, ids[i])
	}
	p.e.Clock.Advance(notify.PushConfirmTimeout())
	cfg := notify.DefaultWorkerConfig()
	cfg.Batch = 4
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		worker := notify.NewPhoneWorker(p.e.Pool, p.e.Clock, p.zns, notify.PhoneRecorder{Channel: notify.ChannelSMS, Log: discard}, discard, cfg)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				got, err := worker.DrainOnce(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				if got == 0 {
					return
				}
			}
		}()
	}
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			confirm(p.e, 204, ids[i], keys[i])
		}()
	}
	wg.Wait()
	sent := p.e.Count("SELECT count(*) FROM message_jobs WHERE state = 'sent'")
	cancelled := p.e.Count("SELECT count(*) FROM message_jobs WHERE state = 'cancelled' AND attempts = 0")
	t.Logf("%d sent (claimed before the acknowledgement), %d cancelled", sent, cancelled)
	if sent+cancelled != n || p.e.Count("SELECT count(*) FROM message_jobs") != n {
		t.Fatalf("sent %d + cancelled %d != %d jobs", sent, cancelled, n)
	}
	if got := len(p.zalo.Messages()); got != sent {
		t.Fatalf("Zalo received %d messages for %d sent jobs", got, sent)
	}
	seen := map[string]bool{}
	for _, m := range p.zalo.Messages() {
		if seen[m.TrackingID] {
			t.Fatalf("message %s sent twice", m.TrackingID)
		}
		seen[m.TrackingID] = true
	}
}

// A running phone worker sends the scheduled Zalo job when it comes due, with no NOTIFY to wake
// it (nothing is committed then): its Poll tick looks, once a tick, while idle.
func TestRunningWorkerSendsTheScheduledZaloWhenDue(t *testing.T) {
	p := newPhoneWorld(t, tokA)
	p.tell(t, resultReady(p.user.ID, ""))
	drain(t, p.worker)
	cfg := notify.DefaultWorkerConfig()
	cfg.Poll = 50 * time.Millisecond
	w := notify.NewPhoneWorker(p.e.Pool, p.e.Clock, p.zns, notify.PhoneRecorder{Channel: notify.ChannelSMS, Log: discard}, discard, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { _ = w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	time.Sleep(300 * time.Millisecond)
	if len(p.zalo.Messages()) != 0 {
		t.Fatal("sent before it was due")
	}
	p.e.Clock.Advance(notify.PushConfirmTimeout())
	waitUntil(t, "the scheduled Zalo message is sent", func() bool { return len(p.zalo.Messages()) == 1 })
}
