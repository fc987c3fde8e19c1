package webtest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A volunteer on duty picks today's session from a list, then checks a citizen in by typing the
// booking's code (in lower case), and receives a walk-in.
func TestVolunteerChecksInByCode(t *testing.T) {
	e := testkit.New(t)
	sat := nextWeekday(time.Now(), time.Saturday)
	e.Clock.Set(time.Date(sat.Year(), sat.Month(), sat.Day(), 6, 0, 0, 0, calendar.Location).AddDate(0, 0, -1))
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, volunteer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleVolunteer), e.NewUser(w, auth.RoleCitizen)
	var sess api.Session
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
		"neighborhood_id": w.Neighborhoods[0], "date": sat.Format("2006-01-02"), "venue": "Nhà văn hóa khu phố 1",
		"start_time": "08:00", "end_time": "09:00", "slot_minutes": 30, "capacity_per_slot": 5,
		"staff_ids": []string{volunteer.ID.String()}}}).JSON(t, &sess)
	var b api.Booking
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions/" + sess.Id.String() + "/bookings", Token: e.Token(citizen),
		Body: map[string]any{"slot_starts_at": sess.Slots[1].StartsAt.Format(time.RFC3339)}}).JSON(t, &b)
	e.Clock.Set(time.Date(sat.Year(), sat.Month(), sat.Day(), 8, 20, 0, 0, calendar.Location))

	ctx := browser(t)
	if err := login(ctx, base, volunteer); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "checkin-list", chromedp.Click(`#menu a[href="/checkin"]`, chromedp.ByQuery), chromedp.WaitVisible(`[data-session="`+sess.Id.String()+`"]`, chromedp.ByQuery))
	look(t, ctx, "volunteer-checkin-pick")
	run(t, ctx, "checkin",
		chromedp.Click(`[data-session="`+sess.Id.String()+`"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#code", chromedp.ByID),
		chromedp.SendKeys("#code", strings.ToLower(b.Code), chromedp.ByID),
		chromedp.Click(`#checkin-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#msg.ok`, chromedp.ByQuery),
	)
	if msg := text(ctx, "#msg"); !strings.Contains(msg, b.Code) || e.Count("SELECT count(*) FROM bookings WHERE id = $1 AND status = 'checked_in'", b.Id) != 1 {
		t.Fatalf("check-in message %q", msg)
	}
	look(t, ctx, "volunteer-checkin")
	run(t, ctx, "walk-in",
		chromedp.Click(`details summary`, chromedp.ByQuery),
		chromedp.SendKeys("#name", "Trần Văn Ba", chromedp.ByID),
		chromedp.Click(`#walkin-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg') && document.getElementById('msg').textContent.includes('Trần Văn Ba')`, nil, chromedp.WithPollingTimeout(5*time.Second)),
	)
	if n := e.Count("SELECT count(*) FROM bookings WHERE session_id = $1 AND walk_in", sess.Id); n != 1 {
		t.Fatalf("%d walk-ins", n)
	}
}

