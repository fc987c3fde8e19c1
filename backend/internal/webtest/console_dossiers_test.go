package webtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// consoleDesk puts the page at the console's size (desktop first, 1280×800); look() photographs
// both sizes and leaves the phone size behind, so each step of a console test calls it again.
func consoleDesk() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		return emulation.SetDeviceMetricsOverride(1280, 800, 1, false).Do(ctx)
	})
}

// consoleLook audits and photographs a console screen, then returns to the desktop size.
func consoleLook(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	look(t, ctx, name)
	run(t, ctx, "desk-"+name, consoleDesk())
}

// consoleStatus waits until the dossier screen shows the given status label.
func consoleStatus(label string) chromedp.Action {
	return chromedp.Poll(`document.getElementById('dossier-status')?.textContent === `+"`"+label+"`", nil, chromedp.WithPollingTimeout(10*time.Second))
}

// consoleMove submits one move's form on the dossier screen and waits for the new status.
func consoleMove(t *testing.T, ctx context.Context, to, label string) {
	t.Helper()
	run(t, ctx, "move-"+to,
		chromedp.WaitVisible(`#move-`+to+` button[type=submit]`, chromedp.ByQuery),
		chromedp.Click(`#move-`+to+` button[type=submit]`, chromedp.ByQuery),
		consoleStatus(label))
}

