package auth_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/app"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The account cache never serves an account that changed: two server instances share one
// database, each keeps its callers' accounts in memory, and an admin deactivates a volunteer
// through the first. The volunteer's very next request is refused by both instances — the first
// forgets at once, the second hears it from the database's notification — and a change made
// outside the API (plain SQL) reaches both caches too.
func TestAccountCacheForgetsAChangedAccountOnEveryInstance(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin, vol, other := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleVolunteer), e.NewUser(w, auth.RoleOfficer)
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	b, err := app.New(app.Deps{Cfg: e.Cfg, Pool: e.AppPool, Clock: e.Clock, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*auth.Service{e.App.Auth, b.Auth} {
		go s.WatchAccounts(t.Context(), log)
		select {
		case <-s.AccountCacheReady():
		case <-time.After(10 * time.Second):
			t.Fatal("the account cache did not start listening")
		}
	}
	onB := func(token string) (int, []byte) {
		req := httptest.NewRequest("GET", "/v1/me", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := b.Fiber.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, body
	}

	for _, u := range []testkit.User{vol, other} {
		e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me", Token: u.Token})
		if status, body := onB(u.Token); status != http.StatusOK {
			t.Fatalf("instance B: %d %s", status, body)
		}
		if !e.App.Auth.Cached(u.ID) || !b.Auth.Cached(u.ID) {
			t.Fatalf("%s's account is not cached by both instances", u.Role)
		}
	}

	// Deactivated through A: refused on the next request by A and by B.
	e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: admin.Token,
		Body: map[string]any{"active": false}})
	if vi, _ := e.ExpectProblem(http.StatusUnauthorized, testkit.Req{Method: "GET", Path: "/v1/me", Token: vol.Token}); vi.Code != "account_inactive" {
		t.Fatalf("instance A after the deactivation: %+v", vi)
	}
	status, body := onB(vol.Token)
	var p httpx.Problem
	_ = json.Unmarshal(body, &p)
	if status != http.StatusUnauthorized || p.Code != "account_inactive" {
		t.Fatalf("instance B after the deactivation: %d %s", status, body)
	}

	// Renamed with plain SQL: both instances drop the account and show the new name (GET /v1/me
	// answers from the row authentication read).
	if _, err := e.Pool.Exec(t.Context(), "UPDATE users SET full_name = 'Trần Văn Mới' WHERE id = $1", other.ID); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(5 * time.Second); e.App.Auth.Cached(other.ID) || b.Auth.Cached(other.ID); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the notification did not reach both caches within 5 s")
		}
	}
	var me api.User
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me", Token: other.Token}).JSON(t, &me)
	status, body = onB(other.Token)
	var meB api.User
	_ = json.Unmarshal(body, &meB)
	if me.FullName != "Trần Văn Mới" || status != http.StatusOK || meB.FullName != "Trần Văn Mới" {
		t.Fatalf("after the rename: A %q, B %d %s", me.FullName, status, body)
	}
}

// While its listener is not connected the cache is off: every request reads its account.
func TestAccountCacheIsOffWithoutItsListener(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	vol := e.NewUser(w, auth.RoleVolunteer)
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me", Token: vol.Token})
	if e.App.Auth.Cached(vol.ID) {
		t.Fatal("cached without a listener")
	}
	if _, err := e.Pool.Exec(t.Context(), "UPDATE users SET active = false WHERE id = $1", vol.ID); err != nil {
		t.Fatal(err)
	}
	e.ExpectProblem(http.StatusUnauthorized, testkit.Req{Method: "GET", Path: "/v1/me", Token: vol.Token})
}
