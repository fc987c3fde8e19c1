package webtest

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The ward's admin keeps the neighbourhoods from the Admin sub-menu: adds one, is told beside
// the name that another spelling of an existing name is taken, renames one, deactivates it
// (confirmed) and sees it marked so, then reactivates it. Each step is in the database.
func TestConsoleNeighborhoods(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 2)
	admin := e.NewUser(w, auth.RoleAdmin)
	ctx := deskBrowser(t)
	if err := login(ctx, base, admin); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "open", chromedp.Navigate(base+"/console/admin/users"),
		chromedp.WaitVisible(`a[href="/console/admin/neighborhoods"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="/console/admin/neighborhoods"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#hoods-table", chromedp.ByID))
	run(t, ctx, "create",
		chromedp.SendKeys("#name", "Khu phố 6", chromedp.ByID),
		chromedp.Click(`#hood-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg')?.textContent.includes('Đã thêm Khu phố 6')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	var six string
	if err := e.Pool.QueryRow(context.Background(), "SELECT id::text FROM neighborhoods WHERE ward_id = $1 AND name = 'Khu phố 6' AND active", w.ID).Scan(&six); err != nil {
		t.Fatalf("not created: %v", err)
	}
	lookDesk(t, ctx, "console-admin-neighborhoods")
	run(t, ctx, "duplicate",
		chromedp.SendKeys("#name", "KHU PHO 1", chromedp.ByID),
		chromedp.Click(`#hood-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('name-error')?.textContent.includes('Đã có khu phố mang tên này')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	lookDesk(t, ctx, "console-admin-neighborhoods-taken")
	run(t, ctx, "rename",
		setValue("#name-"+six, "Khu phố 6 (Bến Nghé)"),
		chromedp.Click(`form[data-rename="`+six+`"] button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg')?.textContent.includes('Đã đổi tên thành Khu phố 6 (Bến Nghé)')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	run(t, ctx, "deactivate",
		chromedp.Evaluate(`window.confirm = () => true`, nil),
		chromedp.WaitVisible(`[data-active="`+six+`"]`, chromedp.ByQuery),
		chromedp.Click(`[data-active="`+six+`"]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg')?.textContent.includes('Đã ngừng hoạt động')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if n := e.Count("SELECT count(*) FROM neighborhoods WHERE id = $1 AND NOT active AND name = 'Khu phố 6 (Bến Nghé)'", six); n != 1 {
		t.Fatal("not renamed and deactivated")
	}
	if body := text(ctx, "#hoods-table"); !strings.Contains(body, "Đã ngừng hoạt động") || !strings.Contains(body, "Hoạt động lại") {
		t.Fatalf("table %q", body)
	}
	lookDesk(t, ctx, "console-admin-neighborhoods-inactive")
	run(t, ctx, "reactivate",
		chromedp.Click(`[data-active="`+six+`"]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg')?.textContent.includes('đã hoạt động lại')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if n := e.Count("SELECT count(*) FROM neighborhoods WHERE id = $1 AND active", six); n != 1 {
		t.Fatal("not reactivated")
	}
	if n := e.Count("SELECT count(*) FROM audit_events WHERE target_id = $1", six); n != 4 {
		t.Fatalf("%d audit rows", n)
	}
}

// The staff list searches as one types (no reload: the box keeps the focus), by a name typed
// without diacritics or by part of a phone number; a search that finds nobody says so.
func TestConsoleUsersSearch(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	admin := e.NewUser(w, auth.RoleAdmin)
	for name, phone := range map[string]string{"Nguyễn Văn An": "+84912345678", "Trần Thị Bình": "+84987000111", "Lê Văn Cường": "+84903111222"} {
		u := e.NewUser(w, auth.RoleVolunteer)
		if _, err := e.Pool.Exec(context.Background(), "UPDATE users SET full_name = $2, phone = $3 WHERE id = $1", u.ID, name, phone); err != nil {
			t.Fatal(err)
		}
	}
	ctx := deskBrowser(t)
	if err := login(ctx, base, admin); err != nil {
		t.Fatal(err)
	}
	rows := func() string { return text(ctx, "#users-results") }
	run(t, ctx, "open", chromedp.Navigate(base+"/console/admin/users"), chromedp.WaitVisible("#users-table", chromedp.ByID))
	run(t, ctx, "name",
		chromedp.Click("#q", chromedp.ByID),
		chromedp.SendKeys("#q", "tran thi", chromedp.ByID),
		chromedp.Poll(`document.getElementById('users-found')?.textContent.includes('Tìm thấy 1 tài khoản')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if r := rows(); !strings.Contains(r, "Trần Thị Bình") || strings.Contains(r, "Nguyễn Văn An") {
		t.Fatalf("by name: %q", r)
	}
	var focused, where string
	run(t, ctx, "focus", chromedp.Evaluate(`document.activeElement.id`, &focused), chromedp.Evaluate(`location.search`, &where))
	if focused != "q" || !strings.Contains(where, "q=tran") {
		t.Fatalf("focus on %q, address %q", focused, where)
	}
	lookDesk(t, ctx, "console-admin-users-search")
	run(t, ctx, "phone",
		setValue("#q", "0912 345"),
		chromedp.Poll(`document.getElementById('users-results')?.textContent.includes('Nguyễn Văn An')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if r := rows(); strings.Contains(r, "Trần Thị Bình") || strings.Contains(r, "Lê Văn Cường") {
		t.Fatalf("by phone: %q", r)
	}
	run(t, ctx, "nobody",
		setValue("#q", "không có ai"),
		chromedp.Poll(`document.getElementById('users-results')?.textContent.includes('Không có tài khoản nào khớp')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	lookDesk(t, ctx, "console-admin-users-nomatch")
}

// The dossier list's Excel button, beside the CSV one, saves the filtered list as a workbook
// the spreadsheet library reads back: the header row and the one dossier the search selects.
func TestConsoleDossiersXLSX(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	p := procedure(t, e, w, "counter", "Tờ khai")
	for _, name := range []string{"Trần Thị Hoa", "Phạm Văn Nam"} {
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
			"procedure_id": p.Id, "channel": "counter", "applicant_name": name, "applicant_phone": "0912000111"}})
	}
	ctx := deskBrowser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	var b64 string
	run(t, ctx, "export",
		chromedp.Navigate(base+"/console/dossiers?q=tran+thi+hoa"),
		chromedp.WaitVisible("#export-xlsx", chromedp.ByID),
		chromedp.Evaluate(`(() => { const make = URL.createObjectURL; URL.createObjectURL = b => { window.xlsxBlob = b; return make.call(URL, b); }; })()`, nil),
		chromedp.Click("#export-xlsx", chromedp.ByID),
		chromedp.WaitVisible("#export-xlsx-link", chromedp.ByID),
		chromedp.Evaluate(`window.xlsxBlob.arrayBuffer().then(b => { let s = ''; for (const x of new Uint8Array(b)) s += String.fromCharCode(x); return btoa(s); })`, &b64, awaitPromise))
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer x.Close()
	got, err := x.GetRows("Hồ sơ")
	if err != nil || len(got) != 2 || got[0][0] != "Mã hồ sơ" || got[1][2] != "Trần Thị Hoa" {
		t.Fatalf("rows %q %v", got, err)
	}
	lookDesk(t, ctx, "console-dossiers-xlsx")
}
