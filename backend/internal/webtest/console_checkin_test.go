package webtest

import (
	"bufio"
	"bytes"
	"fmt"
	"image/png"
	"os"
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

// The check-in desk of the console, on the session's day: the session's page names each
// person with their phone; a handheld scanner (which types the QR's text and Enter) checks one
// citizen in, whose name and slot show large; a second scan says it was already done; an
// unknown code says why it failed; the laptop's camera (Chromium's fake camera, fed a video of
// the other citizen's real booking QR) checks the second citizen in, with the QR decoder loaded
// only then; a walk-in is received at the same desk.
func TestConsoleCheckInDesk(t *testing.T) {
	e := testkit.New(t)
	sat := nextWeekday(time.Now(), time.Saturday)
	e.Clock.Set(time.Date(sat.Year(), sat.Month(), sat.Day(), 6, 0, 0, 0, calendar.Location).AddDate(0, 0, -1))
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	typed, filmed, quick := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	procedure(t, e, w, "counter,saturday_session", "Tờ khai")
	var s api.Session
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
		"neighborhood_id": w.Neighborhoods[0], "date": sat.Format("2006-01-02"), "venue": "Nhà văn hóa khu phố 1",
		"start_time": "08:00", "end_time": "09:00", "slot_minutes": 30, "capacity_per_slot": 4,
		"staff_ids": []string{officer.ID.String()}}}).JSON(t, &s)
	book := func(c testkit.User, slot int) api.Booking {
		var b api.Booking
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/bookings", Token: e.Token(c),
			Body: map[string]any{"slot_starts_at": s.Slots[slot].StartsAt.Format(time.RFC3339)}}).JSON(t, &b)
		return b
	}
	bTyped, bFilmed, bQuick := book(typed, 0), book(filmed, 1), book(quick, 0)
	// The camera films the QR the citizen's app shows (GET /v1/bookings/{id}/qr.png, as the citizen).
	qr := e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/bookings/" + bFilmed.Id.String() + "/qr.png", Token: e.Token(filmed)}).Body
	video := filepath.Join(t.TempDir(), "qr.y4m")
	writeY4M(t, video, qr)
	name := func(u testkit.User) string {
		var n string
		if err := e.Pool.QueryRow(t.Context(), "SELECT full_name FROM users WHERE id = $1", u.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	e.Clock.Set(time.Date(sat.Year(), sat.Month(), sat.Day(), 8, 10, 0, 0, calendar.Location))
	ctx := browserWith(t, chromedp.Flag("use-fake-ui-for-media-stream", true), chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", video))
	if err := chromedp.Run(ctx, desktop()); err != nil {
		t.Fatal(err)
	}
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	path := "/console/sessions/" + s.Id.String()
	run(t, ctx, "session", chromedp.Navigate(base+path), chromedp.WaitVisible("#open-desk", chromedp.ByID))
	// Staff see each person by name, and the phone as people write it (+84901… → 0901 …).
	national := "0" + typed.Phone[3:6] + " " + typed.Phone[6:9] + " " + typed.Phone[9:]
	if body := text(ctx, "main"); !strings.Contains(body, name(typed)) || !strings.Contains(body, national) || !strings.Contains(body, name(filmed)) {
		t.Fatalf("the bookings do not name the people (want %q, %q):\n%s", name(typed), national, body)
	}
	lookDesk(t, ctx, "console-session-people")
	var focused string
	run(t, ctx, "desk", chromedp.Click("#open-desk", chromedp.ByID), chromedp.WaitVisible("#desk-form", chromedp.ByID),
		chromedp.Poll(`document.activeElement && document.activeElement.id`, &focused, chromedp.WithPollingTimeout(5*time.Second)))
	if focused != "desk-code" {
		t.Fatalf("the scanner's field is not focused: %q", focused)
	}
	lookDesk(t, ctx, "console-checkin-desk")

	// The scanner types into the focused field and presses Enter (here: the code in lower case).
	outcome := func(step, want string) {
		t.Helper()
		run(t, ctx, step, chromedp.Poll(`(document.getElementById('desk-outcome') || {}).textContent === `+jsString(want), nil, chromedp.WithPollingTimeout(8*time.Second)))
	}
	run(t, ctx, "scan", chromedp.KeyEvent(strings.ToLower(bTyped.Code)+"\r"))
	outcome("scan-ok", "Đã tiếp đón")
	if got, slot := text(ctx, "#desk-name"), text(ctx, "#desk-slot"); got != name(typed) || !strings.Contains(slot, "Lượt "+s.Slots[0].StartsAt.In(calendar.Location).Format("15:04")) || !strings.Contains(slot, bTyped.Code) {
		t.Fatalf("desk shows %q / %q", got, slot)
	}
	if e.Count("SELECT count(*) FROM bookings WHERE id = $1 AND status = 'checked_in'", bTyped.Id) != 1 {
		t.Fatal("the scanned booking is not checked in")
	}
	lookDesk(t, ctx, "console-checkin-ok")
	run(t, ctx, "rescan", chromedp.KeyEvent(bTyped.Code+"\r"))
	outcome("rescan-said", "Lịch hẹn này đã được tiếp đón lúc 08:10")
	// With the focus elsewhere on the page, the scanner's keys still reach the code field.
	run(t, ctx, "unknown", chromedp.Evaluate(`document.activeElement.blur()`, nil), chromedp.KeyEvent("ZZZZZZ\r"))
	outcome("unknown-said", "Chưa tiếp đón được lịch hẹn ZZZZZZ")
	if why := text(ctx, ".desk-why"); why != "Không có lịch hẹn với mã này trong buổi" {
		t.Fatalf("failure reason %q", why)
	}
	lookDesk(t, ctx, "console-checkin-failed")
	// Two scans in a row, the second before the first is answered: both are sent, in order.
	run(t, ctx, "two-scans", chromedp.KeyEvent(bQuick.Code+"\r"+bTyped.Code+"\r"))
	outcome("two-scans-said", "Lịch hẹn này đã được tiếp đón lúc 08:10")
	if e.Count("SELECT count(*) FROM bookings WHERE id = $1 AND status = 'checked_in'", bQuick.Id) != 1 {
		t.Fatal("the first of two quick scans was lost")
	}

	// The camera: the QR decoder is fetched only now.
	var loaded bool
	jsqrFetched := `performance.getEntriesByType('resource').some(r => r.name.includes('/vendor/jsQR'))`
	run(t, ctx, "before-camera", chromedp.Evaluate(jsqrFetched, &loaded))
	if loaded {
		t.Fatal("the QR decoder was loaded before the camera was used")
	}
	var decoder string
	run(t, ctx, "camera", chromedp.Click("#camera-start", chromedp.ByID),
		chromedp.Poll(`(document.getElementById('desk-name') || {}).textContent === `+jsString(name(filmed)), nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Evaluate(`document.querySelector('video.scan').dataset.decoder || ''`, &decoder),
		chromedp.Evaluate(jsqrFetched, &loaded))
	t.Logf("camera decoder: %s (jsQR fetched: %v)", decoder, loaded)
	if (decoder == "jsqr") != loaded || decoder == "" {
		t.Fatalf("decoder %q, jsQR fetched %v", decoder, loaded)
	}
	if got := text(ctx, "#desk-outcome"); got != "Đã tiếp đón" || e.Count("SELECT count(*) FROM bookings WHERE id = $1 AND status = 'checked_in'", bFilmed.Id) != 1 {
		t.Fatalf("camera check-in: %q", got)
	}
	lookDesk(t, ctx, "console-checkin-camera")

	// A walk-in at the same desk.
	run(t, ctx, "walk-in",
		chromedp.Evaluate(`document.querySelector('#walkin-form').closest('details').open = true`, nil),
		chromedp.SendKeys("#name", "Trần Văn Ba", chromedp.ByID),
		chromedp.SendKeys("#phone", "0912345678", chromedp.ByID),
		chromedp.Click(`#walkin-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`(document.getElementById('desk-name') || {}).textContent === 'Trần Văn Ba'`, nil, chromedp.WithPollingTimeout(8*time.Second)))
	if slot := text(ctx, "#desk-slot"); !strings.Contains(slot, "Không hẹn trước") || !strings.Contains(slot, "0912 345 678") {
		t.Fatalf("walk-in shown as %q", slot)
	}
	if n := e.Count("SELECT count(*) FROM bookings WHERE session_id = $1 AND walk_in AND status = 'checked_in'", s.Id); n != 1 {
		t.Fatalf("%d walk-ins", n)
	}
	lookDesk(t, ctx, "console-checkin-walkin")
}

// writeY4M writes a short video (YUV4MPEG2, 4:2:0) of a PNG centred on a white 640×480 frame,
// the file format Chromium's fake camera plays in a loop.
func writeY4M(t *testing.T, path string, pngBytes []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngBytes))
	if err != nil {
		t.Fatal(err)
	}
	const W, H = 640, 480
	y := bytes.Repeat([]byte{235}, W*H)
	b := img.Bounds()
	ox, oy := (W-b.Dx())/2, (H-b.Dy())/2
	for py := b.Min.Y; py < b.Max.Y; py++ {
		for px := b.Min.X; px < b.Max.X; px++ {
			r, g, bl, _ := img.At(px, py).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				y[(oy+py-b.Min.Y)*W+ox+px-b.Min.X] = 16
			}
		}
	}
	chroma := bytes.Repeat([]byte{128}, W*H/4)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	out := bufio.NewWriter(f)
	fmt.Fprintf(out, "YUV4MPEG2 W%d H%d F10:1 Ip A1:1 C420jpeg\n", W, H)
	for i := 0; i < 5; i++ {
		out.WriteString("FRAME\n")
		out.Write(y)
		out.Write(chroma)
		out.Write(chroma)
	}
	if err := out.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
