package webtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// seedMessages puts a month of the ward's messages in the outboxes as the workers leave them:
// Zalo 3 accepted (1 reported received) and 1 given up; SMS 2 accepted in 3 parts; 1 Zalo
// waiting; app pushes 4 accepted and 1 given up.
func seedMessages(t *testing.T, e *testkit.Env, w testkit.Ward, at time.Time) {
	t.Helper()
	ctx := context.Background()
	for _, j := range []struct {
		channel, state string
		delivery       any
		segments       int
	}{
		{"zns", "sent", "delivered", 1}, {"zns", "sent", nil, 1}, {"zns", "sent", nil, 1}, {"zns", "dead", nil, 0},
		{"sms", "sent", nil, 2}, {"sms", "sent", nil, 1}, {"zns", "pending", nil, 0},
	} {
		if _, err := e.Pool.Exec(ctx, `WITH n AS (
			INSERT INTO notifications (id, type, title_vi, title_en, body_vi, body_en, data, created_at, phone, ward_id)
			VALUES (gen_random_uuid(), 'dossier.result_ready', 'x', 'x', 'x', 'x', '{}', $1, '+84987654321', $2) RETURNING id)
			INSERT INTO message_jobs (id, notification_id, channel, phone, ward_id, state, next_attempt_at, created_at, sent_at, segments, delivery, delivery_at)
			SELECT gen_random_uuid(), n.id, $3, '+84987654321', $2, $4, $1, $1, $1, nullif($5, 0), $6::text, CASE WHEN $6::text IS NULL THEN NULL ELSE $1 END FROM n`,
			at, w.ID, j.channel, j.state, j.segments, j.delivery); err != nil {
			t.Fatal(err)
		}
	}
	citizen := e.NewUser(w, auth.RoleCitizen)
	for _, state := range []string{"sent", "sent", "sent", "sent", "dead"} {
		if _, err := e.Pool.Exec(ctx, `WITH n AS (
			INSERT INTO notifications (id, user_id, type, title_vi, title_en, body_vi, body_en, data, created_at)
			VALUES (gen_random_uuid(), $2, 'dossier.result_ready', 'x', 'x', 'x', 'x', '{}', $1) RETURNING id)
			INSERT INTO push_jobs (id, notification_id, token, state, next_attempt_at, created_at)
			SELECT gen_random_uuid(), n.id, 'device-token-of-the-citizen', $3, $1, $1 FROM n`, at, citizen.ID, state); err != nil {
			t.Fatal(err)
		}
	}
}

// The messages' sub-screen of the statistics: the cost in VND (vi-VN), a chart per channel of
// what became of its messages with the same figures in a table, the cost by month, another
// period chosen, and the CSV export holding the same figures.
func TestConsoleMessages(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	now := e.Clock.Now().In(calendar.Location)
	seedMessages(t, e, w, time.Date(now.Year(), now.Month(), 1, 10, 0, 0, 0, calendar.Location))
	ctx := deskBrowser(t)
	if err := login(ctx, base, officer); err != nil {
		t.Fatal(err)
	}
	var bars, rows int
	run(t, ctx, "stats link", chromedp.Navigate(base+"/console/stats"), chromedp.WaitVisible("#to-messages", chromedp.ByID),
		chromedp.Click("#to-messages", chromedp.ByID), chromedp.WaitVisible("#chart-zns", chromedp.ByID),
		chromedp.Evaluate(`document.querySelectorAll('#chart-zns rect').length`, &bars),
		chromedp.Evaluate(`document.querySelectorAll('#msg-table tbody tr').length`, &rows))
	if bars != 4 || rows != 3 {
		t.Fatalf("%d bars in the Zalo chart (want 4 outcomes), %d table rows (want 3 channels)", bars, rows)
	}
	// 3 Zalo × 300 + 3 SMS parts × 800.
	if got := text(ctx, "#f-cost"); got != "3.300 đồng" {
		t.Fatalf("cost shown %q", got)
	}
	if got := text(ctx, "#f-zns"); got != "5" {
		t.Fatalf("Zalo messages shown %q", got)
	}
	zns := text(ctx, "#msg-table tbody tr:nth-child(2)")
	for _, want := range []string{"Zalo", "5", "900 đồng"} {
		if !strings.Contains(zns, want) {
			t.Fatalf("Zalo row %q lacks %q", zns, want)
		}
	}
	if got := text(ctx, "#month-table tbody"); !strings.Contains(got, "3.300 đồng") {
		t.Fatalf("month table %q", got)
	}
	lookDesk(t, ctx, "console-messages")

	var csv string
	run(t, ctx, "export",
		chromedp.Evaluate(`(() => { const make = URL.createObjectURL; URL.createObjectURL = b => { window.csvBlob = b; return make.call(URL, b); }; })()`, nil),
		chromedp.Click("#export-csv", chromedp.ByID),
		chromedp.Poll(`window.csvBlob !== undefined`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Evaluate(`window.csvBlob.arrayBuffer().then(b => { const u = new Uint8Array(b); return [u[0], u[1], u[2]].join(',') + '|' + new TextDecoder().decode(b); })`, &csv, awaitPromise))
	for _, want := range []string{"239,187,191|", "tong_hop,,zns,delivered,1\r\n", "tong_hop,,sms,segments,3\r\n", "tong_hop,,,tong_chi_phi_vnd,3300\r\n", "don_gia,,zns,vnd_moi_tin,300\r\n"} {
		if !strings.Contains(csv, want) {
			t.Fatalf("CSV lacks %q:\n%s", want, csv)
		}
	}

	// Another period: last year holds nothing.
	run(t, ctx, "range", setValue("#from", "2025-01-01"), setValue("#to", "2025-01-31"),
		chromedp.Click(`#msg-range button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`location.search.includes('from=2025-01-01') && document.getElementById('f-cost')?.textContent === '0 đồng'`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	if got := text(ctx, ".empty"); !strings.Contains(got, "Chưa có tin nhắn") {
		t.Fatalf("empty period shows %q", got)
	}
	lookDesk(t, ctx, "console-messages-empty")
}
