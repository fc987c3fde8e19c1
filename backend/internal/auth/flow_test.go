package auth_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The whole life of a login: register, log in, read me, rotate the refresh token, detect the
// reuse of an old one (which revokes the family), and log out.
func TestRegisterLoginRefreshReuseLogout(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 2)

	var reg api.AuthResponse
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/auth/register", Body: map[string]any{
		"phone": "0912 345 678", "password": "Hoa-sen-2026", "full_name": "  Nguyễn   Thị Hoa ",
		"ward_code": w.Code, "neighborhood_id": w.Neighborhoods[1],
	}}).JSON(t, &reg)
	if reg.User.Phone != "+84912345678" || reg.User.FullName != "Nguyễn Thị Hoa" || reg.User.Role != api.Citizen {
		t.Fatalf("registered user = %+v", reg.User)
	}
	if reg.TokenType != "Bearer" || reg.ExpiresIn != 900 || reg.AccessToken == "" || reg.RefreshToken == "" {
		t.Fatalf("tokens = %+v", reg)
	}

	var login api.AuthResponse
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/login",
		Body: map[string]any{"phone": "+84912345678", "password": "Hoa-sen-2026"}}).JSON(t, &login)

	var me api.User
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me", Token: login.AccessToken}).JSON(t, &me)
	if me.Id != reg.User.Id || me.NeighborhoodId == nil || *me.NeighborhoodId != w.Neighborhoods[1] {
		t.Fatalf("me = %+v", me)
	}

	var second api.AuthResponse
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/refresh",
		Body: map[string]any{"refresh_token": login.RefreshToken}}).JSON(t, &second)
	if second.RefreshToken == login.RefreshToken {
		t.Fatal("refresh token was not rotated")
	}

	// The old token again: refused, and the whole family (incl. the new token) is revoked.
	p := e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/auth/refresh",
		Body: map[string]any{"refresh_token": login.RefreshToken}}).Problem(t)
	if p.Code != "refresh_token_reused" {
		t.Fatalf("reuse code = %q", p.Code)
	}
	e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/auth/refresh",
		Body: map[string]any{"refresh_token": second.RefreshToken}})

	// The registration's own login is another family and still works; logging out ends it.
	e.Expect(http.StatusNoContent, testkit.Req{Method: "POST", Path: "/v1/auth/logout",
		Body: map[string]any{"refresh_token": reg.RefreshToken}})
	e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/auth/refresh",
		Body: map[string]any{"refresh_token": reg.RefreshToken}})
	// Logging out twice is harmless.
	e.Expect(http.StatusNoContent, testkit.Req{Method: "POST", Path: "/v1/auth/logout",
		Body: map[string]any{"refresh_token": reg.RefreshToken}})
}

// Twenty copies of one refresh token presented at once (a retry storm, or a thief racing the
// owner): the row lock lets exactly one through; every later one counts as reuse, which
// revokes the family, so even the winner's new token is dead.
func TestConcurrentRefreshHasOneWinnerAndRevokesTheFamily(t *testing.T) {
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), "citizen")
	var login api.AuthResponse
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": u.Phone, "password": u.Password}}).JSON(t, &login)
	var wg sync.WaitGroup
	results := make(chan *testkit.Response, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- e.Do(testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Body: map[string]any{"refresh_token": login.RefreshToken}})
		}()
	}
	wg.Wait()
	close(results)
	var winners []api.AuthResponse
	for r := range results {
		switch r.Status {
		case http.StatusOK:
			var a api.AuthResponse
			r.JSON(t, &a)
			winners = append(winners, a)
		case http.StatusUnauthorized:
		default:
			t.Fatalf("status %d: %s", r.Status, r.Body)
		}
	}
	if len(winners) != 1 {
		t.Fatalf("%d refreshes succeeded, want exactly 1", len(winners))
	}
	e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Body: map[string]any{"refresh_token": winners[0].RefreshToken}})
}
