package auth_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/backend/internal/testkit/race"
)

// Helpers shared by this package's new tests (login, in login_limit_test.go, returns the raw
// response; these fail the test unless the call succeeds).

func logIn(t *testing.T, e *testkit.Env, phone, password string) api.AuthResponse {
	t.Helper()
	var a api.AuthResponse
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/login",
		Body: map[string]any{"phone": phone, "password": password}}).JSON(t, &a)
	return a
}

func refresh(e *testkit.Env, token string) *testkit.Response {
	return e.Do(testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Body: map[string]any{"refresh_token": token}})
}

func logout(e *testkit.Env, token string) *testkit.Response {
	return e.Do(testkit.Req{Method: "POST", Path: "/v1/auth/logout", Body: map[string]any{"refresh_token": token}})
}

// expectProblem fails unless res is a problem+json with the status and code.
func expectProblem(t *testing.T, res *testkit.Response, status int, code string) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("status %d, want %d; body %s", res.Status, status, res.Body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	if p := res.Problem(t); p.Code != code || p.Status != status {
		t.Fatalf("problem %+v, want code %q status %d", p, code, status)
	}
}

// familyOf returns the refresh-token family a (plain) refresh token belongs to.
func familyOf(t *testing.T, e *testkit.Env, token string) uuid.UUID {
	t.Helper()
	var fam uuid.UUID
	err := e.Pool.QueryRow(context.Background(),
		`SELECT family_id FROM refresh_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, token).Scan(&fam)
	if err != nil {
		t.Fatalf("family of refresh token: %v", err)
	}
	return fam
}

// liveInFamily counts the family's tokens that are not revoked.
func liveInFamily(e *testkit.Env, fam uuid.UUID) int {
	return e.Count(`SELECT count(*) FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL`, fam)
}

// manyLogins lifts the login limits for tests that log one user in many times.
func manyLogins(c *config.Config) { c.LoginLimitPerIP, c.LoginLimitPerPhone = 100000, 100000 }

// Twenty copies of one refresh token at once. Refresh locks the token row (SELECT … FOR
// UPDATE), so the requests are served one after another whatever the timing:
//   - the first marks it used and gets a new pair (200);
//   - the second sees used_at set: reuse, code refresh_token_reused, and it revokes the family;
//   - every later one sees revoked_at set: refresh_token_invalid.
//
// Afterwards the family holds exactly the original and the winner's token, both revoked.
func TestConcurrentRefreshIsSerialisedPrecisely(t *testing.T) {
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	a := logIn(t, e, u.Phone, u.Password)
	fam := familyOf(t, e, a.RefreshToken)

	const n = 20
	results := make(chan *testkit.Response, n)
	race.Run(n, func(int) { results <- refresh(e, a.RefreshToken) }) // all at once: they really contend for the row
	close(results)

	var winners []api.AuthResponse
	codes := map[string]int{}
	for r := range results {
		switch r.Status {
		case http.StatusOK:
			var w api.AuthResponse
			r.JSON(t, &w)
			winners = append(winners, w)
		case http.StatusUnauthorized:
			codes[r.Problem(t).Code]++
		default:
			t.Fatalf("unexpected status %d: %s", r.Status, r.Body)
		}
	}
	if len(winners) != 1 || codes["refresh_token_reused"] != 1 || codes["refresh_token_invalid"] != n-2 {
		t.Fatalf("winners %d, losers by code %v; want 1 winner, 1 reused, %d invalid", len(winners), codes, n-2)
	}
	w := winners[0]
	if w.RefreshToken == a.RefreshToken || w.User.Id != u.ID {
		t.Fatalf("winner's pair = %+v", w)
	}
	if got := e.Count(`SELECT count(*) FROM refresh_tokens WHERE family_id = $1`, fam); got != 2 {
		t.Fatalf("family has %d tokens, want 2 (the original and the winner's)", got)
	}
	if live := liveInFamily(e, fam); live != 0 {
		t.Fatalf("%d tokens of the family are still live after reuse", live)
	}
	// The winner's token was revoked (not used), so it is simply invalid now.
	expectProblem(t, refresh(e, w.RefreshToken), http.StatusUnauthorized, "refresh_token_invalid")
	// Another login of the same user (another family) is untouched by all this.
	b := logIn(t, e, u.Phone, u.Password)
	if res := refresh(e, b.RefreshToken); res.Status != http.StatusOK {
		t.Fatalf("an unrelated family was affected: %d %s", res.Status, res.Body)
	}
}

// A rotated pair is really new: the access token works, the refresh token is different and
// works once, and the old refresh token is now a reuse.
func TestRefreshRotates(t *testing.T) {
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleVolunteer)
	a := logIn(t, e, u.Phone, u.Password)
	res := refresh(e, a.RefreshToken)
	if res.Status != http.StatusOK {
		t.Fatalf("refresh: %d %s", res.Status, res.Body)
	}
	var b api.AuthResponse
	res.JSON(t, &b)
	if b.RefreshToken == a.RefreshToken || b.AccessToken == "" || b.TokenType != api.Bearer ||
		b.ExpiresIn != int(e.Cfg.AccessTTL/time.Second) || b.User.Id != u.ID || b.User.Role != api.Volunteer {
		t.Fatalf("rotated pair = %+v", b)
	}
	var me api.User
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me", Token: b.AccessToken}).JSON(t, &me)
	if me.Id != u.ID {
		t.Fatalf("me = %+v", me)
	}
	if familyOf(t, e, b.RefreshToken) != familyOf(t, e, a.RefreshToken) {
		t.Fatal("a rotated token must stay in its login's family")
	}
	expectProblem(t, refresh(e, a.RefreshToken), http.StatusUnauthorized, "refresh_token_reused")
}

// Unknown or malformed refresh tokens are plainly invalid (no reuse, nothing revoked).
func TestRefreshUnknownToken(t *testing.T) {
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	a := logIn(t, e, u.Phone, u.Password)
	for _, tok := range []string{"nope", "", a.RefreshToken + "x", a.AccessToken[:100]} {
		expectProblem(t, refresh(e, tok), http.StatusUnauthorized, "refresh_token_invalid")
	}
	if res := refresh(e, a.RefreshToken); res.Status != http.StatusOK {
		t.Fatalf("the real token was affected by bad guesses: %d %s", res.Status, res.Body)
	}
}

// A refresh token works until its expiry and not at it.
func TestRefreshTokenExpiry(t *testing.T) {
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	a, b := logIn(t, e, u.Phone, u.Password), logIn(t, e, u.Phone, u.Password)
	e.Clock.Advance(e.Cfg.RefreshTTL - time.Second)
	if res := refresh(e, a.RefreshToken); res.Status != http.StatusOK {
		t.Fatalf("one second before expiry: %d %s", res.Status, res.Body)
	}
	e.Clock.Advance(time.Second)
	expectProblem(t, refresh(e, b.RefreshToken), http.StatusUnauthorized, "refresh_token_invalid")
}

// Logout revokes the whole family, whichever of its tokens is presented, and only that
// family. (The access token stays valid until it expires: it is short-lived by design, so
// this test does not look at it.)
func TestLogoutRevokesTheFamilyOnly(t *testing.T) {
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	phone, tablet := logIn(t, e, u.Phone, u.Password), logIn(t, e, u.Phone, u.Password)

	var rotated api.AuthResponse
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/refresh",
		Body: map[string]any{"refresh_token": phone.RefreshToken}}).JSON(t, &rotated)
	fam := familyOf(t, e, rotated.RefreshToken)

	// Logging out with the first (already used) token still ends the login.
	if res := logout(e, phone.RefreshToken); res.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", res.Status, res.Body)
	}
	if live := liveInFamily(e, fam); live != 0 {
		t.Fatalf("%d tokens still live after logout", live)
	}
	expectProblem(t, refresh(e, rotated.RefreshToken), http.StatusUnauthorized, "refresh_token_invalid")
	// The other device's login goes on.
	if res := refresh(e, tablet.RefreshToken); res.Status != http.StatusOK {
		t.Fatalf("logout ended another login: %d %s", res.Status, res.Body)
	}
	// Unknown tokens and a second logout are accepted silently.
	for _, tok := range []string{rotated.RefreshToken, "never-issued"} {
		if res := logout(e, tok); res.Status != http.StatusNoContent {
			t.Fatalf("logout(%q): %d %s", tok, res.Status, res.Body)
		}
	}
}

// Logout racing a refresh of the same token: whoever wins, once both have answered no token
// of the family may be live. A refresh that commits its new token while logout is revoking
// must not leave that new token behind.
func TestLogoutRacingRefreshLeavesNothingLive(t *testing.T) {
	e := testkit.New(t, manyLogins)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	for round := 0; round < 30; round++ {
		a := logIn(t, e, u.Phone, u.Password)
		fam := familyOf(t, e, a.RefreshToken)
		start := make(chan struct{})
		var wg sync.WaitGroup
		var ref, out *testkit.Response
		wg.Add(2)
		go func() { defer wg.Done(); <-start; ref = refresh(e, a.RefreshToken) }()
		go func() { defer wg.Done(); <-start; out = logout(e, a.RefreshToken) }()
		close(start)
		wg.Wait()
		if out.Status != http.StatusNoContent || (ref.Status != http.StatusOK && ref.Status != http.StatusUnauthorized) {
			t.Fatalf("round %d: logout %d, refresh %d %s", round, out.Status, ref.Status, ref.Body)
		}
		if live := liveInFamily(e, fam); live != 0 {
			t.Fatalf("round %d: refresh answered %d and %d token(s) of the logged-out family are still live", round, ref.Status, live)
		}
	}
}

// A stolen, already-used token replayed while the owner refreshes the current one: the reuse
// must revoke the family including whatever the owner's refresh is creating at that moment.
func TestReuseRacingRefreshLeavesNothingLive(t *testing.T) {
	e := testkit.New(t, manyLogins)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	for round := 0; round < 30; round++ {
		first := logIn(t, e, u.Phone, u.Password)
		var current api.AuthResponse
		e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/refresh",
			Body: map[string]any{"refresh_token": first.RefreshToken}}).JSON(t, &current)
		fam := familyOf(t, e, first.RefreshToken)
		start := make(chan struct{})
		var wg sync.WaitGroup
		var owner, thief *testkit.Response
		wg.Add(2)
		go func() { defer wg.Done(); <-start; owner = refresh(e, current.RefreshToken) }()
		go func() { defer wg.Done(); <-start; thief = refresh(e, first.RefreshToken) }()
		close(start)
		wg.Wait()
		if thief.Status != http.StatusUnauthorized || thief.Problem(t).Code != "refresh_token_reused" {
			t.Fatalf("round %d: replayed token answered %d %s", round, thief.Status, thief.Body)
		}
		if live := liveInFamily(e, fam); live != 0 {
			t.Fatalf("round %d: owner's refresh answered %d and %d token(s) survived the reuse", round, owner.Status, live)
		}
	}
}
