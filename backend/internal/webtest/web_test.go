package webtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func chromium(t *testing.T) string {
	if testing.Short() {
		t.Skip("browser tests run in make test, not make quick (-short)")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium on a CI machine: .ci/run installs Debian's chromium")
	}
	t.Skip("no Chromium here (apt-get install chromium)")
	return ""
}

// browser starts a headless Chromium with the flags this closed network needs.
func browser(t *testing.T) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(412, 915), // a common Android phone
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// screenshot saves the page to test-artifacts/NAME.png at the repository root.
func screenshot(t *testing.T, ctx context.Context, name string) {
	var png []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatal(err)
	}
	dir, _ := os.Getwd()
	for ; dir != "/" && !exists(filepath.Join(dir, "go.mod")); dir = filepath.Dir(dir) {
	}
	out := filepath.Join(dir, "test-artifacts")
	_ = os.MkdirAll(out, 0o755)
	if err := os.WriteFile(filepath.Join(out, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// The receipt's QR opens /track/CODE; the citizen types the last four digits of their phone.
func TestPublicTrackingInTheBrowser(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES (gen_random_uuid(), $1, '1.001193', 'Đăng ký khai sinh', 'x', 'Hộ tịch', 3, ARRAY['counter'], now(), now())`, w.ID); err != nil {
		t.Fatal(err)
	}
	var procs api.ProcedureList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=26734"}).JSON(t, &procs)
	var d api.Dossier
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": procs.Items[0].Id, "applicant_name": "Hồ Văn Sáu", "applicant_phone": "0987654321", "channel": "counter"}}).JSON(t, &d)

	ctx := browser(t)
	var status string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/track/"+d.Code),
		chromedp.WaitVisible("#last4", chromedp.ByID),
		chromedp.SendKeys("#last4", "4321", chromedp.ByID),
		chromedp.Click(`#track-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#dossier-status", chromedp.ByID),
		chromedp.Text("#dossier-status", &status, chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "public-tracking")
	if !strings.Contains(status, d.Code) || !strings.Contains(status, "Đã tiếp nhận") || strings.Contains(status, "Hồ Văn Sáu") {
		t.Fatalf("tracking page shows %q", status)
	}
}

// A citizen logs in, books a Saturday slot and sees the booking code as a QR image.
func TestCitizenBooksASlotAndSeesTheQR(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	day := time.Now().In(calendar.Location).AddDate(0, 0, 1)
	for day.Weekday() != time.Saturday {
		day = day.AddDate(0, 0, 1)
	}
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
		"neighborhood_id": w.Neighborhoods[0], "date": day.Format("2006-01-02"), "venue": "Nhà văn hóa khu phố 1",
		"start_time": "08:00", "end_time": "09:00", "slot_minutes": 30, "capacity_per_slot": 5}})

	ctx := browser(t)
	var code string
	var qrWidth int
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/#/login"),
		chromedp.WaitVisible("#phone", chromedp.ByID),
		chromedp.SendKeys("#phone", citizen.Phone, chromedp.ByID),
		chromedp.SendKeys("#password", citizen.Password, chromedp.ByID),
		chromedp.Click(`#login-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-book]`, chromedp.ByQuery),
		chromedp.Click(`[data-book]`, chromedp.ByQuery),
		chromedp.WaitVisible("#booking-code", chromedp.ByID),
		chromedp.Text("#booking-code", &code, chromedp.ByID),
		chromedp.Poll(`document.querySelector('img.qr') && document.querySelector('img.qr').naturalWidth`, &qrWidth, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "citizen-booking-qr")
	if len(code) != 6 || qrWidth < 100 {
		t.Fatalf("code %q, QR width %d", code, qrWidth)
	}
	if n := e.Count("SELECT count(*) FROM bookings WHERE citizen_id = $1 AND code = $2", citizen.ID, code); n != 1 {
		t.Fatalf("%d bookings with the shown code", n)
	}
}

