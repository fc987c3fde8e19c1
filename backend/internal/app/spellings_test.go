package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// Fiber also routes a path with a trailing slash or in other letter case to an operation's
// handler; the gate guards the route Fiber chose, so those spellings are refused like the
// contract's own: a role not in x-roles gets 403, and a body the contract refuses gets 422
// before any handler reads it. (When the gate matched paths itself, such spellings matched no
// operation and reached the handlers unguarded: only the handlers' own role checks stood.)
func TestEverySpellingOfARouteIsGuarded(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	users := map[string]testkit.User{}
	for _, r := range testkit.Roles {
		users[r] = e.NewUser(w, r)
	}
	doc, policies := specAndPolicies(t)
	checked := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			pol := policies[op.OperationID]
			if pol.Public {
				continue
			}
			var body any
			if op.RequestBody != nil {
				body = map[string]any{}
			}
			p := fillPath(path)
			for _, spelled := range []string{p + "/", strings.ToUpper(p)} {
				for _, role := range testkit.Roles {
					if contains(pol.Roles, role) {
						continue
					}
					res := e.Do(testkit.Req{Method: method, Path: spelled, Body: body, Token: users[role].Token})
					if res.Status != http.StatusForbidden {
						t.Errorf("%s %s as %s (x-roles %v): %d %s, want 403", method, spelled, role, pol.Roles, res.Status, res.Body)
					}
				}
				if res := e.Do(testkit.Req{Method: method, Path: spelled, Body: body}); res.Status != http.StatusUnauthorized {
					t.Errorf("%s %s anonymous: %d, want 401", method, spelled, res.Status)
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no private operations found")
	}
	// A public operation's body is validated whatever the spelling: a member the contract does
	// not have is refused before the handler reads the rest.
	for _, spelled := range []string{"/v1/auth/login/", "/V1/AUTH/LOGIN"} {
		res := e.Do(testkit.Req{Method: "POST", Path: spelled, Body: map[string]any{
			"phone": "0912345678", "password": "wrong-password-1", "role": "admin"}})
		if res.Status != http.StatusUnprocessableEntity || res.Problem(t).Code != "validation_failed" {
			t.Errorf("POST %s with an unknown member: %d %s, want 422", spelled, res.Status, res.Body)
		}
	}
}
