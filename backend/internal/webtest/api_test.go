package webtest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// Five calls meet an expired access token at once: exactly one refresh goes to the server (a
// second use of the refresh token would revoke the whole login family), all five succeed, and
// the login still works afterwards.
func TestTokenRefreshIsSingleFlight(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	citizen := e.NewUser(w, auth.RoleCitizen)
	ctx := browser(t)
	if err := login(ctx, base, citizen); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Refreshes int      `json:"refreshes"`
		Names     []string `json:"names"`
		After     string   `json:"after"`
	}
	run(t, ctx, "single-flight", chromedp.Evaluate(`(async () => {
		const api = await import('/app/api.js');
		let refreshes = 0;
		const real = window.fetch;
		window.fetch = (url, init) => { if (String(url).includes('/v1/auth/refresh')) refreshes++; return real(url, init); };
		localStorage.setItem('motcua.access', 'expired.token.value');
		const names = (await Promise.all([1, 2, 3, 4, 5].map(() => api.get('/v1/me')))).map(u => u.full_name);
		localStorage.setItem('motcua.access', 'expired.again');
		const after = (await api.get('/v1/me')).full_name;
		window.fetch = real;
		return { refreshes, names, after };
	})()`, &out, awaitPromise))
	if out.Refreshes != 2 || len(out.Names) != 5 || out.After == "" {
		t.Fatalf("refreshes %d (want one per expiry: 2), answers %v, after %q", out.Refreshes, out.Names, out.After)
	}
	// A login that cannot be refreshed any more leads back to the login screen, then to the screen asked for.
	var path string
	run(t, ctx, "revoked",
		chromedp.Evaluate(`localStorage.setItem('motcua.access', 'x'); localStorage.setItem('motcua.refresh', 'revoked')`, nil),
		chromedp.Navigate(base+"/dossiers"),
		chromedp.WaitVisible("#login-form", chromedp.ByID),
		chromedp.Evaluate(`location.pathname + location.search`, &path))
	if path != "/login?next=%2Fdossiers" {
		t.Fatalf("after a revoked login: %q", path)
	}
	run(t, ctx, "again",
		chromedp.SendKeys("#phone", citizen.Phone, chromedp.ByID),
		chromedp.SendKeys("#password", citizen.Password, chromedp.ByID),
		chromedp.Click(`#login-form button[type=submit]`, chromedp.ByQuery),
		chromedp.Poll(`location.pathname === '/dossiers'`, nil, chromedp.WithPollingTimeout(10*time.Second)))
}

// A citizen who looked at their dossiers can read them again with no signal (the service
// worker's last-seen copy), and the screen says the network is off.
func TestCitizenReadsLastSeenDataOffline(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	p := procedure(t, e, w, "counter", "Tờ khai")
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": p.Id, "applicant_id": citizen.ID, "channel": "counter"}})
	ctx := browser(t)
	if err := login(ctx, base, citizen); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "online",
		chromedp.Evaluate(`navigator.serviceWorker.ready.then(() => true)`, nil, awaitPromise),
		// A page is controlled by the worker from its next load on.
		chromedp.Navigate(base+"/dossiers"), chromedp.WaitVisible(".dossier-code", chromedp.ByQuery),
		chromedp.Poll(`navigator.serviceWorker.controller !== null`, nil, chromedp.WithPollingTimeout(5*time.Second)))
	run(t, ctx, "offline", offline(true), chromedp.Reload(), chromedp.WaitVisible(".dossier-code", chromedp.ByQuery), chromedp.WaitVisible("#net", chromedp.ByID))
	look(t, ctx, "citizen-dossiers-offline")
	_ = chromedp.Run(ctx, offline(false))
}

// The days a pickup can be asked for: no Sunday, no named holiday, and not today once every
// window has begun (the server refuses those; the screen never offers them).
func TestPickupDaysSkipSundaysAndHolidays(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	ctx := browser(t)
	var days []string
	run(t, ctx, "days", chromedp.Navigate(base+"/"), chromedp.WaitVisible("#screen-title", chromedp.ByID),
		chromedp.Evaluate(`import('/app/screens/pickup-new.js').then(m =>
			// Saturday 2026-04-25 at 16:00 in the ward: every window has begun; the calendar given names 27/4 only.
			m.pickupDays(new Date('2026-04-25T16:00:00+07:00'), new Set(['2026-04-27'])))`, &days, awaitPromise))
	want := []string{"2026-04-28", "2026-04-29", "2026-04-30", "2026-05-01", "2026-05-02", "2026-05-04"}
	if strings.Join(days, ",") != strings.Join(want, ",") {
		t.Fatalf("days %v, want %v", days, want)
	}
}
