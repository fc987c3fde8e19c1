package notify_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// report posts a signed delivery report as the provider would.
func (p *phoneWorld) report(t *testing.T, provider string, secret []byte, at time.Time, body map[string]any) *testkit.Response {
	t.Helper()
	raw, _ := json.Marshal(body)
	ts := strconv.FormatInt(at.Unix(), 10)
	return p.e.Do(testkit.Req{Method: "POST", Path: "/v1/webhooks/messages", Body: raw, Header: map[string]string{
		"X-Provider": provider, "X-Timestamp": ts, "X-Signature": notify.SignReceipt(secret, ts, raw)}})
}

// upperCaseReport is a well-signed report with its hex in upper case: the providers' receipts take
// only the exact lower-case signature (the carriers' webhook reads either case).
func (p *phoneWorld) upperCaseReport(t *testing.T, secret []byte, at time.Time, body map[string]any) *testkit.Response {
	raw, _ := json.Marshal(body)
	ts := strconv.FormatInt(at.Unix(), 10)
	sig := "sha256=" + strings.ToUpper(strings.TrimPrefix(notify.SignReceipt(secret, ts, raw), "sha256="))
	return p.e.Do(testkit.Req{Method: "POST", Path: "/v1/webhooks/messages", Body: raw, Header: map[string]string{
		"X-Provider": "zns", "X-Timestamp": ts, "X-Signature": sig}})
}

func (p *phoneWorld) delivery(t *testing.T) (string, *time.Time) {
	var d *string
	var at *time.Time
	p.e.Pool.QueryRow(context.Background(), "SELECT delivery, delivery_at FROM message_jobs WHERE channel = 'zns'").Scan(&d, &at)
	if d == nil {
		return "", at
	}
	return *d, at
}

func TestDeliveryReportsAreSignedIdempotentAndOrderSafe(t *testing.T) {
	p := newPhoneWorld(t)
	p.tell(t, resultReady(uuid.Nil, stranger))
	drainPhones(t, p.phones)
	var jobID string
	p.e.Pool.QueryRow(context.Background(), "SELECT id FROM message_jobs").Scan(&jobID)
	msgID := p.zalo.Messages()[0].MsgID
	secret := []byte(config.DevCallbackSecret)
	now := p.e.Clock.Now()
	t1, t2 := now.Add(-2*time.Minute), now.Add(-time.Minute)
	result := func(r *testkit.Response) string {
		var v struct{ Result string }
		r.JSON(t, &v)
		return v.Result
	}

	// Forged: wrong secret, no signature, unknown provider, a timestamp from an hour ago.
	body := map[string]any{"event_id": "e1", "tracking_id": jobID, "status": "failed", "occurred_at": t1}
	for name, r := range map[string]*testkit.Response{
		"wrong secret":     p.report(t, "zns", []byte("another-secret-of-16+"), now, body),
		"unknown provider": p.report(t, "email", secret, now, body),
		"stale timestamp":  p.report(t, "zns", secret, now.Add(-time.Hour), body),
		"no signature":     p.e.Do(testkit.Req{Method: "POST", Path: "/v1/webhooks/messages", Body: body}),
		"upper-case hex":   p.upperCaseReport(t, secret, now, body),
	} {
		if r.Status != 401 {
			t.Errorf("%s: %d", name, r.Status)
		}
	}
	if d, _ := p.delivery(t); d != "" {
		t.Fatal("a forged report was applied")
	}
	// Hostile or unknown bodies: 4xx, never applied.
	if r := p.report(t, "zns", secret, now, map[string]any{"event_id": "e0", "tracking_id": uuid.NewString(), "status": "delivered", "occurred_at": t1}); r.Status != 404 {
		t.Errorf("unknown message: %d", r.Status)
	}
	if r := p.report(t, "sms", secret, now, body); r.Status != 404 {
		t.Errorf("a ZNS message reported by the SMS provider: %d", r.Status)
	}
	if r := p.e.Do(testkit.Req{Method: "POST", Path: "/v1/webhooks/messages", Body: "{not json", Header: map[string]string{
		"X-Provider": "zns", "X-Timestamp": strconv.FormatInt(now.Unix(), 10), "X-Signature": notify.SignReceipt(secret, strconv.FormatInt(now.Unix(), 10), []byte("{not json"))}}); r.Status/100 != 4 {
		t.Errorf("malformed: %d", r.Status)
	}

	// Out of order: "delivered" at t2 arrives first, then "failed" at t1: delivered stays.
	if got := result(p.report(t, "zns", secret, now, map[string]any{"event_id": "e2", "message_id": msgID, "status": "delivered", "occurred_at": t2})); got != "applied" {
		t.Fatalf("delivered: %s", got)
	}
	if got := result(p.report(t, "zns", secret, now, body)); got != "stale" {
		t.Fatalf("older failed report: %s", got)
	}
	// Replayed: the same event id again is a duplicate, whatever it says.
	if got := result(p.report(t, "zns", secret, now, body)); got != "duplicate" {
		t.Fatalf("replay: %s", got)
	}
	if d, at := p.delivery(t); d != "delivered" || at == nil || !at.Equal(t2) {
		t.Fatalf("delivery %q at %v", d, at)
	}

}

func TestWardMonthlyCounts(t *testing.T) {
	p := newPhoneWorld(t)
	m := resultReady(uuid.Nil, stranger)
	m.WardID = p.user.Ward.ID
	p.tell(t, m)
	p.tell(t, resultReady(p.user.ID, "")) // the account's ward
	p.zalo.Fail("84987654321", -118)      // the stranger goes on to SMS
	for i := 0; i < 3; i++ {
		drainPhones(t, p.phones)
	}
	now := p.e.Clock.Now()
	counts, err := notify.WardMonthCounts(context.Background(), p.e.Pool, p.user.Ward.ID, now)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, c := range counts {
		got[c.Channel] = c.Messages
	}
	if got["zns"] != 1 || got["sms"] != 1 {
		t.Fatalf("counts = %+v", counts)
	}
	other, _ := notify.WardMonthCounts(context.Background(), p.e.Pool, uuid.New(), now)
	if len(other) != 0 {
		t.Fatalf("another ward counts %+v", other)
	}
	next, _ := notify.WardMonthCounts(context.Background(), p.e.Pool, p.user.Ward.ID, now.AddDate(0, 1, 0))
	if len(next) != 0 {
		t.Fatalf("next month counts %+v", next)
	}
}