// The officer's day: a dossier received at the counter (procedure found without diacritics,
// the applicant's account found by phone, a document unticked) ends on the printable receipt;
// then in_review → supplement (refused without its reason, then with it) → back to in_review
// → an apology letter the server refuses (shown plainly) → approved → result_ready, the portal
// code, returned and the applicant's rating shown; the
// citizen's own browser sees the request for a supplement in the inbox.
func TestConsoleOfficersDay(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	procedure(t, e, w, "counter,postal_return", "Tờ khai,Giấy chứng sinh")

	ctx := browser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "today", consoleDesk(), chromedp.Navigate(base+"/console"), chromedp.WaitVisible("#today-overdue", chromedp.ByID))
	consoleLook(t, ctx, "console-today-empty")

	var receipt string
	var upper string
	run(t, ctx, "intake",
		chromedp.Click(`#menu a[href="/console/intake"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#procedure_q", chromedp.ByID),
		// Enter searches at once and never sends the form
		chromedp.SendKeys("#procedure_q", "dang ky KHAI"+kb.Enter, chromedp.ByID),
		chromedp.WaitVisible(`#procedure-results input[name=procedure_id]`, chromedp.ByQuery),
		chromedp.Click(`#procedure-results input[name=procedure_id]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#doc-1`, chromedp.ByID),
		chromedp.Click(`#doc-1`, chromedp.ByID),
		chromedp.SendKeys("#applicant_phone", citizen.Phone+kb.Enter, chromedp.ByID),
		chromedp.Poll(`document.getElementById('account-line').textContent.startsWith('Tài khoản')`, nil, chromedp.WithPollingTimeout(10*time.Second)),
	)
	var sent string
	run(t, ctx, "not-sent", chromedp.Evaluate(`document.querySelector('#intake-form .form-error')?.textContent || ''`, &sent))
	if n := e.Count("SELECT count(*) FROM dossiers"); n != 0 || sent != "" {
		t.Fatalf("Enter sent the intake form: %d dossiers, %q", n, sent)
	}
	consoleLook(t, ctx, "console-intake")
	run(t, ctx, "receipt",
		chromedp.Click(`#intake-form > button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#receipt-dialog", chromedp.ByID),
		chromedp.Poll(`document.getElementById('receipt-frame').contentDocument?.body?.innerText || ''`, &receipt, chromedp.WithPollingTimeout(10*time.Second)),
		// the receipt's own style applies inside the app's CSP (allowed by its hash)
		chromedp.Evaluate(`getComputedStyle(document.getElementById('receipt-frame').contentDocument.querySelector('h1')).textTransform`, &upper),
	)
	if !strings.Contains(receipt, "Tờ khai") || strings.Contains(receipt, "Giấy chứng sinh") || upper != "uppercase" {
		t.Fatalf("receipt (style %q): %q", upper, receipt)
	}
	consoleLook(t, ctx, "console-receipt")
	var d api.Dossier
	var list api.DossierList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers", Token: e.Token(officer)}).JSON(t, &list)
	d = list.Items[0]
	if d.ApplicantId == nil || *d.ApplicantId != citizen.ID || d.Status != "received" {
		t.Fatalf("dossier %+v", d)
	}
	run(t, ctx, "open",
		chromedp.Click("#receipt-close", chromedp.ByID),
		chromedp.WaitNotPresent("#receipt-dialog", chromedp.ByID),
		chromedp.Click(`#intake-done a[href^="/console/dossiers/"]`, chromedp.ByQuery),
		consoleStatus("Đã tiếp nhận"))
	consoleLook(t, ctx, "console-dossier-received")
	consoleMove(t, ctx, "in_review", "Đang xử lý")

	// The reason of a supplement request is required: the server's message beside the box.
	var noteErr string
	run(t, ctx, "supplement-refused",
		chromedp.Click(`#move-supplement_requested button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#move-supplement_requested-note[aria-invalid=true]`, chromedp.ByQuery),
		chromedp.Text(`#move-supplement_requested-note-error`, &noteErr, chromedp.ByQuery))
	if noteErr == "" {
		t.Fatal("no message beside the reason")
	}
	run(t, ctx, "supplement",
		chromedp.SendKeys(`#move-supplement_requested-note`, "Thiếu bản sao Giấy chứng sinh", chromedp.ByQuery),
		chromedp.Click(`#move-supplement_requested button[type=submit]`, chromedp.ByQuery),
		consoleStatus("Cần bổ sung hồ sơ"))
	consoleLook(t, ctx, "console-dossier-supplement")
	consoleMove(t, ctx, "in_review", "Đang xử lý")

	// An apology letter dated before the current due date: the server refuses; the screen says why.
	var apologyErr string
	run(t, ctx, "apology-refused",
		chromedp.SetValue("#new_due_date", time.Now().Format("2006-01-02"), chromedp.ByID),
		chromedp.SendKeys("#apology-form textarea", "Chờ xác minh", chromedp.ByQuery),
		chromedp.Click(`#apology-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#apology-form .form-error`, chromedp.ByQuery),
		chromedp.Text(`#apology-form`, &apologyErr, chromedp.ByQuery))
	consoleLook(t, ctx, "console-dossier-apology-refused")
	if n := e.Count("SELECT reschedule_count FROM dossiers WHERE id = $1", d.Id); n != 0 {
		t.Fatalf("apology recorded: %d", n)
	}
	consoleMove(t, ctx, "approved", "Đã phê duyệt")
	consoleMove(t, ctx, "result_ready", "Đã có kết quả")
	consoleLook(t, ctx, "console-dossier-result-ready")
	if n := e.Count("SELECT count(*) FROM dossiers WHERE id = $1 AND status = 'result_ready'", d.Id); n != 1 {
		t.Fatal("the dossier is not result_ready on the server")
	}
	// The portal's own code: a malformed one is refused beside the field, a good one kept.
	var portalErr string
	run(t, ctx, "portal-code",
		chromedp.SendKeys("#portal_code", "không hợp lệ", chromedp.ByID),
		chromedp.Click(`#portal-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#portal_code[aria-invalid=true]`, chromedp.ByQuery),
		chromedp.Text("#portal_code-error", &portalErr, chromedp.ByID),
		chromedp.SetValue("#portal_code", "000.00.01.H12-261201-0001", chromedp.ByID),
		chromedp.Click(`#portal-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('#portal-form .ok').textContent !== ''`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	if n := e.Count("SELECT count(*) FROM dossiers WHERE id = $1 AND portal_code = '000.00.01.H12-261201-0001'", d.Id); n != 1 || portalErr == "" {
		t.Fatalf("portal code not kept (%d), refusal %q", n, portalErr)
	}
	// Handed back; the applicant's rating shows on the officer's screen.
	consoleMove(t, ctx, "returned", "Đã trả kết quả")
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/rating", Token: e.Token(citizen), Body: map[string]any{"score": 4, "comment": "Nhanh gọn"}})
	var rated string
	run(t, ctx, "rating", chromedp.Reload(), chromedp.WaitVisible("#rating-shown", chromedp.ByID), chromedp.Text("#rating-shown", &rated, chromedp.ByID))
	if !strings.Contains(rated, "4/5") || !strings.Contains(rated, "Nhanh gọn") {
		t.Fatalf("rating shown %q", rated)
	}
	consoleLook(t, ctx, "console-dossier-returned")
	var timeline string
	run(t, ctx, "timeline", chromedp.Text("#timeline", &timeline, chromedp.ByID))
	if !strings.Contains(timeline, "Thiếu bản sao Giấy chứng sinh") {
		t.Fatalf("timeline %q", timeline)
	}

	// The citizen's own browser: the request for a supplement is in the inbox.
	for i := 0; i < 100 && e.Count("SELECT count(*) FROM notifications WHERE user_id = $1", citizen.ID) < 2; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	cit := browser(t)
	if err := login(cit, base, citizen); err != nil {
		t.Fatal(err)
	}
	var inbox string
	run(t, cit, "citizen-inbox", chromedp.Navigate(base+"/inbox"), chromedp.WaitVisible(".unread", chromedp.ByQuery), chromedp.Text("main", &inbox, chromedp.ByQuery))
	if !strings.Contains(inbox, d.Code) && !strings.Contains(inbox, "bổ sung") {
		t.Fatalf("citizen's inbox: %q", inbox)
	}
}

// A volunteer's hand-over (made through the API) waits on the Today screen; the officer opens it,
// unticks a document not handed in and receives it: the clock starts and the receipt lists what
// was received. Then the dossier list finds it by the name typed without diacritics and exports
// the filtered list as CSV with a BOM.
func TestConsoleReceivesAHandOverFromToday(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen, volunteer := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	p := procedure(t, e, w, "counter,home_pickup", "Tờ khai,Giấy chứng sinh")
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + volunteer.ID.String() + "/duty", Token: e.Token(volunteer), Body: map[string]any{"on_duty": true}})
	pk := newPickup(t, e, w, citizen, p)
	for _, body := range []map[string]any{{"to": "accepted"}, {"to": "en_route"},
		{"to": "collected", "collected_documents": []string{"Tờ khai", "Giấy chứng sinh"}, "confirmed_in_person": true}, {"to": "handed_over"}} {
		e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/pickups/" + pk.Id.String() + "/transitions", Token: e.Token(volunteer), Body: body})
	}
	// Counter dossiers for others, so the search has something to leave out: one due in an hour
	// (due soon) and one an hour late (overdue), moved on the server's clock.
	var hoa, lan api.Dossier
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": p.Id, "applicant_name": "Trần Thị Hoa", "applicant_phone": "0911222333", "channel": "counter"}}).JSON(t, &hoa)
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": p.Id, "applicant_name": "Phạm Văn Lân", "applicant_phone": "0911444555", "channel": "counter"}}).JSON(t, &lan)
	if _, err := e.Pool.Exec(context.Background(), `UPDATE dossiers SET submitted_at = now() - interval '10 days', received_at = now() - interval '10 days',
		due_at = CASE WHEN id = $1 THEN now() + interval '1 hour' ELSE now() - interval '1 hour' END WHERE id IN ($1, $2)`, hoa.Id, lan.Id); err != nil {
		t.Fatal(err)
	}
	// A request nobody has taken yet (no volunteer on duty any more), and a session next Saturday.
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + volunteer.ID.String() + "/duty", Token: e.Token(volunteer), Body: map[string]any{"on_duty": false}})
	other := e.NewUser(w, auth.RoleCitizen)
	newPickup(t, e, w, other, p)
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
		"neighborhood_id": w.Neighborhoods[0], "date": nextWeekday(time.Now(), time.Saturday).Format("2006-01-02"), "venue": "Nhà văn hóa Khu phố 1",
		"start_time": "08:00", "end_time": "11:00", "slot_minutes": 30, "capacity_per_slot": 5}})

	ctx := browser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "today", consoleDesk(), chromedp.Navigate(base+"/console"),
		chromedp.WaitVisible(`#today-waiting a[href^="/console/dossiers/"]`, chromedp.ByQuery))
	consoleLook(t, ctx, "console-today")
	for sel, want := range map[string]string{"#today-overdue": lan.Code, "#today-due-soon": hoa.Code, "#today-pickups": "9 Nguyễn Huệ",
		"#today-sessions": "Nhà văn hóa Khu phố 1", "#today-waiting": "Tiếp nhận tại nhà"} {
		if got := text(ctx, sel); !strings.Contains(got, want) {
			t.Errorf("%s lacks %q: %q", sel, want, got)
		}
	}
	run(t, ctx, "open-waiting",
		chromedp.Click(`#today-waiting a[href^="/console/dossiers/"]`, chromedp.ByQuery),
		consoleStatus("Đã nộp, chờ tiếp nhận"),
		chromedp.WaitVisible(`#move-received-doc-1`, chromedp.ByID))
	consoleLook(t, ctx, "console-dossier-submitted")
	run(t, ctx, "untick", chromedp.Click(`#move-received-doc-1`, chromedp.ByID))
	consoleMove(t, ctx, "received", "Đã tiếp nhận")
	if n := e.Count(`SELECT count(*) FROM dossiers WHERE channel = 'home_pickup' AND status = 'received' AND due_at IS NOT NULL
		AND receipt->'documents_received' = '["Tờ khai"]'::jsonb`); n != 1 {
		t.Fatal("the hand-over is not received with the ticked documents")
	}

	var rows int
	run(t, ctx, "search",
		chromedp.Click(`#menu a[href="/console/dossiers"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#dossier-table", chromedp.ByID),
		chromedp.Poll(`document.querySelectorAll('#dossier-table tbody tr').length`, &rows, chromedp.WithPollingTimeout(5*time.Second)))
	if rows != 3 {
		t.Fatalf("%d rows unfiltered", rows)
	}
	consoleLook(t, ctx, "console-dossiers")
	var csv string
	run(t, ctx, "filtered",
		chromedp.SendKeys("#q", "tran thi", chromedp.ByID),
		chromedp.Click(`#filter-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`location.search.includes('q=') && document.querySelectorAll('#dossier-table tbody tr').length === 1`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		// the page may not fetch its own blob: URL (CSP connect-src 'self'): keep the Blob made
		chromedp.Evaluate(`(() => { const make = URL.createObjectURL; URL.createObjectURL = b => { window.csvBlob = b; return make.call(URL, b); }; })()`, nil),
		chromedp.Click("#export-csv", chromedp.ByID),
		chromedp.WaitVisible("#export-link", chromedp.ByID),
		chromedp.Evaluate(`window.csvBlob.arrayBuffer().then(b => { const u = new Uint8Array(b); return [u[0], u[1], u[2]].join(',') + '|' + new TextDecoder().decode(b); })`, &csv, awaitPromise))
	if !strings.HasPrefix(csv, "239,187,191|") || !strings.Contains(csv, "Trần Thị Hoa") || strings.Count(csv, "\r\n") != 2 {
		t.Fatalf("CSV export %q", csv)
	}
	consoleLook(t, ctx, "console-dossiers-search")
}
