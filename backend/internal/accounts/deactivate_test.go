package accounts_test

import (
	"net/http"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func login(t *testing.T, e *testkit.Env, u testkit.User) api.AuthResponse {
	t.Helper()
	var a api.AuthResponse
	expect(t, e, http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": u.Phone, "password": u.Password}}).JSON(t, &a)
	return a
}

// Deactivating an account shuts every door at once: the access tokens already handed out, every
// login's refresh token and new logins. Reactivating opens the login door again, but the old
// refresh tokens stay dead (the account must log in afresh).
func TestDeactivationShutsEveryDoorAndReactivationReopensLogin(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin, vol, bystander := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleVolunteer), e.NewUser(w, auth.RoleVolunteer)
	phoneLogin, tabletLogin := login(t, e, vol), login(t, e, vol) // two devices, two refresh families
	other := login(t, e, bystander)
	for _, tok := range []string{vol.Token, phoneLogin.AccessToken, tabletLogin.AccessToken} {
		expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me", Token: tok})
	}

	var u api.User
	expect(t, e, http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: admin.Token,
		Body: map[string]any{"active": false}}).JSON(t, &u)
	if u.Active || u.Id != vol.ID {
		t.Fatalf("PATCH answered %+v", u)
	}

	// Every access token is refused on its next request, though none has expired.
	for _, tok := range []string{vol.Token, phoneLogin.AccessToken, tabletLogin.AccessToken} {
		expectProblem(t, e, http.StatusUnauthorized, "account_inactive", testkit.Req{Method: "GET", Path: "/v1/me", Token: tok})
	}
	// Every refresh token was revoked in the deactivating transaction.
	for _, rt := range []string{phoneLogin.RefreshToken, tabletLogin.RefreshToken} {
		expectProblem(t, e, http.StatusUnauthorized, "refresh_token_invalid", testkit.Req{Method: "POST", Path: "/v1/auth/refresh",
			Body: map[string]any{"refresh_token": rt}})
	}
	if n := e.Count("SELECT count(*) FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL", vol.ID); n != 0 {
		t.Fatalf("%d live refresh tokens after deactivation", n)
	}
	// The right password no longer logs in.
	expectProblem(t, e, http.StatusUnauthorized, "account_inactive", testkit.Req{Method: "POST", Path: "/v1/auth/login",
		Body: map[string]any{"phone": vol.Phone, "password": vol.Password}})
	// Nobody else was logged out.
	expect(t, e, http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Body: map[string]any{"refresh_token": other.RefreshToken}})

	if n := e.Count(`SELECT count(*) FROM audit_events WHERE action = 'user.deactivate' AND actor_id = $1 AND target_id = $2
		AND ward_id = $3 AND detail->>'active' = 'false'`, admin.ID, vol.ID, w.ID); n != 1 {
		t.Fatalf("%d user.deactivate audit events, want 1", n)
	}
	// Deactivating again is harmless and is not a second deactivation.
	expect(t, e, http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: admin.Token, Body: map[string]any{"active": false}})
	if n := e.Count("SELECT count(*) FROM audit_events WHERE action = 'user.deactivate'"); n != 1 {
		t.Fatalf("%d user.deactivate audit events after a repeat, want 1", n)
	}

	// Reactivation.
	expect(t, e, http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: admin.Token,
		Body: map[string]any{"active": true}}).JSON(t, &u)
	if !u.Active {
		t.Fatalf("PATCH answered %+v", u)
	}
	if n := e.Count(`SELECT count(*) FROM audit_events WHERE action = 'user.update' AND target_id = $1 AND detail->>'active' = 'true'`, vol.ID); n != 1 {
		t.Fatal("no audit event for the reactivation")
	}
	again := login(t, e, vol)
	expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me", Token: again.AccessToken})
	expect(t, e, http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Body: map[string]any{"refresh_token": again.RefreshToken}})
	for _, rt := range []string{phoneLogin.RefreshToken, tabletLogin.RefreshToken} {
		expect(t, e, http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Body: map[string]any{"refresh_token": rt}})
	}
}

// An officer may deactivate a volunteer of the ward, with the same effect; a deactivated
// account is listed under ?active=false.
func TestOfficerDeactivatesVolunteer(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer, vol := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleVolunteer)
	session := login(t, e, vol)
	expect(t, e, http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: officer.Token, Body: map[string]any{"active": false}})
	expectProblem(t, e, http.StatusUnauthorized, "account_inactive", testkit.Req{Method: "GET", Path: "/v1/me", Token: session.AccessToken})
	expect(t, e, http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Body: map[string]any{"refresh_token": session.RefreshToken}})
	if n := e.Count("SELECT count(*) FROM audit_events WHERE action = 'user.deactivate' AND actor_id = $1 AND target_id = $2", officer.ID, vol.ID); n != 1 {
		t.Fatal("no user.deactivate audit event by the officer")
	}
	var list api.UserList
	expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/users?active=false", Token: officer.Token}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Id != vol.ID || list.Items[0].Active {
		t.Fatalf("inactive list = %+v", list.Items)
	}
}
