package dossier_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/smsfake"
	"github.com/motcuagandan/motcua/backend/internal/notify/znsfake"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// A dossier recorded at the counter for a person with no account (a name and a phone) reaches
// result_ready: exactly one Zalo message goes to that phone, with the result_ready template and
// the dossier's code, title and body as its parameters; nobody's inbox shows it.
func TestPhoneOnlyApplicantIsToldByZalo(t *testing.T) {
	w := newWorld(t)
	w.e.Clock.Set(time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Location)) // office hours: no quiet-hours hold
	zalo, err := znsfake.Start("oa-token", "", "secret")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(zalo.Close)
	sms, err := smsfake.Start("Bearer x")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sms.Close)
	zns := notify.NewZNS(notify.ZNSConfig{Endpoint: zalo.URL, AccessToken: "oa-token",
		Templates: map[string]string{string(push.DossierResultReady): "tpl-ready"}}) // only result_ready has a template
	gw, err := notify.NewSMS(notify.SMSConfig{URL: sms.URL, Auth: "Authorization: Bearer x"})
	if err != nil {
		t.Fatal(err)
	}
	phones := notify.NewPhoneWorker(w.e.Pool, w.e.Clock, zns, gw, slog.New(slog.DiscardHandler), notify.DefaultWorkerConfig())
	drain := func() {
		for {
			n, err := phones.DrainOnce(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				return
			}
		}
	}

	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Lê Văn Tám", "applicant_phone": "0987 654 321", "channel": "counter"})
	drain() // "received": no template, and it does not warrant an SMS: nothing leaves
	for _, to := range []string{"in_review", "approved", "result_ready"} {
		w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": to}})
	}
	drain()
	got := zalo.Messages()
	if len(got) != 1 {
		t.Fatalf("Zalo got %d messages, want exactly 1: %+v", len(got), got)
	}
	m := got[0]
	if m.Phone != "84987654321" || m.TemplateID != "tpl-ready" || m.TemplateData["code"] != d.Code ||
		m.TemplateData["title"] != "Hồ sơ "+d.Code+" đã có kết quả" ||
		m.TemplateData["body"] != "Hồ sơ "+d.Code+" đã có kết quả. Mời ông/bà đến Bộ phận một cửa để nhận." {
		t.Fatalf("ZNS message %+v", m)
	}
	if len(sms.Messages()) != 0 {
		t.Fatalf("an SMS as well: %+v", sms.Messages())
	}
	if n := w.e.Count("SELECT count(*) FROM message_jobs WHERE ward_id = $1 AND phone = '+84987654321'", w.ward.ID); n != 2 {
		t.Fatalf("%d phone jobs for the ward, want 2 (received, dropped for want of a template; result_ready)", n)
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE user_id IS NOT NULL"); n != 0 {
		t.Fatal("a phone-only applicant's notification landed in an account's inbox")
	}
}