func login(ctx context.Context, base string, u testkit.User) error {
	return chromedp.Run(ctx,
		chromedp.Navigate(base+"/#/login"),
		chromedp.WaitVisible("#phone", chromedp.ByID),
		chromedp.SendKeys("#phone", u.Phone, chromedp.ByID),
		chromedp.SendKeys("#password", u.Password, chromedp.ByID),
		chromedp.Click(`#login-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitNotPresent("#login-form", chromedp.ByID),
	)
}

// A citizen asks for a home pickup; a volunteer (in another browser) takes it, goes, collects
// and hands it over; the citizen then sees the request done and the new dossier's code.
func TestHomePickupAcrossTwoBrowsers(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	citizen, volunteer := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES (gen_random_uuid(), $1, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3, ARRAY['counter','home_pickup'], now(), now())`, w.ID); err != nil {
		t.Fatal(err)
	}
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + volunteer.ID.String() + "/duty", Token: e.Token(volunteer), Body: map[string]any{"on_duty": true}})

	cit, vol := browser(t), browser(t)
	tomorrow := time.Now().In(calendar.Location).AddDate(0, 0, 1)
	for tomorrow.Weekday() == time.Sunday {
		tomorrow = tomorrow.AddDate(0, 0, 1)
	}
	if err := login(cit, base, citizen); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Run(cit,
		chromedp.Navigate(base+"/#/pickups"),
		chromedp.WaitVisible("#address", chromedp.ByID),
		chromedp.SendKeys("#address", "25 Lê Thánh Tôn, Khu phố 1", chromedp.ByID),
		chromedp.SetValue("#date", tomorrow.Format("2006-01-02"), chromedp.ByID),
		chromedp.SetValue("#procedure", procedureOption(t, e, w.Code), chromedp.ByID),
		chromedp.Click(`#pickup-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`li.pickup`, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := login(vol, base, volunteer); err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"accepted", "en_route", "collected", "handed_over"} {
		actions := []chromedp.Action{chromedp.Navigate(base + "/#/tasks"), chromedp.WaitVisible(`[data-move="`+step+`"]`, chromedp.ByQuery)}
		if step == "collected" {
			actions = append(actions, chromedp.SendKeys(`textarea`, "Tờ khai đăng ký khai sinh", chromedp.ByQuery))
		}
		actions = append(actions, chromedp.Click(`[data-move="`+step+`"]`, chromedp.ByQuery), chromedp.Sleep(300*time.Millisecond))
		if err := chromedp.Run(vol, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	screenshot(t, vol, "volunteer-tasks")
	var code string
	err = chromedp.Run(cit,
		chromedp.Navigate(base+"/#/dossiers"),
		chromedp.Reload(),
		chromedp.WaitVisible(`.dossier-code`, chromedp.ByQuery),
		chromedp.Text(`.dossier-code`, &code, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, cit, "citizen-dossier-from-pickup")
	if n := e.Count("SELECT count(*) FROM dossiers WHERE code = $1 AND channel = 'home_pickup' AND applicant_id = $2", code, citizen.ID); n != 1 {
		t.Fatalf("dossier %q from the pickup: %d", code, n)
	}
}

func procedureOption(t *testing.T, e *testkit.Env, ward string) string {
	var procs api.ProcedureList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=" + ward + "&channel=home_pickup"}).JSON(t, &procs)
	return procs.Items[0].Id.String()
}

// The officer's dashboard draws the weekly chart from GET /v1/stats.
func TestOfficerDashboardRendersCharts(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES (gen_random_uuid(), $1, '1.001193', 'Đăng ký khai sinh', 'x', 'Hộ tịch', 3, ARRAY['counter','online'], now(), now())`, w.ID); err != nil {
		t.Fatal(err)
	}
	var procs api.ProcedureList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=26734"}).JSON(t, &procs)
	for _, ch := range []string{"counter", "online", "online"} {
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
			"procedure_id": procs.Items[0].Id, "applicant_name": "Lê Văn Tám", "channel": ch}})
	}
	ctx := browser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	var bars int
	err := chromedp.Run(ctx,
		chromedp.WaitVisible("#chart-weeks", chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll('#chart-weeks rect.bar[height]:not([height="0"])').length`, &bars),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "officer-dashboard")
	if bars < 2 {
		t.Fatalf("%d non-empty bars in the weekly chart", bars)
	}
}

// A volunteer on duty checks a citizen in at the venue by the booking code.
func TestVolunteerChecksInByCode(t *testing.T) {
	e := testkit.New(t)
	friday := time.Now().In(calendar.Location).AddDate(0, 0, 1)
	for friday.Weekday() != time.Friday {
		friday = friday.AddDate(0, 0, 1)
	}
	e.Clock.Set(time.Date(friday.Year(), friday.Month(), friday.Day(), 9, 0, 0, 0, calendar.Location))
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, volunteer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleVolunteer), e.NewUser(w, auth.RoleCitizen)
	saturday := friday.AddDate(0, 0, 1)
	var sess api.Session
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
		"neighborhood_id": w.Neighborhoods[0], "date": saturday.Format("2006-01-02"), "venue": "Nhà văn hóa khu phố 1",
		"start_time": "08:00", "end_time": "09:00", "slot_minutes": 30, "capacity_per_slot": 5,
		"staff_ids": []string{volunteer.ID.String()}}}).JSON(t, &sess)
	var b api.Booking
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions/" + sess.Id.String() + "/bookings", Token: e.Token(citizen),
		Body: map[string]any{"slot_starts_at": sess.Slots[1].StartsAt.Format(time.RFC3339)}}).JSON(t, &b)
	e.Clock.Set(time.Date(saturday.Year(), saturday.Month(), saturday.Day(), 8, 20, 0, 0, calendar.Location))

	ctx := browser(t)
	if err := login(ctx, base, volunteer); err != nil {
		t.Fatal(err)
	}
	var msg string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/#/checkin/"+sess.Id.String()),
		chromedp.WaitVisible("#code", chromedp.ByID),
		chromedp.SendKeys("#code", strings.ToLower(b.Code), chromedp.ByID),
		chromedp.Click(`#checkin-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#msg.ok`, chromedp.ByQuery),
		chromedp.Text("#msg", &msg, chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "volunteer-checkin")
	if !strings.Contains(msg, b.Code) || e.Count("SELECT count(*) FROM bookings WHERE id = $1 AND status = 'checked_in'", b.Id) != 1 {
		t.Fatalf("check-in message %q", msg)
	}
}

// A citizen reads their dossier's timeline and asks for the result by post.
func TestCitizenDossierTimelineAndPostalBooking(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES (gen_random_uuid(), $1, '1.001193', 'Đăng ký khai sinh', 'x', 'Hộ tịch', 3, ARRAY['counter','postal_return'], now(), now())`, w.ID); err != nil {
		t.Fatal(err)
	}
	var procs api.ProcedureList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=26734"}).JSON(t, &procs)
	var d api.Dossier
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": procs.Items[0].Id, "applicant_id": citizen.ID, "channel": "counter"}}).JSON(t, &d)
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(officer), Body: map[string]any{"to": "in_review"}})

	ctx := browser(t)
	if err := login(ctx, base, citizen); err != nil {
		t.Fatal(err)
	}
	var steps int
	var msg string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"/#/dossier/"+d.Id.String()),
		chromedp.WaitVisible(".timeline li", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('.timeline li').length`, &steps),
		chromedp.SendKeys("#province", "Thành phố Hồ Chí Minh", chromedp.ByID),
		chromedp.SendKeys("#rward", "Phường Bến Thành", chromedp.ByID),
		chromedp.SendKeys("#street", "12 Lê Lợi", chromedp.ByID),
		chromedp.Click(`#post-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('msg').textContent`, &msg, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "citizen-dossier-postal")
	if steps != 2 || e.Count("SELECT count(*) FROM shipments WHERE dossier_id = $1", d.Id) != 1 {
		t.Fatalf("timeline steps %d, message %q", steps, msg)
	}
}
