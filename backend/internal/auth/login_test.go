package auth_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// loginIn sends a login with extra headers (login, in login_limit_test.go, sends none).
func loginIn(e *testkit.Env, phone, password string, header map[string]string) *testkit.Response {
	return e.Do(testkit.Req{Method: "POST", Path: "/v1/auth/login", Header: header,
		Body: map[string]any{"phone": phone, "password": password}})
}

// A number is stored in E.164; people type it in national form, with spaces or dots, or
// with the country code. All of them log in to the same account.
func TestLoginAcceptsThePhoneInAnyUsualForm(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen) // +8490xxxxxxx
	national := "0" + u.Phone[3:]
	forms := []string{
		u.Phone,  // +8490…
		national, // 090…
		national[:4] + " " + national[4:7] + " " + national[7:], // 0907 123 456
		national[:4] + "." + national[4:7] + "." + national[7:], // 0907.123.456
		"+84 " + u.Phone[3:],   // +84 90…
		u.Phone[1:],            // 8490…
		"  " + national + "  ", // stray spaces
	}
	for _, f := range forms {
		a := logIn(t, e, f, u.Password)
		if a.User.Id != u.ID || a.User.Phone != u.Phone {
			t.Fatalf("login as %q gave %+v", f, a.User)
		}
	}
}

// problemWithoutRequest decodes a problem body dropping the parts that name the request.
func problemWithoutRequest(t *testing.T, res *testkit.Response) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(res.Body, &m); err != nil {
		t.Fatalf("decode %s: %v", res.Body, err)
	}
	if m["request_id"] == nil {
		t.Fatalf("problem without request_id: %s", res.Body)
	}
	delete(m, "request_id")
	delete(m, "instance")
	return m
}

// Wrong password, unknown phone, a number that is not a phone at all, and a deactivated
// account with a wrong password all answer the very same thing, so nobody can learn which
// numbers have accounts (or which accounts are closed) by trying.
func TestLoginFailureBodiesAreIdentical(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	u, closed := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	setActive(t, e, closed.ID, false)

	wrong := login(e, u.Phone, "Sai-mat-khau-1")
	expectProblem(t, wrong, http.StatusUnauthorized, "invalid_credentials")
	want := problemWithoutRequest(t, wrong)
	if want["title"] != "Số điện thoại hoặc mật khẩu không đúng" || want["type"] != "urn:motcua:problem:invalid_credentials" {
		t.Fatalf("problem %v", want)
	}
	for name, res := range map[string]*testkit.Response{
		"unknown phone":             login(e, "0919999999", "Sai-mat-khau-1"),
		"not a phone":               login(e, "xin chào", "Sai-mat-khau-1"),
		"deactivated, wrong secret": login(e, closed.Phone, "Sai-mat-khau-1"),
	} {
		if res.Status != wrong.Status || res.Header.Get("Content-Type") != wrong.Header.Get("Content-Type") ||
			res.Header.Get("Content-Language") != wrong.Header.Get("Content-Language") {
			t.Fatalf("%s: status %d, headers %v; want those of a wrong password", name, res.Status, res.Header)
		}
		if got := problemWithoutRequest(t, res); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: body %v, want %v", name, got, want)
		}
	}
}

// A deactivated account cannot log in (with the right password it is told why), and a login
// made before the deactivation cannot be refreshed: that attempt also revokes the family, so
// reactivating the account does not bring the old login back.
func TestDeactivatedUserCannotLogInOrRefresh(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleVolunteer)
	a := logIn(t, e, u.Phone, u.Password)
	fam := familyOf(t, e, a.RefreshToken)

	setActive(t, e, u.ID, false)
	expectProblem(t, login(e, u.Phone, u.Password), http.StatusUnauthorized, "account_inactive")
	expectProblem(t, refresh(e, a.RefreshToken), http.StatusUnauthorized, "account_inactive")
	if live := liveInFamily(e, fam); live != 0 {
		t.Fatalf("%d tokens of a deactivated user's login still live", live)
	}

	setActive(t, e, u.ID, true)
	expectProblem(t, refresh(e, a.RefreshToken), http.StatusUnauthorized, "refresh_token_invalid")
	logIn(t, e, u.Phone, u.Password) // a new login is fine again
}

