package webtest

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A citizen opens "How you are told" from the inbox, puts Zalo first with the buttons, refuses
// SMS, saves; the server keeps the choice by their phone and the screen shows it again after a
// reload, in English too.
func TestNotifyPrefsCitizenChoosesZaloFirstAndNoSMS(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	citizen := e.NewUser(w, auth.RoleCitizen)
	ctx := browser(t)
	if err := login(ctx, base, citizen); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "open",
		chromedp.Navigate(base+"/inbox"),
		chromedp.WaitVisible(`a[href="/settings/notify"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="/settings/notify"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#notify-order", chromedp.ByID))
	look(t, ctx, "settings-notify")
	var order []string
	run(t, ctx, "move",
		// Zalo is second by default: one "up" puts it first, and the focus stays on a button.
		chromedp.Click("#notify-up-1", chromedp.ByID),
		chromedp.Poll(`document.getElementById('notify-status').textContent.includes('Zalo')`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Evaluate(`[...document.querySelectorAll('#notify-order li .big')].map(e => e.textContent)`, &order))
	if len(order) != 3 || order[0] != "1. Zalo" || order[1] != "2. Ứng dụng" {
		t.Fatalf("order on screen %q", order)
	}
	run(t, ctx, "save",
		chromedp.Click("#notify-sms", chromedp.ByID),
		chromedp.Click(`#main form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`document.getElementById('notify-status').textContent.startsWith('Đã lưu')`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if n := e.Count(`SELECT count(*) FROM notify_preferences WHERE phone = $1 AND channel_order = '{zns,push,sms}'
		AND sms_opt_out AND NOT zns_opt_out AND source = 'self'`, citizen.Phone); n != 1 {
		t.Fatal("the choice is not stored by the citizen's phone")
	}
	look(t, ctx, "settings-notify-saved")
	var sms bool
	run(t, ctx, "reload-en",
		chromedp.Click("#lang", chromedp.ByID),
		chromedp.Navigate(base+"/settings/notify"),
		chromedp.WaitVisible("#notify-order", chromedp.ByID),
		chromedp.Evaluate(`[...document.querySelectorAll('#notify-order li .big')].map(e => e.textContent)`, &order),
		chromedp.Evaluate(`document.getElementById('notify-sms').checked`, &sms))
	if len(order) != 3 || order[0] != "1. Zalo" || order[1] != "2. The app" || sms {
		t.Fatalf("after reload: order %q, sms allowed %v", order, sms)
	}
	look(t, ctx, "settings-notify-en")
}
