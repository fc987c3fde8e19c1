package webtest

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The console is desktop first: its tests drive it at 1280×800.
func desktop() chromedp.Action {
	return chromedp.EmulateViewport(1280, 800)
}

// deskBrowser is a browser at the console's size.
func deskBrowser(t *testing.T) context.Context {
	ctx := browser(t)
	if err := chromedp.Run(ctx, desktop()); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// lookDesk audits and photographs a console screen, then goes back to the desktop size.
func lookDesk(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	look(t, ctx, name)
	if err := chromedp.Run(ctx, desktop()); err != nil {
		t.Fatal(err)
	}
}

// setValue types a value into a control the way a person's choice would (input and change).
func setValue(sel, v string) chromedp.Action {
	return chromedp.Evaluate(`(el => { el.value = `+jsString(v)+`; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); })(document.querySelector(`+jsString(sel)+`))`, nil)
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`)
	return "'" + r.Replace(s) + "'"
}

// An officer schedules and publishes a Saturday session from the console (with themself on
// duty), a citizen books a slot, and on the day the officer checks the citizen in by code and
// receives a walk-in; the bookings per slot show both.
func TestConsoleSchedulesSessionAndChecksInByCode(t *testing.T) {
	e := testkit.New(t)
	sat := nextWeekday(time.Now(), time.Saturday)
	e.Clock.Set(time.Date(sat.Year(), sat.Month(), sat.Day(), 6, 0, 0, 0, calendar.Location).AddDate(0, 0, -1))
	base := e.Serve()
	w := e.NewWard("26734", 2)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	procedure(t, e, w, "counter,saturday_session", "Tờ khai")
	ctx := deskBrowser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "console-sessions",
		chromedp.Navigate(base+"/console/sessions"),
		chromedp.WaitVisible("#session-form", chromedp.ByID))
	lookDesk(t, ctx, "console-sessions-empty")
	var path string
	run(t, ctx, "schedule",
		setValue("#date", sat.Format("2006-01-02")),
		chromedp.SendKeys("#venue", "Nhà văn hóa khu phố 1", chromedp.ByID),
		setValue("#start_time", "08:00"),
		setValue("#end_time", "09:00"),
		chromedp.Click(`#procedure_ids input`, chromedp.ByQuery),
		chromedp.Click(`#staff_ids input[value="`+officer.ID.String()+`"]`, chromedp.ByQuery),
		chromedp.Click(`#session-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#session-status", chromedp.ByID),
		chromedp.Evaluate(`location.pathname`, &path))
	var sess api.Session
	e.Expect(200, testkit.Req{Method: "GET", Path: strings.Replace(path, "/console", "/v1", 1)}).JSON(t, &sess)
	if sess.Status != api.SessionStatusScheduled || len(sess.Slots) != 2 || len(sess.StaffIds) != 1 || len(sess.ProcedureIds) != 1 || sess.Date.Format("2006-01-02") != sat.Format("2006-01-02") {
		t.Fatalf("scheduled session %+v", sess)
	}
	var b api.Booking
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions/" + sess.Id.String() + "/bookings", Token: e.Token(citizen),
		Body: map[string]any{"slot_starts_at": sess.Slots[0].StartsAt.Format(time.RFC3339)}}).JSON(t, &b)

	// On the day, during the session.
	e.Clock.Set(time.Date(sat.Year(), sat.Month(), sat.Day(), 8, 10, 0, 0, calendar.Location))
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "list", chromedp.Navigate(base+"/console/sessions"), chromedp.WaitVisible(`#sessions-table a[href="`+path+`"]`, chromedp.ByQuery))
	lookDesk(t, ctx, "console-sessions")
	run(t, ctx, "open", chromedp.Click(`#sessions-table a[href="`+path+`"]`, chromedp.ByQuery), chromedp.WaitVisible("#checkin-form", chromedp.ByID))
	if body := text(ctx, "main"); !strings.Contains(body, b.Code) || !strings.Contains(body, "đã đặt 1/4") {
		t.Fatalf("the slot's bookings are not shown:\n%s", body)
	}
	lookDesk(t, ctx, "console-session")
	run(t, ctx, "checkin",
		chromedp.SendKeys("#code", strings.ToLower(b.Code), chromedp.ByID),
		chromedp.Click(`#checkin-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#msg .ok`, chromedp.ByQuery))
	if msg := text(ctx, "#msg"); !strings.Contains(msg, b.Code) || e.Count("SELECT count(*) FROM bookings WHERE id = $1 AND status = 'checked_in'", b.Id) != 1 {
		t.Fatalf("check-in message %q", msg)
	}
	run(t, ctx, "walk-in",
		chromedp.Evaluate(`document.querySelector('#walkin-form').closest('details').open = true`, nil),
		chromedp.SendKeys("#name", "Trần Văn Ba", chromedp.ByID),
		chromedp.Click(`#walkin-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('walkins-table') && document.getElementById('walkins-table').textContent.includes('Trần Văn Ba')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	lookDesk(t, ctx, "console-session-checked-in")
	if n := e.Count("SELECT count(*) FROM bookings WHERE session_id = $1 AND walk_in", sess.Id); n != 1 {
		t.Fatalf("%d walk-ins", n)
	}
}

// An officer sees a citizen's home pickup in the neighbourhood's list (no map), switches a
// volunteer on duty and assigns the request to them; the dispatch mode is saved.
func TestConsoleAssignsAPickup(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 2)
	officer, citizen, volunteer := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	p := procedure(t, e, w, "counter,home_pickup", "Tờ khai")
	day := time.Now().In(calendar.Location).AddDate(0, 0, 1)
	for day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	var pk api.Pickup
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: e.Token(citizen), Body: map[string]any{
		"address": "9 Nguyễn Huệ", "neighborhood_id": w.Neighborhoods[0], "reason": "ill", "procedure_id": p.Id,
		"preferred_date": day.Format("2006-01-02"), "window_start": "08:00", "window_end": "10:00", "contact_phone": "0987654321"}}).JSON(t, &pk)
	ctx := deskBrowser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "pickups",
		chromedp.Navigate(base+"/console/sessions"),
		chromedp.WaitVisible(`.subnav a[href="/console/pickups"]`, chromedp.ByQuery),
		chromedp.Click(`.subnav a[href="/console/pickups"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-assign="`+pk.Id.String()+`"]`, chromedp.ByQuery))
	if body := text(ctx, "#pickups-table"); !strings.Contains(body, "9 Nguyễn Huệ") || !strings.Contains(body, "Chờ phân công") || !strings.Contains(body, "08:00–10:00") {
		t.Fatalf("pickup row: %q", body)
	}
	lookDesk(t, ctx, "console-pickups")
	if got := text(ctx, "#duty-"+volunteer.ID.String()); got != "Nghỉ trực" {
		t.Fatalf("duty state before %q", got)
	}
	run(t, ctx, "duty",
		chromedp.Click(`[data-duty="`+volunteer.ID.String()+`"]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('duty-`+volunteer.ID.String()+`').textContent === 'Đang trực'`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if n := e.Count("SELECT count(*) FROM volunteer_duty WHERE user_id = $1 AND on_duty", volunteer.ID); n != 1 {
		t.Fatalf("volunteer on duty: %d", n)
	}
	run(t, ctx, "assign",
		setValue("#vol-"+pk.Id.String(), volunteer.ID.String()),
		chromedp.Click(`[data-assign="`+pk.Id.String()+`"]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg').textContent.includes('Đã phân công')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if n := e.Count("SELECT count(*) FROM pickups WHERE id = $1 AND status = 'assigned' AND volunteer_id = $2", pk.Id, volunteer.ID); n != 1 {
		t.Fatalf("pickup not assigned to the volunteer")
	}
	// After the reload the list says the volunteer is on duty (GET /v1/users gives on_duty).
	if got := text(ctx, "#duty-"+volunteer.ID.String()); got != "Đang trực" {
		t.Fatalf("duty state after a reload %q", got)
	}
	lookDesk(t, ctx, "console-pickups-assigned")
	run(t, ctx, "settings",
		setValue("#dispatch_mode", "open"),
		chromedp.Click(`#settings-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg').textContent.includes('Đã lưu')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	var s api.PickupSettings
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickup-settings", Token: e.Token(officer)}).JSON(t, &s)
	if s.DispatchMode != "open" {
		t.Fatalf("settings %+v", s)
	}
}

// A result ready to be posted home: the officer hands the parcel to the carrier with the
// tracking number obtained at the counter; the parcel shows among those handed over.
func TestConsoleHandsAParcelToTheCarrier(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen, admin := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleAdmin)
	p := procedure(t, e, w, "counter,postal_return", "Tờ khai")
	var d api.Dossier
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": p.Id, "applicant_id": citizen.ID, "channel": "counter"}}).JSON(t, &d)
	var sh api.Shipment
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/shipment", Token: e.Token(citizen), Body: map[string]any{
		"recipient_name": "Nguyễn Thị Lan", "recipient_phone": "0901000101", "province": "Tỉnh thử", "ward": "Phường Bến Thành", "street": "12 Lê Lợi"}}).JSON(t, &sh)
	for _, to := range []string{"in_review", "approved", "result_ready"} {
		e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(officer), Body: map[string]any{"to": to}})
	}
	ctx := deskBrowser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "postal", chromedp.Navigate(base+"/console/postal"), chromedp.WaitVisible(`[data-handover="`+sh.Id.String()+`"]`, chromedp.ByQuery))
	lookDesk(t, ctx, "console-postal")
	run(t, ctx, "hand-over",
		chromedp.SendKeys("#tracking-"+sh.Id.String(), "EL123456789VN", chromedp.ByID),
		chromedp.Click(`[data-handover="`+sh.Id.String()+`"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#msg .ok`, chromedp.ByQuery))
	if n := e.Count("SELECT count(*) FROM shipments WHERE id = $1 AND status = 'handed_to_carrier' AND tracking_number = 'EL123456789VN'", sh.Id); n != 1 {
		t.Fatalf("parcel not handed over: %s", text(ctx, "main"))
	}
	run(t, ctx, "handed", chromedp.Navigate(base+"/console/postal?status=handed_to_carrier"), chromedp.WaitVisible(`#shipments-table`, chromedp.ByID))
	if body := text(ctx, "#shipments-table"); !strings.Contains(body, "EL123456789VN") || !strings.Contains(body, d.Code) {
		t.Fatalf("handed-over list: %q", body)
	}
	lookDesk(t, ctx, "console-postal-handed")
	// A second dossier's result is registered for the post by the officer (a citizen asking at the counter).
	var d2 api.Dossier
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": p.Id, "applicant_name": "Hồ Văn Sáu", "applicant_phone": "0987654321", "channel": "counter"}}).JSON(t, &d2)
	run(t, ctx, "book", chromedp.Navigate(base+"/console/postal"), chromedp.WaitReady("#book-form", chromedp.ByID),
		chromedp.Evaluate(`document.getElementById('book-form').closest('details').open = true`, nil),
		setValue("#dossier_id", d2.Id.String()),
		setValue("#province", "Tỉnh thử"),
		chromedp.SendKeys("#ward", "Phường Bến Thành", chromedp.ByID),
		chromedp.SendKeys("#street", "3 Lê Lợi", chromedp.ByID),
		chromedp.WaitVisible("#book-quote:not(:empty)", chromedp.ByQuery))
	lookDesk(t, ctx, "console-postal-book")
	run(t, ctx, "booked", chromedp.Click(`#book-form button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`[data-handover]`, chromedp.ByQuery))
	if n := e.Count("SELECT count(*) FROM shipments WHERE dossier_id = $1 AND recipient_name = 'Hồ Văn Sáu' AND status = 'requested'", d2.Id); n != 1 {
		t.Fatalf("%d shipments booked by the officer", n)
	}
	// The admin sets the ward's tariff.
	if err := login(ctx, base, admin); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "tariff", chromedp.Navigate(base+"/console/postal"), chromedp.WaitVisible(`#tariff-form button[type=submit]`, chromedp.ByQuery),
		setValue("#cod_fee_vnd", "12000"),
		chromedp.Click(`#tariff-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg').textContent.includes('Đã lưu')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	var tf api.PostalTariff
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/postal/tariff", Token: e.Token(admin)}).JSON(t, &tf)
	if tf.CodFeeVnd != 12000 {
		t.Fatalf("tariff %+v", tf)
	}
	lookDesk(t, ctx, "console-postal-admin")
}

// The ward's admin: creates a volunteer's account and deactivates it, clears a procedure's
// cut-off hour (sent as an explicit null), sees the holiday calendar of this year and the next
// (marked "Dự kiến" while provisional), and names the office.
func TestConsoleAdministration(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	admin := e.NewUser(w, auth.RoleAdmin)
	p := procedure(t, e, w, "counter", "Tờ khai,Giấy chứng sinh")
	if _, err := e.Pool.Exec(context.Background(), "UPDATE procedures SET cutoff_hour = 15 WHERE id = $1", p.Id); err != nil {
		t.Fatal(err)
	}
	ctx := deskBrowser(t)
	if err := login(ctx, base, admin); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "users", chromedp.Navigate(base+"/console/admin/users"), chromedp.WaitVisible("#user-form", chromedp.ByID),
		chromedp.SendKeys("#full_name", "Lê Thị Hoa", chromedp.ByID),
		chromedp.SendKeys("#phone", "0912000111", chromedp.ByID),
		chromedp.SendKeys("#password", "Tinhnguyen2026", chromedp.ByID),
		chromedp.Click(`#user-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('users-table') && document.getElementById('users-table').textContent.includes('Lê Thị Hoa')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	var id string
	if err := e.Pool.QueryRow(context.Background(), "SELECT id::text FROM users WHERE full_name = 'Lê Thị Hoa' AND role = 'volunteer' AND active").Scan(&id); err != nil {
		t.Fatalf("volunteer not created: %v", err)
	}
	lookDesk(t, ctx, "console-admin-users")
	run(t, ctx, "deactivate",
		chromedp.Evaluate(`window.confirm = () => true`, nil),
		chromedp.Click(`[data-active="`+id+`"]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg').textContent.includes('Đã khóa')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if n := e.Count("SELECT count(*) FROM users WHERE id = $1 AND NOT active", id); n != 1 {
		t.Fatal("the account is still active")
	}
	run(t, ctx, "procedures", chromedp.Navigate(base+"/console/admin/procedures"), chromedp.WaitVisible("#procedures-table", chromedp.ByID))
	if body := text(ctx, "#procedures-table"); !strings.Contains(body, "15:00") || !strings.Contains(body, "Theo quy định của tỉnh") {
		t.Fatalf("catalogue: %q", body)
	}
	lookDesk(t, ctx, "console-admin-procedures")
	run(t, ctx, "clear-cutoff",
		chromedp.Click(`#procedures-table a[href="/console/admin/procedures/`+p.Id.String()+`"]`, chromedp.ByQuery),
		// The list has a create form with the same fields: wait for the edit form's own box.
		chromedp.WaitVisible("#procedure-form #active", chromedp.ByQuery),
		setValue("#cutoff_hour", ""),
		chromedp.Click(`#procedure-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg').textContent.includes('Đã lưu')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if n := e.Count("SELECT count(*) FROM procedures WHERE id = $1 AND cutoff_hour IS NULL AND fee_vnd IS NULL AND array_length(required_documents, 1) = 2", p.Id); n != 1 {
		var row string
		_ = e.Pool.QueryRow(context.Background(), "SELECT row_to_json(p)::text FROM procedures p WHERE id = $1", p.Id).Scan(&row)
		t.Fatalf("the cut-off hour was not cleared (or the fee or documents changed): %s\n%s", row, text(ctx, "main"))
	}
	lookDesk(t, ctx, "console-admin-procedure")
	next := time.Now().In(calendar.Location).Year() + 1
	run(t, ctx, "calendar", chromedp.Navigate(base+"/console/admin/calendar"), chromedp.WaitVisible("#calendar-state", chromedp.ByID))
	lookDesk(t, ctx, "console-admin-calendar")
	run(t, ctx, "calendar-next", chromedp.Navigate(base+"/console/admin/calendar?year="+strconv.Itoa(next)), chromedp.WaitVisible("#calendar-state", chromedp.ByID))
	var cal api.Calendar
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/calendar/" + strconv.Itoa(next), Token: e.Token(admin)}).JSON(t, &cal)
	if state := text(ctx, "#calendar-state"); cal.Provisional != strings.Contains(state, "Dự kiến") {
		t.Fatalf("provisional %v shown as %q", cal.Provisional, state)
	}
	run(t, ctx, "ward", chromedp.Navigate(base+"/console/admin/ward"), chromedp.WaitVisible("#ward-form", chromedp.ByID),
		chromedp.SendKeys("#office_name", "Trung tâm Phục vụ hành chính công phường Thử", chromedp.ByID),
		chromedp.Click(`#ward-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg').textContent.includes('Đã lưu')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if got := text(ctx, "#office-name"); got != "Trung tâm Phục vụ hành chính công phường Thử" {
		t.Fatalf("office name shown %q", got)
	}
	lookDesk(t, ctx, "console-admin-ward")
}

// The statistics of any period: the weekly chart has its axes, a bar per channel received and a
// legend; the figures match the API's; the CSV export holds the same figures.
func TestConsoleStatistics(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	p := procedure(t, e, w, "counter,online", "Tờ khai")
	for _, ch := range []string{"counter", "counter", "online"} {
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
			"procedure_id": p.Id, "applicant_name": "Hồ Văn Sáu", "applicant_phone": "0987654321", "channel": ch}})
	}
	ctx := deskBrowser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	var bars, ticks, legend int
	run(t, ctx, "stats", chromedp.Navigate(base+"/console/stats"), chromedp.WaitVisible("#chart-weeks", chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll('#chart-weeks rect').length`, &bars),
		chromedp.Evaluate(`document.querySelectorAll('#chart-weeks text').length`, &ticks),
		chromedp.Evaluate(`document.querySelectorAll('.legend li').length`, &legend))
	if bars != 2 || ticks < 8 || legend != 6 {
		t.Fatalf("weekly chart: %d bars (want counter and online), %d labels, %d legend entries", bars, ticks, legend)
	}
	if got := text(ctx, "#f-received"); got != "3" {
		t.Fatalf("received shown %q", got)
	}
	lookDesk(t, ctx, "console-stats")
	var out string
	run(t, ctx, "csv", chromedp.Evaluate(`(async () => {
		const api = await import('/app/api.js'), m = await import('/app/screens/console-stats.js');
		const s = await api.get('/v1/stats?from=' + document.getElementById('from').value + '&to=' + document.getElementById('to').value);
		return m.csv(s);
	})()`, &out, awaitPromise))
	if !strings.Contains(out, "tong_hop,received,3\r\n") || !strings.Contains(out, "tong_hop,online_share,") {
		t.Fatalf("csv:\n%s", out)
	}
	run(t, ctx, "export", chromedp.Click("#export-csv", chromedp.ByID))
}