// The per-phone limit, exactly: the limiter uses fixed windows, so Retry-After is the rest of
// the current window, and the phone is let in again at the window's end — not a second
// earlier. Unknown numbers are limited the same way (the limit reveals no accounts).
func TestLoginRateLimitWindowExactly(t *testing.T) {
	t.Parallel()
	const window = 15 * time.Minute
	e := testkit.New(t, func(c *config.Config) { c.LoginLimitPerPhone, c.LoginLimitWindow = 3, window })
	// Put the clock 10 min 7 s into a window: 4 min 53 s (293 s) of it remain.
	e.Clock.Set(e.Clock.Now().Truncate(window).Add(10*time.Minute + 7*time.Second))
	w := e.NewWard("26734", 1)
	victim, other := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	const unknown = "0919999999"

	for i := 1; i <= 3; i++ {
		expectProblem(t, login(e, victim.Phone, "Sai-mat-khau-1"), http.StatusUnauthorized, "invalid_credentials")
		expectProblem(t, login(e, unknown, "Sai-mat-khau-1"), http.StatusUnauthorized, "invalid_credentials")
	}
	for _, phone := range []string{victim.Phone, unknown} {
		res := login(e, phone, victim.Password)
		expectProblem(t, res, http.StatusTooManyRequests, "rate_limited")
		if ra := res.Header.Get("Retry-After"); ra != "293" {
			t.Fatalf("%s: Retry-After %q, want 293", phone, ra)
		}
	}
	// Another phone from the same address is not affected.
	logIn(t, e, other.Phone, other.Password)

	e.Clock.Advance(292 * time.Second)
	res := login(e, victim.Phone, victim.Password)
	expectProblem(t, res, http.StatusTooManyRequests, "rate_limited")
	if ra, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || ra != 1 {
		t.Fatalf("one second before the window ends: Retry-After %q", res.Header.Get("Retry-After"))
	}
	e.Clock.Advance(time.Second)
	logIn(t, e, victim.Phone, victim.Password)
}

// Without trusted proxies the client address is the connection's: an X-Forwarded-For header
// cannot give an attacker a fresh per-address budget for every request.
func TestLoginRateLimitPerAddressIgnoresForwardedFor(t *testing.T) {
	t.Parallel()
	e := testkit.New(t, func(c *config.Config) { c.LoginLimitPerIP = 2 })
	w := e.NewWard("26734", 1)
	for i := 0; i < 2; i++ {
		u := e.NewUser(w, auth.RoleCitizen)
		res := loginIn(e, u.Phone, "Sai-mat-khau-1", map[string]string{"X-Forwarded-For": "203.0.113." + strconv.Itoa(i+1)})
		expectProblem(t, res, http.StatusUnauthorized, "invalid_credentials")
	}
	u := e.NewUser(w, auth.RoleCitizen)
	res := loginIn(e, u.Phone, u.Password, map[string]string{"X-Forwarded-For": "203.0.113.99", "X-Real-IP": "203.0.113.98"})
	expectProblem(t, res, http.StatusTooManyRequests, "rate_limited")
	if secs, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || secs <= 0 {
		t.Fatalf("Retry-After %q", res.Header.Get("Retry-After"))
	}
}

// Problems are in Vietnamese by default and in English when the client prefers English.
func TestAuthProblemsSpeakTheCallersLanguage(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	u, closed, limited := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	setActive(t, e, closed.ID, false)
	a := logIn(t, e, u.Phone, u.Password)
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Body: map[string]any{"refresh_token": a.RefreshToken}})
	for i := 0; i < e.Cfg.LoginLimitPerPhone; i++ { // use up the phone's attempts
		login(e, limited.Phone, "Sai-mat-khau-1")
	}

	cases := []struct {
		code   string
		vi, en string
		send   func(h map[string]string) *testkit.Response
	}{
		{"invalid_credentials", "Số điện thoại hoặc mật khẩu không đúng", "Wrong phone number or password",
			func(h map[string]string) *testkit.Response { return loginIn(e, u.Phone, "Sai-mat-khau-1", h) }},
		{"unauthorized", "Bạn cần đăng nhập", "You need to log in",
			func(h map[string]string) *testkit.Response { return me(e, "", h) }},
		{"account_inactive", "Tài khoản đã bị khóa", "This account has been deactivated",
			func(h map[string]string) *testkit.Response { return me(e, closed.Token, h) }},
		{"refresh_token_invalid", "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại", "Your session has expired, please log in again",
			func(h map[string]string) *testkit.Response {
				return e.Do(testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Header: h, Body: map[string]any{"refresh_token": "nope"}})
			}},
		{"rate_limited", "Bạn thao tác quá nhiều lần, vui lòng thử lại sau", "Too many attempts, please try again later",
			func(h map[string]string) *testkit.Response { return loginIn(e, limited.Phone, limited.Password, h) }},
	}
	langs := []struct {
		header, lang string
	}{
		{"", "vi"}, {"vi", "vi"}, {"fr", "vi"}, {"en", "en"}, {"en-US,en;q=0.9,vi;q=0.5", "en"},
	}
	for _, c := range cases {
		for _, l := range langs {
			var h map[string]string
			if l.header != "" {
				h = map[string]string{"Accept-Language": l.header}
			}
			res := c.send(h)
			if res.Status == http.StatusOK || res.Status == http.StatusNoContent {
				t.Fatalf("%s: status %d", c.code, res.Status)
			}
			p := res.Problem(t)
			want := c.vi
			if l.lang == "en" {
				want = c.en
			}
			if p.Code != c.code || p.Title != want || res.Header.Get("Content-Language") != l.lang {
				t.Errorf("%s with Accept-Language %q: code %q title %q Content-Language %q; want title %q, %s",
					c.code, l.header, p.Code, p.Title, res.Header.Get("Content-Language"), want, l.lang)
			}
		}
	}
}
