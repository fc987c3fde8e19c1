package notify_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/notify/znsfake"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// zaloWebhook points the fake Zalo's OA events at the running server, as the OA's webhook
// setting does.
func (p *phoneWorld) zaloWebhook(t *testing.T) {
	p.zalo.SetWebhook(znsfake.Webhook{URL: p.e.Serve() + "/v1/webhooks/zalo", AppID: "app-1", OAID: "oa-1",
		OASecretKey: config.DevZaloOASecretKey})
}

func (p *phoneWorld) zaloPost(t *testing.T, body []byte, sig string) (int, string) {
	t.Helper()
	status, answer, err := p.zalo.Post(body, sig)
	if err != nil {
		t.Fatal(err)
	}
	return status, answer
}

func TestZaloEventsAreSignedIdempotentAndOrderSafe(t *testing.T) {
	p := newPhoneWorld(t)
	p.zaloWebhook(t)
	p.tell(t, resultReady(uuid.Nil, stranger))
	var jobID string
	p.e.Pool.QueryRow(context.Background(), "SELECT id FROM message_jobs").Scan(&jobID)
	now := p.e.Clock.Now()
	t1, t2 := now.Add(-2*time.Minute), now.Add(-time.Minute)

	// Forged or replayed from long ago: 401, nothing applied.
	good := p.zalo.Event("zmsg-early", jobID, t1, now)
	forger := znsfake.Webhook{AppID: "app-1", OAID: "oa-1", OASecretKey: "not-the-oa-secret-key"}
	for name, c := range map[string]struct {
		body []byte
		sig  string
	}{
		"no signature":      {good, ""},
		"wrong key":         {good, signedBy(t, forger, good)},
		"another body":      {good, p.zalo.Sign(p.zalo.Event("zmsg-other", jobID, t1, now))},
		"bare hex":          {good, strings.TrimPrefix(p.zalo.Sign(good), "mac=")},
		"13 hours ago":      {p.zalo.Event("zmsg-early", jobID, t1, now.Add(-13*time.Hour)), ""},
		"an hour from now":  {p.zalo.Event("zmsg-early", jobID, t1, now.Add(time.Hour)), ""},
		"signature in body": {[]byte(strings.Replace(string(good), `"app_id":"app-1"`, `"app_id":"app-2"`, 1)), p.zalo.Sign(good)},
	} {
		sig := c.sig
		if sig == "" && name != "no signature" {
			sig = p.zalo.Sign(c.body)
		}
		if status, answer := p.zaloPost(t, c.body, sig); status != 401 {
			t.Errorf("%s: %d %s", name, status, answer)
		}
	}
	if d, _ := p.delivery(t); d != "" {
		t.Fatal("a forged event was applied")
	}

	// Out of order: the phone reports receipt (by tracking id) before the worker has even written
	// that Zalo accepted the message; the sent outcome then leaves it delivered.
	if status, answer := p.zaloPost(t, good, p.zalo.Sign(good)); status != 200 || !strings.Contains(answer, `"applied"`) {
		t.Fatalf("early event: %d %s", status, answer)
	}
	drainPhones(t, p.phones)
	if d, at := p.delivery(t); d != "delivered" || at == nil || !at.Equal(t1) {
		t.Fatalf("delivery %q at %v", d, at)
	}
	// Replayed: the same event again changes nothing.
	if status, answer := p.zaloPost(t, good, p.zalo.Sign(good)); status != 200 || !strings.Contains(answer, `"duplicate"`) {
		t.Fatalf("replay: %d %s", status, answer)
	}
	// A later "failed" report from the generic endpoint cannot undo a delivery.
	if got := p.report(t, "zns", []byte(config.DevCallbackSecret), now, map[string]any{"event_id": "f1", "tracking_id": jobID,
		"status": "failed", "occurred_at": t2}); got.Status != 200 {
		t.Fatalf("failed report: %d", got.Status)
	}
	if d, _ := p.delivery(t); d != "delivered" {
		t.Fatalf("delivery %q after a failed report", d)
	}
	// Events it does not use, and messages it did not send, are taken (Zalo disables a failing webhook).
	other := []byte(strings.Replace(string(p.zalo.Event("zmsg-9", "", t2, now)), "user_received_message", "user_seen_message", 1))
	if status, answer := p.zaloPost(t, other, p.zalo.Sign(other)); status != 200 || !strings.Contains(answer, `"ignored"`) {
		t.Fatalf("another event: %d %s", status, answer)
	}
	stray := p.zalo.Event("zmsg-not-ours", "", t2, now)
	if status, answer := p.zaloPost(t, stray, p.zalo.Sign(stray)); status != 200 || !strings.Contains(answer, `"unknown"`) {
		t.Fatalf("a message not ours: %d %s", status, answer)
	}
}

// The usual order, end to end: Zalo accepts the message, then posts that it reached the phone,
// found by Zalo's msg_id alone.
func TestZaloReceivedMarksTheMessageDelivered(t *testing.T) {
	p := newPhoneWorld(t)
	p.zaloWebhook(t)
	p.tell(t, resultReady(uuid.Nil, stranger))
	drainPhones(t, p.phones)
	msg := p.zalo.Messages()[0]
	at := p.e.Clock.Now().Add(-30 * time.Second)
	body := p.zalo.Event(msg.MsgID, "", at, p.e.Clock.Now())
	// In process (the contract's check sees the answer); the fake posts over HTTP below.
	r := p.e.Do(testkit.Req{Method: "POST", Path: "/v1/webhooks/zalo", Body: body, Header: map[string]string{"X-ZEvent-Signature": p.zalo.Sign(body)}})
	if r.Status != 200 || !strings.Contains(string(r.Body), `"applied"`) {
		t.Fatalf("received: %d %s", r.Status, r.Body)
	}
	if d, got := p.delivery(t); d != "delivered" || got == nil || !got.Equal(at) {
		t.Fatalf("delivery %q at %v", d, got)
	}
	// Received is what the fake posts for an accepted message, tracking id included: the same
	// event, taken once.
	if status, answer, err := p.zalo.Received(msg.MsgID, at, p.e.Clock.Now()); err != nil || status != 200 || !strings.Contains(answer, `"duplicate"`) {
		t.Fatalf("Received: %d %s %v", status, answer, err)
	}
}

// With ZALO_APP_ID set only that app's events are taken; without an OA secret key, none.
func TestZaloEventsOfAnotherAppAreRefused(t *testing.T) {
	for name, opt := range map[string]testkit.Option{
		"another app": func(c *config.Config) { c.Channels.ZaloAppID = "app-2" },
		"no key":      func(c *config.Config) { c.Channels.ZaloOASecretKey = "" },
	} {
		e := testkit.New(t, opt)
		body := []byte(`{"app_id":"app-1","event_name":"user_received_message","timestamp":"` +
			strconv.FormatInt(e.Clock.Now().UnixMilli(), 10) + `","message":{"msg_id":"m1"}}`)
		sig := signedBy(t, znsfake.Webhook{AppID: "app-1", OASecretKey: config.DevZaloOASecretKey}, body)
		if r := e.Do(testkit.Req{Method: "POST", Path: "/v1/webhooks/zalo", Body: body, Header: map[string]string{"X-ZEvent-Signature": sig}}); r.Status != 401 {
			t.Errorf("%s: %d", name, r.Status)
		}
	}
}

// signedBy is the signature w's key makes on body.
func signedBy(t *testing.T, w znsfake.Webhook, body []byte) string {
	f, err := znsfake.Start("a", "r", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.SetWebhook(w)
	return f.Sign(body)
}
