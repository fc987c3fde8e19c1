package webtest

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/fcmfake"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// webPushOn configures a fake Firebase web app: the values only have to look right, nothing
// reaches Google.
func webPushOn(c *config.Config) {
	c.WebPush = config.WebPush{APIKey: "AIza-fake-web-key", ProjectID: "motcua-test", AppID: "1:4242:web:fake",
		MessagingSenderID: "4242", VAPIDKey: "BFakeVapidPublicKeyForTheBrowserTestsOnly"}
}

// testToken stands for the FCM token: the real getToken must reach Google (FCM's registration
// API), so the browser tests put this seam in the page through DevTools before it loads
// (push.js calls it instead of getToken, with the same options). Everything else — the offer,
// the permission, the bundled SDK loaded and started, the device registration — is the real path.
const testToken = "web-test-token-0123456789abcdefghijklmnop"

const tokenSeam = `globalThis.motcuaPushTokenForTests = async o => {
  globalThis.motcuaPushAsked = { vapidKey: o.vapidKey, scope: o.serviceWorkerRegistration.scope };
  return '` + testToken + `';
};`

// swRegistrations follows the page's service worker registrations (DevTools ServiceWorker domain).
type swRegistrations struct {
	mu  sync.Mutex
	ids map[string]serviceworker.RegistrationID // scope → id
}

func (s *swRegistrations) id(scope string) serviceworker.RegistrationID {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ids[scope]
}

// pushReady grants the notification permission, puts the token seam in every page and starts
// following the service worker registrations.
func pushReady(ctx context.Context, base string) (*swRegistrations, chromedp.Action) {
	regs := &swRegistrations{ids: map[string]serviceworker.RegistrationID{}}
	chromedp.ListenTarget(ctx, func(ev any) {
		if u, ok := ev.(*serviceworker.EventWorkerRegistrationUpdated); ok {
			regs.mu.Lock()
			for _, r := range u.Registrations {
				if !r.IsDeleted {
					regs.ids[r.ScopeURL] = r.RegistrationID
				}
			}
			regs.mu.Unlock()
		}
	})
	return regs, chromedp.ActionFunc(func(ctx context.Context) error {
		if err := cdpbrowser.GrantPermissions([]cdpbrowser.PermissionType{cdpbrowser.PermissionTypeNotifications}).WithOrigin(base).Do(ctx); err != nil {
			return err
		}
		if _, err := page.AddScriptToEvaluateOnNewDocument(tokenSeam).Do(ctx); err != nil {
			return err
		}
		return serviceworker.Enable().Do(ctx)
	})
}

// fetched reports whether the page has requested a URL containing part.
func fetched(ctx context.Context, part string) bool {
	var yes bool
	_ = chromedp.Run(ctx, chromedp.Evaluate(`performance.getEntriesByType('resource').some(r => r.name.includes(`+jsString(part)+`))`, &yes))
	return yes
}

// present reports whether an element with this id is in the page now (no waiting).
func present(ctx context.Context, id string) bool {
	var yes bool
	_ = chromedp.Run(ctx, chromedp.Evaluate(`!!document.getElementById(`+jsString(id)+`)`, &yes))
	return yes
}

type shown struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	Lang  string `json:"lang"`
	Tag   string `json:"tag"`
	Path  string `json:"path"`
}

const listNotifications = `navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.map(n =>
  ({ title: n.title, body: n.body, lang: n.lang, tag: n.tag, path: n.data && n.data.path })))`