// A citizen reads a dossier's timeline and receipt, sees the postage before asking for the
// result by post; a returned dossier asks for a rating.
func TestCitizenDossierTimelineReceiptPostalAndRating(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	p := procedure(t, e, w, "counter,postal_return", "Tờ khai")
	var d, done api.Dossier
	for _, x := range []*api.Dossier{&d, &done} {
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
			"procedure_id": p.Id, "applicant_id": citizen.ID, "channel": "counter"}}).JSON(t, x)
	}
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(officer), Body: map[string]any{"to": "in_review"}})
	for _, to := range []string{"in_review", "approved", "result_ready", "returned"} {
		e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + done.Id.String() + "/transitions", Token: e.Token(officer), Body: map[string]any{"to": to}})
	}

	ctx := browser(t)
	if err := login(ctx, base, citizen); err != nil {
		t.Fatal(err)
	}
	var steps int
	run(t, ctx, "dossiers",
		chromedp.Click(`#menu a[href="/dossiers"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href="/dossiers/`+d.Id.String()+`"]`, chromedp.ByQuery))
	look(t, ctx, "citizen-dossiers")
	run(t, ctx, "dossier",
		chromedp.Click(`a[href="/dossiers/`+d.Id.String()+`"]`, chromedp.ByQuery),
		chromedp.WaitVisible(".timeline li", chromedp.ByQuery),
		chromedp.WaitVisible("#receipt", chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll('.timeline li').length`, &steps))
	if r := text(ctx, "#receipt"); !strings.Contains(r, "Theo quy định của tỉnh") {
		t.Errorf("receipt without the province's fee rule: %q", r)
	}
	run(t, ctx, "quote",
		chromedp.SendKeys("#province", "Thành phố Hồ Chí Minh", chromedp.ByID),
		chromedp.Click(`#quote-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#quote", chromedp.ByID))
	if q := text(ctx, "#quote"); !strings.Contains(q, "đồng") {
		t.Fatalf("quote %q", q)
	}
	look(t, ctx, "citizen-dossier-postal-quote")
	run(t, ctx, "postal",
		chromedp.SendKeys("#ward", "Phường Bến Thành", chromedp.ByID),
		chromedp.SendKeys("#street", "12 Lê Lợi", chromedp.ByID),
		chromedp.Click(`#post-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#msg.ok", chromedp.ByQuery))
	if steps != 2 || e.Count("SELECT count(*) FROM shipments WHERE dossier_id = $1", d.Id) != 1 {
		t.Fatalf("timeline steps %d, shipments %d", steps, e.Count("SELECT count(*) FROM shipments WHERE dossier_id = $1", d.Id))
	}
	run(t, ctx, "returned",
		chromedp.Navigate(base+"/dossiers/"+done.Id.String()),
		chromedp.WaitVisible(`[data-rate="4"]`, chromedp.ByQuery))
	look(t, ctx, "citizen-dossier-rating")
	run(t, ctx, "rate", chromedp.Click(`[data-rate="4"]`, chromedp.ByQuery), chromedp.WaitNotPresent(`[data-rate="4"]`, chromedp.ByQuery))
	if n := e.Count("SELECT count(*) FROM dossier_ratings WHERE dossier_id = $1 AND rating = 4", done.Id); n != 1 {
		t.Fatalf("%d ratings", n)
	}
}

// The inbox shows dates, unread state and a link to the dossier; switching to English changes
// the screen's words and the server's messages (Accept-Language), and the account's language.
func TestInboxAndEnglish(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	p := procedure(t, e, w, "counter", "Tờ khai")
	var d api.Dossier
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": p.Id, "applicant_id": citizen.ID, "channel": "counter"}}).JSON(t, &d)
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(officer), Body: map[string]any{"to": "in_review"}})
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(officer),
		Body: map[string]any{"to": "supplement_requested", "note": "Thiếu bản sao giấy chứng sinh"}})
	// The message is written by the notification worker, shortly after the move.
	for i := 0; i < 100 && e.Count("SELECT count(*) FROM notifications WHERE user_id = $1", citizen.ID) == 0; i++ {
		time.Sleep(100 * time.Millisecond)
	}

	ctx := browser(t)
	if err := login(ctx, base, citizen); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "inbox", chromedp.Click(`#menu a[href="/inbox"]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('screen-title')?.textContent === 'Thông báo'`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	var unread int
	_ = chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll('.unread').length`, &unread))
	look(t, ctx, "citizen-inbox")
	if unread > 0 {
		run(t, ctx, "inbox-link", chromedp.Click(`.unread a[href^="/dossiers/"]`, chromedp.ByQuery), chromedp.WaitVisible(".timeline", chromedp.ByQuery))
	}
	var title string
	run(t, ctx, "english",
		chromedp.Click("#lang", chromedp.ByID),
		chromedp.Poll(`document.documentElement.lang === 'en'`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Navigate(base+"/track"),
		chromedp.WaitVisible("#phone_last4", chromedp.ByID),
		chromedp.SendKeys("#code", "NOPE", chromedp.ByID),
		chromedp.SendKeys("#phone_last4", "12", chromedp.ByID),
		chromedp.Click(`#track-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(".form-error", chromedp.ByQuery),
		chromedp.Text("#screen-title", &title, chromedp.ByID),
	)
	msg := text(ctx, "#track-form")
	if title != "Track a dossier" || strings.ContainsAny(msg, "ơưđ") {
		t.Fatalf("English screen %q, message %q", title, msg)
	}
	look(t, ctx, "citizen-english-track")
	if n := e.Count("SELECT count(*) FROM users WHERE id = $1 AND locale = 'en'", citizen.ID); n != 1 {
		t.Fatal("the account's language did not follow the switch")
	}
	if unread == 0 {
		t.Fatal("no unread notification after the supplement request")
	}
}

// The officer's dashboard draws the weekly chart from GET /v1/stats.
func TestOfficerDashboardRendersCharts(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	p := procedure(t, e, w, "counter,online", "Tờ khai")
	for _, ch := range []string{"counter", "online", "online"} {
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
			"procedure_id": p.Id, "applicant_name": "Lê Văn Tám", "channel": ch}})
	}
	ctx := browser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	var bars int
	run(t, ctx, "dashboard",
		chromedp.WaitVisible("#chart-weeks", chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll('#chart-weeks rect.bar[height]:not([height="0"])').length`, &bars))
	look(t, ctx, "officer-dashboard")
	if bars < 2 {
		t.Fatalf("%d non-empty bars in the weekly chart", bars)
	}
}
