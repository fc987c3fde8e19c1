package notify_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/znsfake"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

func TestZNSAnswerCodesAreClassified(t *testing.T) {
	zalo, err := znsfake.Start("tok", "", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer zalo.Close()
	z := notify.NewZNS(notify.ZNSConfig{Endpoint: zalo.URL, AccessToken: "tok", Templates: map[string]string{string(push.DossierResultReady): "t1"}})
	msg := func(phone string) notify.PhoneMessage {
		return notify.PhoneMessage{TrackingID: "x", Phone: "+" + phone, Type: string(push.DossierResultReady), Params: map[string]string{"title": "t"}}
	}
	cases := map[int]notify.Outcome{-100: notify.Retry, -108: notify.Fail, -109: notify.Fail, -118: notify.Fail, -119: notify.Fail}
	for code, want := range cases {
		phone := fmt.Sprintf("84987650%03d", -code) // one phone per answer code
		zalo.Fail(phone, code)
		if r := z.SendPhone(context.Background(), msg(phone)); r.Outcome != want {
			t.Errorf("code %d: outcome %v, want %v (%v)", code, r.Outcome, want, r.Err)
		}
	}
	if r := z.SendPhone(context.Background(), msg("84911111111")); r.Outcome != notify.Sent || r.ProviderID == "" || r.Segments != 1 {
		t.Errorf("success: %+v", r)
	}
	// An expired token without a refresh token: retried later, not dropped.
	zalo.Expire()
	if r := z.SendPhone(context.Background(), msg("84911111112")); r.Outcome != notify.Retry {
		t.Errorf("expired token without refresh: %+v", r)
	}
	// A type without a template: final for Zalo (SMS takes over when the event warrants it).
	m := msg("84911111113")
	m.Type = string(push.BookingReminder)
	if r := z.SendPhone(context.Background(), m); r.Outcome != notify.Fail || !strings.Contains(r.Err.Error(), "ZALO_TEMPLATE_BOOKING_REMINDER") {
		t.Errorf("no template: %+v", r)
	}
}

func TestSMSGatewayIsConfigurable(t *testing.T) {
	var got struct {
		body, auth string
	}
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := new(strings.Builder)
		buf := make([]byte, 1024)
		n, _ := r.Body.Read(buf)
		b.Write(buf[:n])
		got.body, got.auth = b.String(), r.Header.Get("X-Api-Key")
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(status)
		w.Write([]byte(`{"message_id":"m-1"}`))
	}))
	defer srv.Close()
	s, err := notify.NewSMS(notify.SMSConfig{URL: srv.URL, Auth: "X-Api-Key: k-123",
		Body: `{"Phone":{{json .Phone}},"Content":{{json .Text}},"SmsType":2,"RequestId":{{json .TrackingID}}}`})
	if err != nil {
		t.Fatal(err)
	}
	m := notify.PhoneMessage{TrackingID: "job-1", Phone: "+84987654321", Text: "Hồ sơ đã có kết quả"}
	r := s.SendPhone(context.Background(), m)
	if r.Outcome != notify.Sent || r.ProviderID != "m-1" || r.Segments != 1 || got.auth != "k-123" ||
		got.body != `{"Phone":"+84987654321","Content":"Hồ sơ đã có kết quả","SmsType":2,"RequestId":"job-1"}` {
		t.Fatalf("result %+v, request %+v", r, got)
	}
	for st, want := range map[int]notify.Outcome{429: notify.Retry, 503: notify.Retry, 400: notify.Fail, 401: notify.Fail} {
		status = st
		if r := s.SendPhone(context.Background(), m); r.Outcome != want || (st == 429 && r.RetryAfter.Seconds() != 30) {
			t.Errorf("HTTP %d: %+v", st, r)
		}
	}
	if _, err := notify.NewSMS(notify.SMSConfig{URL: srv.URL, Body: "{{.Nope"}); err == nil {
		t.Error("a broken body template was accepted")
	}
}