// After booking, a citizen turns pushes on from the offer (the bundled Firebase SDK loads only
// then) and the browser is registered as a `web` device; they switch the app to English and the
// device follows. An officer's move then sends, through the real Firebase Admin SDK to a fake
// FCM, the webpush message; delivered to the service worker as FCM delivers it (DevTools
// ServiceWorker.deliverPushMessage), it is shown in English, and a click opens the dossier.
// Logging out removes the device.
func TestWebPushOfferRegisterShowAndOpen(t *testing.T) {
	e := testkit.New(t, webPushOn)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	sat := nextWeekday(time.Now(), time.Saturday)
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
		"neighborhood_id": w.Neighborhoods[0], "date": sat.Format("2006-01-02"), "venue": "Nhà văn hóa Khu phố 1",
		"start_time": "08:00", "end_time": "09:00", "slot_minutes": 30, "capacity_per_slot": 5}})
	p := procedure(t, e, w, "counter", "Tờ khai")
	var d api.Dossier
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": p.Id, "applicant_id": citizen.ID, "channel": "counter"}}).JSON(t, &d)
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(officer), Body: map[string]any{"to": "in_review"}})

	ctx := browser(t)
	regs, ready := pushReady(ctx, base)
	run(t, ctx, "push-ready", ready)
	if err := login(ctx, base, citizen); err != nil {
		t.Fatal(err)
	}
	if n := e.Count(`SELECT count(*) FROM devices`); n != 0 || fetched(ctx, "/v1/push/web-config") || fetched(ctx, "/vendor/") {
		t.Fatalf("first load: %d devices, config or SDK fetched before any offer", n)
	}
	run(t, ctx, "push-offer",
		chromedp.Click(`#menu a[href="/sessions"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-book]`, chromedp.ByQuery),
		chromedp.Click(`[data-book]`, chromedp.ByQuery),
		chromedp.WaitVisible("#booking-code", chromedp.ByID),
		chromedp.WaitVisible("#push-offer", chromedp.ByID))
	if fetched(ctx, "/vendor/") {
		t.Fatal("the Firebase SDK was fetched before the citizen said yes")
	}
	look(t, ctx, "push-offer")
	run(t, ctx, "push-yes", chromedp.Click("#push-yes", chromedp.ByID), chromedp.WaitVisible("#push-on", chromedp.ByID))
	look(t, ctx, "push-on")
	var asked struct{ VapidKey, Scope string }
	run(t, ctx, "push-asked", chromedp.Evaluate(`globalThis.motcuaPushAsked`, &asked))
	if asked.VapidKey != e.Cfg.WebPush.VAPIDKey || asked.Scope != base+"/" || !fetched(ctx, "/app/vendor/firebase-messaging.js") {
		t.Fatalf("getToken asked with %+v (SDK fetched: %v)", asked, fetched(ctx, "/app/vendor/firebase-messaging.js"))
	}
	device := func() (platform, locale string) {
		_ = e.Pool.QueryRow(context.Background(), `SELECT platform, locale FROM devices WHERE token = $1 AND user_id = $2`, testToken, citizen.ID).Scan(&platform, &locale)
		return
	}
	if pl, lo := device(); pl != "web" || lo != "vi" {
		t.Fatalf("device registered as %q %q", pl, lo)
	}

	// English: the service worker and the server's device follow the app's language.
	run(t, ctx, "push-english", chromedp.Click("#lang", chromedp.ByID), chromedp.WaitVisible(`html[lang=en]`, chromedp.ByQuery))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if _, lo := device(); lo == "en" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the web device did not follow the switch to English")
		}
	}

	// The officer asks for a supplement: the push job for the browser goes through the real
	// Firebase Admin SDK to the fake FCM, which keeps the webpush section.
	fake, err := fcmfake.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	sender, err := notify.NewFCM(context.Background(), notify.FCMConfig{ProjectID: "motcua-test", Endpoint: fake.URL, WebBaseURL: "https://motcua.example"})
	if err != nil {
		t.Fatal(err)
	}
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(officer),
		Body: map[string]any{"to": "supplement_requested", "note": "Thiếu bản sao giấy chứng sinh"}})
	worker := notify.NewWorker(e.Pool, e.Clock, sender, slog.New(slog.NewTextHandler(io.Discard, nil)), notify.DefaultWorkerConfig())
	if _, err := worker.DrainOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := fake.WaitFor(1, 10*time.Second)
	if len(got) != 1 || got[0].Token != testToken || got[0].Webpush == nil {
		t.Fatalf("fake FCM got %+v", got)
	}
	var wp struct {
		Data         map[string]string `json:"data"`
		Notification map[string]any    `json:"notification"`
		FCMOptions   map[string]string `json:"fcm_options"`
	}
	if err := json.Unmarshal(got[0].Webpush, &wp); err != nil {
		t.Fatal(err)
	}
	var titleEN, bodyEN string
	_ = e.Pool.QueryRow(context.Background(), `SELECT title_en, body_en FROM notifications WHERE user_id = $1 AND type = 'dossier.supplement_requested'`, citizen.ID).Scan(&titleEN, &bodyEN)
	// What FCM hands a browser's service worker for that message (the JSON the Firebase SDK's
	// own service worker reads: notification, data, fcmOptions).
	delivered, _ := json.Marshal(map[string]any{"from": "4242", "fcmMessageId": "fake-1", "priority": "high",
		"notification": wp.Notification, "data": wp.Data, "fcmOptions": map[string]string{"link": wp.FCMOptions["link"]}})

	// The citizen is elsewhere in the app when the push comes.
	run(t, ctx, "push-home", chromedp.Click(`#menu a[href="/"]`, chromedp.ByQuery), chromedp.WaitVisible("#screen-title", chromedp.ByID))
	reg := regs.id(base + "/")
	if reg == "" {
		t.Fatal("no service worker registration seen")
	}
	var list []shown
	deliverUntil(t, ctx, "push-deliver", base, reg, string(delivered), listNotifications+`.then(l => l.length ? l : null)`, &list)
	want := "/dossiers/" + d.Id.String()
	if len(list) != 1 || list[0].Title != titleEN || list[0].Body != bodyEN || list[0].Lang != "en" || list[0].Path != want ||
		list[0].Tag != wp.Data["notification_id"] || titleEN == "" {
		t.Fatalf("shown %+v, want %q / %q opening %s", list, titleEN, bodyEN, want)
	}
	// The service worker acknowledged it with the push's receipt key, so the Zalo message that
	// would follow an unconfirmed push is not sent.
	if wp.Data["receipt_key"] == "" {
		t.Fatalf("a supplement request's push carries no receipt key: %v", wp.Data)
	}
	for deadline := time.Now().Add(10 * time.Second); e.Count(`SELECT count(*) FROM notifications WHERE id = $1 AND received_at IS NOT NULL`, wp.Data["notification_id"]) != 1; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the service worker did not acknowledge the push")
		}
	}

	// Back to Vietnamese in the app: the same delivery (whose notification field is the English
	// the device had when it was sent) is shown in Vietnamese, replacing the first (same tag).
	var titleVI string
	_ = e.Pool.QueryRow(context.Background(), `SELECT title_vi FROM notifications WHERE user_id = $1 AND type = 'dossier.supplement_requested'`, citizen.ID).Scan(&titleVI)
	run(t, ctx, "push-vietnamese", chromedp.Click("#lang", chromedp.ByID), chromedp.WaitVisible(`html[lang=vi]`, chromedp.ByQuery))
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if _, lo := device(); lo == "vi" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the web device did not follow the switch back to Vietnamese")
		}
	}
	deliverUntil(t, ctx, "push-deliver-vi", base, reg, string(delivered), listNotifications+`.then(l => l.length === 1 && l[0].lang === 'vi' ? l : null)`, &list)
	if list[0].Title != titleVI || titleVI == titleEN || list[0].Path != want {
		t.Fatalf("shown %+v, want %q", list, titleVI)
	}

	// A click on it (a notificationclick in the service worker, dispatched there through
	// DevTools: headless Chromium has no notification to click) opens the dossier in this tab.
	swCtx, cancel := swTarget(t, ctx, base+"/sw.js")
	defer cancel()
	var clicked int
	run(t, swCtx, "push-click", chromedp.Evaluate(`self.registration.getNotifications().then(ns => {
		for (const n of ns) self.dispatchEvent(new NotificationEvent('notificationclick', { notification: n }));
		return ns.length; })`, &clicked, awaitPromise))
	var path string
	run(t, ctx, "push-opened",
		chromedp.Poll(`location.pathname === `+jsString(want)+` && document.getElementById('dossier-head') ? location.pathname : null`, &path, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Poll(listNotifications+`.then(l => l.length === 0)`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	if clicked != 1 || path != want {
		t.Fatalf("clicked %d, opened %q", clicked, path)
	}

	// Logging out: this browser no longer gets the citizen's pushes.
	run(t, ctx, "push-logout", chromedp.Click("#account", chromedp.ByID), chromedp.WaitVisible(`#menu a[href="/login"]`, chromedp.ByQuery))
	if n := e.Count(`SELECT count(*) FROM devices WHERE token = $1`, testToken); n != 0 {
		t.Fatalf("%d devices left after logging out", n)
	}
}

// swTarget attaches to the app's service worker.
func swTarget(t *testing.T, ctx context.Context, url string) (context.Context, context.CancelFunc) {
	t.Helper()
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range targets {
		if ti.Type == "service_worker" && ti.URL == url {
			return chromedp.NewContext(ctx, chromedp.WithTargetID(ti.TargetID))
		}
	}
	t.Fatalf("no service worker target %s", url)
	return nil, nil
}

// No offer on the first screen, none at all without configuration, and never again once declined.
func TestWebPushNotOfferedUnconfiguredOrDeclined(t *testing.T) {
	ctx := browser(t)
	for _, configured := range []bool{false, true} {
		var opts []testkit.Option
		if configured {
			opts = append(opts, webPushOn)
		}
		e := testkit.New(t, opts...)
		base := e.Serve()
		w := e.NewWard("26734", 1)
		officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
		sat := nextWeekday(time.Now(), time.Saturday)
		var sess api.Session
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
			"neighborhood_id": w.Neighborhoods[0], "date": sat.Format("2006-01-02"), "venue": "Nhà văn hóa Khu phố 1",
			"start_time": "08:00", "end_time": "09:00", "slot_minutes": 30, "capacity_per_slot": 5}}).JSON(t, &sess)
		var b api.Booking
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions/" + sess.Id.String() + "/bookings", Token: e.Token(citizen),
			Body: map[string]any{"slot_starts_at": sess.Slots[0].StartsAt.Format(time.RFC3339)}}).JSON(t, &b)
		_, ready := pushReady(ctx, base)
		run(t, ctx, "push-none-ready", ready)
		if err := login(ctx, base, citizen); err != nil {
			t.Fatal(err)
		}
		if fetched(ctx, "/v1/push/web-config") || present(ctx, "push-offer") {
			t.Fatalf("configured %v: pushes offered on the first screen", configured)
		}
		// The booking screen asks the server whether pushes are configured, then offers or not.
		bookingScreen := func(step string) {
			run(t, ctx, step, chromedp.Navigate(base+"/bookings/"+b.Id.String()), chromedp.WaitVisible("#booking-code", chromedp.ByID),
				chromedp.Poll(`performance.getEntriesByType('resource').some(r => r.name.includes('/v1/push/web-config'))`, nil, chromedp.WithPollingTimeout(10*time.Second)),
				chromedp.Sleep(300*time.Millisecond))
		}
		bookingScreen("push-booking")
		if offered := present(ctx, "push-offer"); offered != configured {
			t.Fatalf("configured %v: offered %v", configured, offered)
		}
		if !configured {
			continue
		}
		// The confirmation of a pickup request offers too; the pickup's later screen does not.
		prc := procedure(t, e, w, "counter,home_pickup", "Tờ khai")
		day := time.Now().In(calendar.Location).AddDate(0, 0, 1)
		for day.Weekday() == time.Sunday {
			day = day.AddDate(0, 0, 1)
		}
		var pk api.Pickup
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: e.Token(citizen), Body: map[string]any{
			"address": "9 Nguyễn Huệ", "neighborhood_id": w.Neighborhoods[0], "reason": "ill", "procedure_id": prc.Id,
			"preferred_date": day.Format("2006-01-02"), "window_start": "08:00", "window_end": "10:00", "contact_phone": "0987654321"}}).JSON(t, &pk)
		run(t, ctx, "push-pickup-sent", chromedp.Navigate(base+"/pickups/"+pk.Id.String()+"?sent=1"), chromedp.WaitVisible("#push-offer", chromedp.ByID))
		look(t, ctx, "push-offer-pickup")
		run(t, ctx, "push-pickup-later", chromedp.Navigate(base+"/pickups/"+pk.Id.String()), chromedp.WaitVisible("#pickup-summary", chromedp.ByID), chromedp.Sleep(500*time.Millisecond))
		if present(ctx, "push-offer") {
			t.Fatal("the pickup's screen offers pushes outside the moment it was requested")
		}
		bookingScreen("push-booking-again")
		run(t, ctx, "push-no", chromedp.Click("#push-no", chromedp.ByID), chromedp.WaitNotPresent("#push-offer", chromedp.ByID))
		if fetched(ctx, "/vendor/") || e.Count(`SELECT count(*) FROM devices`) != 0 {
			t.Fatal("declining loaded the SDK or registered a device")
		}
		// Declined stays declined (a reload, the same screen again).
		run(t, ctx, "push-reload", chromedp.Reload(), chromedp.WaitVisible("#booking-code", chromedp.ByID), chromedp.Sleep(500*time.Millisecond))
		if present(ctx, "push-offer") {
			t.Fatal("offered again after the citizen declined")
		}
	}
}

// deliverUntil hands the push to the service worker until cond holds. A push delivered while the
// worker is still starting can be dropped on a loaded machine (seen in CI); delivering the same
// message again is harmless: it carries the notification's id as its tag, so it replaces itself.
func deliverUntil(t *testing.T, ctx context.Context, step, origin string, reg serviceworker.RegistrationID, msg, cond string, out any) {
	t.Helper()
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		sctx, cancel := context.WithTimeout(ctx, 25*time.Second)
		err = chromedp.Run(sctx,
			chromedp.ActionFunc(func(ctx context.Context) error {
				return serviceworker.DeliverPushMessage(origin, reg, msg).Do(ctx)
			}),
			chromedp.Poll(cond, out, chromedp.WithPollingTimeout(8*time.Second)))
		cancel()
		if err == nil {
			return
		}
	}
	run(t, ctx, step, chromedp.ActionFunc(func(context.Context) error { return err }))
}
