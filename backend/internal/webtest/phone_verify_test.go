package webtest

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// phoneCode reads the newest code texted to phone from the SMS queued in the outbox.
func phoneCode(t *testing.T, e *testkit.Env, phone string) string {
	t.Helper()
	var body string
	if err := e.Pool.QueryRow(context.Background(), `SELECT n.body_vi FROM message_jobs m JOIN notifications n ON n.id = m.notification_id
		WHERE m.phone = $1 AND m.channel = 'sms' AND n.type = 'account.phone_code' ORDER BY m.created_at DESC, m.id DESC LIMIT 1`, phone).Scan(&body); err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile(`\b[0-9]{6}\b`).FindString(body)
	if code == "" {
		t.Fatalf("no code in %q", body)
	}
	return code
}

// After registering, the citizen is offered to take over what the ward recorded for their
// phone: they send the code, a wrong code shows the server's words beside the field, the right
// one shows what the account took over, and the dossier is theirs.
func TestPhoneVerifyAfterRegistrationClaimsTheHistory(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	proc := procedure(t, e, w, "counter", "")
	const mine = "+84912345677"
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer),
		Body: map[string]any{"procedure_id": proc.Id, "applicant_name": "Bà Sáu", "applicant_phone": mine, "channel": "counter"}})
	ctx := browser(t)
	run(t, ctx, "register",
		chromedp.Navigate(base+"/register"),
		chromedp.WaitReady(`#ward_code option[value="26734"]`, chromedp.ByQuery),
		chromedp.SendKeys("#full_name", "Lê Thị Sáu", chromedp.ByID),
		chromedp.SendKeys("#phone", "0912345677", chromedp.ByID),
		chromedp.SendKeys("#password", "Matkhau-2026", chromedp.ByID),
		chromedp.Click(`#register-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#verify-send", chromedp.ByID))
	if n := e.Count("SELECT count(*) FROM dossiers WHERE applicant_id IS NULL"); n != 1 {
		t.Fatal("registering claimed the dossier")
	}
	look(t, ctx, "verify-phone")
	run(t, ctx, "send",
		chromedp.Click("#verify-send", chromedp.ByID),
		chromedp.WaitVisible("#code", chromedp.ByID),
		chromedp.Poll(`document.getElementById('verify-status').textContent.includes('677')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	code := phoneCode(t, e, mine)
	wrong := "000000"
	if code == wrong {
		wrong = "000001"
	}
	var msg string
	run(t, ctx, "wrong",
		chromedp.SendKeys("#code", wrong, chromedp.ByID),
		chromedp.Click(`#verify-code-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#code[aria-invalid=true]`, chromedp.ByQuery),
		chromedp.Text("#code-error", &msg, chromedp.ByID))
	if !strings.Contains(msg, "không đúng") {
		t.Fatalf("wrong code shows %q", msg)
	}
	look(t, ctx, "verify-phone-wrong")
	var done string
	run(t, ctx, "right",
		chromedp.Evaluate(`document.getElementById("code").value = ""`, nil),
		chromedp.SendKeys("#code", code, chromedp.ByID),
		chromedp.Click(`#verify-code-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#verify-done", chromedp.ByID),
		chromedp.Text("#verify-result", &done, chromedp.ByID))
	if !strings.Contains(done, "Hồ sơ: 1") {
		t.Fatalf("result shows %q", done)
	}
	look(t, ctx, "verify-phone-done")
	if n := e.Count("SELECT count(*) FROM dossiers d JOIN users u ON u.id = d.applicant_id WHERE u.phone = $1 AND u.phone_verified_at IS NOT NULL", mine); n != 1 {
		t.Fatal("the dossier is not the verified account's")
	}
}
