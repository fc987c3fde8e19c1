package webtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/seed"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func procedure(t *testing.T, e *testkit.Env, w testkit.Ward, channels string, docs string) api.Procedure {
	t.Helper()
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, required_documents, fee_vnd, created_at, updated_at)
		VALUES (gen_random_uuid(), $1, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3, string_to_array($2, ','), string_to_array($3, ','), NULL, now(), now())`, w.ID, channels, docs); err != nil {
		t.Fatal(err)
	}
	var procs api.ProcedureList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=" + w.Code}).JSON(t, &procs)
	return procs.Items[0]
}

// nextWeekday is the next given weekday after today in the ward's time zone.
func nextWeekday(from time.Time, wd time.Weekday) time.Time {
	d := from.In(calendar.Location).AddDate(0, 0, 1)
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// The receipt's QR opens /track/CODE directly (a deep link); the citizen types the last four
// digits of their phone; then the menu still works (history routes, not broken by the path).
func TestReceiptQRDeepLinkThenNavigation(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	p := procedure(t, e, w, "counter", "Tờ khai")
	var d api.Dossier
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": p.Id, "applicant_name": "Hồ Văn Sáu", "applicant_phone": "0987654321", "channel": "counter"}}).JSON(t, &d)

	ctx := browser(t)
	var path string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/track/"+d.Code),
		chromedp.WaitVisible("#phone_last4", chromedp.ByID),
		chromedp.SendKeys("#phone_last4", "4321", chromedp.ByID),
		chromedp.Click(`#track-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#dossier-status", chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}
	status := text(ctx, "#dossier-status")
	if !strings.Contains(status, d.Code) || !strings.Contains(status, "Đã tiếp nhận") || strings.Contains(status, "Hồ Văn Sáu") {
		t.Fatalf("tracking page shows %q", status)
	}
	look(t, ctx, "public-tracking")
	err = chromedp.Run(ctx,
		chromedp.Click(`#menu a[href="/sessions"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#screen-title`, chromedp.ByID),
		chromedp.Poll(`location.pathname`, &path, chromedp.WithPollingTimeout(5*time.Second)),
	)
	if err != nil || path != "/sessions" {
		t.Fatalf("menu after a deep link: %q %v", path, err)
	}
	look(t, ctx, "sessions-anonymous")
	if err := chromedp.Run(ctx, chromedp.NavigateBack(), chromedp.WaitVisible("#phone_last4", chromedp.ByID)); err != nil {
		t.Fatalf("back to the tracking screen: %v", err)
	}
	// Every menu link of the visitor opens its screen.
	for _, href := range []string{"/", "/track", "/login"} {
		if err := chromedp.Run(ctx, chromedp.Click(`#menu a[href="`+href+`"]`, chromedp.ByQuery), chromedp.WaitVisible(`#screen-title`, chromedp.ByID)); err != nil {
			t.Fatalf("menu %s: %v", href, err)
		}
		if href == "/" {
			run(t, ctx, "visitor-home", chromedp.WaitVisible(`.lead`, chromedp.ByQuery))
			look(t, ctx, "visitor-home")
		}
	}
	look(t, ctx, "login")
}

