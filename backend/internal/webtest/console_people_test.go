package webtest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// An officer records a representation given at the office (the applicant found by phone among
// the ward's citizens) and revokes it; the server's field message stands beside its field.
func TestConsoleRecordsAndRevokesARepresentation(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, applicant, rep := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	local := func(p string) string { return strings.Replace(p, "+84", "0", 1) }
	ctx := deskBrowser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "open",
		chromedp.Navigate(base+"/console/sessions"),
		chromedp.WaitVisible(`.subnav a[href="/console/representations"]`, chromedp.ByQuery),
		chromedp.Click(`.subnav a[href="/console/representations"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#rep-form", chromedp.ByID))
	// Without the consent note the server refuses, and says so beside the field.
	run(t, ctx, "no-consent",
		chromedp.SendKeys("#applicant_phone", local(applicant.Phone), chromedp.ByID),
		chromedp.SendKeys("#representative_phone", local(rep.Phone), chromedp.ByID),
		chromedp.SendKeys("#relationship", "con", chromedp.ByID),
		chromedp.Click(`#rep-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('consent_note-error').textContent !== ''`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	run(t, ctx, "record",
		chromedp.SendKeys("#consent_note", "Đã ký giấy ủy quyền tại quầy", chromedp.ByID),
		chromedp.Click(`#rep-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#reps-table [data-revoke]`, chromedp.ByQuery))
	if n := e.Count("SELECT count(*) FROM representations WHERE applicant_id = $1 AND representative_id = $2 AND revoked_at IS NULL AND recorded_by = $3", applicant.ID, rep.ID, officer.ID); n != 1 {
		t.Fatalf("%d live representations recorded", n)
	}
	if body := text(ctx, "#reps-table"); !strings.Contains(body, "Đang hiệu lực") || !strings.Contains(body, "con") {
		t.Fatalf("representations: %q", body)
	}
	lookDesk(t, ctx, "console-representations")
	run(t, ctx, "revoke",
		chromedp.Evaluate(`window.prompt = () => 'Người dân đề nghị thu hồi'`, nil),
		chromedp.Click(`#reps-table [data-revoke]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg').textContent.includes('Đã thu hồi')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if n := e.Count("SELECT count(*) FROM representations WHERE applicant_id = $1 AND revoked_at IS NOT NULL", applicant.ID); n != 1 {
		t.Fatal("the representation is not revoked")
	}
	run(t, ctx, "with-revoked", chromedp.Navigate(base+"/console/representations?include_revoked=true"), chromedp.WaitVisible("#reps-table", chromedp.ByID))
	if body := text(ctx, "#reps-table"); !strings.Contains(body, "Đã thu hồi") {
		t.Fatalf("revoked list: %q", body)
	}
}

// After a hotline call an officer asks for a home pickup for a named person without an account:
// a Sunday is refused with the server's message beside the date, a working day goes, and the
// request shows in the pickups list under the person's name.
func TestConsoleRequestsAPickupForAPerson(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 2)
	officer := e.NewUser(w, auth.RoleOfficer)
	procedure(t, e, w, "counter,home_pickup", "Tờ khai")
	now := time.Now().In(calendar.Location)
	day := now.AddDate(0, 0, 1)
	for day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	sunday := nextWeekday(now.AddDate(0, 0, 1), time.Sunday)
	ctx := deskBrowser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "open",
		chromedp.Navigate(base+"/console/pickups"),
		chromedp.WaitVisible(`.subnav a[href="/console/pickups/new"]`, chromedp.ByQuery),
		chromedp.Click(`.subnav a[href="/console/pickups/new"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#pickup-new-form", chromedp.ByID))
	run(t, ctx, "sunday",
		chromedp.SendKeys("#applicant_name", "Bà Nguyễn Thị Tư", chromedp.ByID),
		chromedp.SendKeys("#applicant_phone", "0987654321", chromedp.ByID),
		chromedp.SendKeys("#address", "15 Hẻm 3 Lê Lợi", chromedp.ByID),
		setValue("#reason", "elderly"),
		setValue("#preferred_date", sunday.Format("2006-01-02")),
		chromedp.Click(`#pickup-new-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('preferred_date-error').textContent !== ''`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if msg := text(ctx, "#preferred_date-error"); !strings.Contains(msg, "Chủ nhật") {
		t.Fatalf("the Sunday's message %q", msg)
	}
	lookDesk(t, ctx, "console-pickup-new")
	run(t, ctx, "send",
		setValue("#preferred_date", day.Format("2006-01-02")),
		chromedp.Click(`#pickup-new-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#pickups-table", chromedp.ByID))
	if n := e.Count("SELECT count(*) FROM pickups WHERE applicant_name = 'Bà Nguyễn Thị Tư' AND citizen_id IS NULL AND window_start = '08:00'"); n != 1 {
		t.Fatalf("%d pickups for the person", n)
	}
	if body := text(ctx, "#pickups-table"); !strings.Contains(body, "Bà Nguyễn Thị Tư") || !strings.Contains(body, "15 Hẻm 3 Lê Lợi") {
		t.Fatalf("pickups list: %q", body)
	}
	if msg := text(ctx, "#msg"); !strings.Contains(msg, "Bà Nguyễn Thị Tư") {
		t.Fatalf("message %q", msg)
	}
	lookDesk(t, ctx, "console-pickups-for-person")
}