// Registration in the second demo ward (Hà Nội): province, ward and neighbourhood come from the
// API; a refused password shows the server's own message beside the field.
func TestRegistrationInTheSecondDemoWard(t *testing.T) {
	e := testkit.New(t)
	if err := seed.Run(context.Background(), e.Pool, e.App.Auth.Hasher); err != nil {
		t.Fatal(err)
	}
	base := e.Serve()
	ctx := browser(t)
	var hint, pwErr string
	run(t, ctx, "register-refused",
		chromedp.Navigate(base+"/register"),
		chromedp.WaitVisible("#province", chromedp.ByID),
		chromedp.Text("#password-hint", &hint, chromedp.ByID),
		chromedp.SendKeys("#full_name", "Mai Văn Tư", chromedp.ByID),
		chromedp.SendKeys("#phone", "0912345678", chromedp.ByID),
		chromedp.SendKeys("#password", "abc", chromedp.ByID),
		chromedp.SetValue("#province", "Thành phố Hà Nội", chromedp.ByID),
		chromedp.Evaluate(`document.getElementById('province').dispatchEvent(new Event('change'))`, nil),
		chromedp.WaitReady(`#ward_code option[value="00070"]`, chromedp.ByQuery),
		chromedp.SetValue("#ward_code", "00070", chromedp.ByID),
		chromedp.Evaluate(`document.getElementById('ward_code').dispatchEvent(new Event('change'))`, nil),
		chromedp.Poll(`document.querySelectorAll('#neighborhood_id option').length > 1`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Evaluate(`(s => { s.selectedIndex = 2; })(document.getElementById('neighborhood_id'))`, nil),
		chromedp.Click(`#register-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#password[aria-invalid=true]`, chromedp.ByQuery),
		chromedp.Text("#password-error", &pwErr, chromedp.ByID),
	)
	if !strings.Contains(hint, "8 ký tự") || pwErr == "" {
		t.Fatalf("rule shown %q, server's message %q", hint, pwErr)
	}
	look(t, ctx, "register-refused")
	run(t, ctx, "register-accepted",
		chromedp.Evaluate(`document.getElementById("password").value = ""`, nil),
		chromedp.SendKeys("#password", "Hoankiem2026", chromedp.ByID),
		chromedp.Click(`#register-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitNotPresent("#register-form", chromedp.ByID),
		chromedp.WaitVisible("#screen-title", chromedp.ByID),
	)
	look(t, ctx, "citizen-home-new")
	if n := e.Count(`SELECT count(*) FROM users u JOIN wards w ON w.id = u.ward_id JOIN neighborhoods n ON n.id = u.neighborhood_id
		WHERE u.full_name = 'Mai Văn Tư' AND w.code = '00070' AND n.name = 'Tổ dân phố số 2'`); n != 1 {
		t.Fatalf("%d accounts in Hoàn Kiếm, Tổ dân phố số 2", n)
	}
}

// A citizen sees sessions grouped by day with weekday and place, books a slot, sees the QR,
// finds the booking on the home screen, and cancels it; cancelled sessions offer nothing.
func TestCitizenBooksSeesQRAndCancels(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	sat := nextWeekday(time.Now(), time.Saturday)
	for i, venue := range []string{"Nhà văn hóa Khu phố 1", "Hội trường bị hủy"} {
		var s api.Session
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
			"neighborhood_id": w.Neighborhoods[0], "date": sat.AddDate(0, 0, 7*i).Format("2006-01-02"), "venue": venue,
			"start_time": "08:00", "end_time": "09:00", "slot_minutes": 30, "capacity_per_slot": 5}}).JSON(t, &s)
		if i == 1 {
			e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/transitions", Token: e.Token(officer), Body: map[string]any{"to": "cancelled"}})
		}
	}
	ctx := browser(t)
	if err := login(ctx, base, citizen); err != nil {
		t.Fatal(err)
	}
	look(t, ctx, "citizen-home")
	var heading string
	var qrWidth int
	err := chromedp.Run(ctx,
		chromedp.Click(`#menu a[href="/sessions"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-book]`, chromedp.ByQuery),
		chromedp.Text(`.day h4`, &heading, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(heading, "Thứ Bảy, ngày ") || !strings.Contains(heading, "· Nhà văn hóa Khu phố 1") {
		t.Fatalf("session heading %q", heading)
	}
	if body := text(ctx, "main"); strings.Contains(body, "bị hủy") {
		t.Fatalf("a cancelled session is offered: %q", body)
	}
	look(t, ctx, "citizen-sessions")
	err = chromedp.Run(ctx,
		chromedp.Click(`[data-book]`, chromedp.ByQuery),
		chromedp.WaitVisible("#booking-code", chromedp.ByID),
		chromedp.Poll(`document.querySelector('img.qr') && document.querySelector('img.qr').naturalWidth`, &qrWidth, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatal(err)
	}
	code := text(ctx, "#booking-code")
	if len(code) != 6 || qrWidth < 100 {
		t.Fatalf("code %q, QR width %d", code, qrWidth)
	}
	look(t, ctx, "citizen-booking-qr")
	err = chromedp.Run(ctx,
		chromedp.Click(`#menu a[href="/"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href^="/bookings/"]`, chromedp.ByQuery),
		chromedp.Click(`a[href^="/bookings/"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#cancel-booking", chromedp.ByID),
		chromedp.ActionFunc(func(ctx context.Context) error {
			return chromedp.Evaluate(`window.confirm = () => true`, nil).Do(ctx)
		}),
		chromedp.Click("#cancel-booking", chromedp.ByID),
		chromedp.WaitNotPresent("#cancel-booking", chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}
	look(t, ctx, "citizen-booking-cancelled")
	if n := e.Count("SELECT count(*) FROM bookings WHERE citizen_id = $1 AND code = $2 AND status = 'cancelled'", citizen.ID, code); n != 1 {
		t.Fatalf("%d cancelled bookings with the shown code", n)
	}
}
