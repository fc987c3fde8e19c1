package notify_test

import (
	"context"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A phone's token belongs to whoever registered it last; deleting is only ever one's own.
func TestDevicesMoveBetweenAccountsAndDeleteOnlyOwn(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	a, b := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	tok := "shared-family-phone-token-001"
	owner := func() string {
		var id string
		e.Pool.QueryRow(context.Background(), "SELECT user_id::text FROM devices WHERE token = $1", tok).Scan(&id)
		return id
	}
	var d api.Device
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/me/devices", Token: a.Token, Body: map[string]any{"token": tok, "platform": "android", "app_version": "1.2.0", "locale": "en"}}).JSON(t, &d)
	if d.Locale != api.En || d.Platform != "android" || owner() != a.ID.String() {
		t.Fatalf("device %+v owned by %s", d, owner())
	}
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/me/devices", Token: b.Token, Body: map[string]any{"token": tok, "platform": "android"}})
	if owner() != b.ID.String() {
		t.Fatal("token did not move to the account that registered it last")
	}
	// A no longer owns it: deleting it is a no-op that answers the same.
	e.Expect(204, testkit.Req{Method: "DELETE", Path: "/v1/me/devices/" + tok, Token: a.Token})
	if owner() != b.ID.String() {
		t.Fatal("another account deleted the device")
	}
	e.Expect(204, testkit.Req{Method: "DELETE", Path: "/v1/me/devices/" + tok, Token: b.Token})
	if owner() != "" {
		t.Fatal("device not deleted by its owner")
	}
	e.Expect(422, testkit.Req{Method: "POST", Path: "/v1/me/devices", Token: a.Token, Body: map[string]any{"token": "short", "platform": "android"}})
	e.Expect(422, testkit.Req{Method: "POST", Path: "/v1/me/devices", Token: a.Token, Body: map[string]any{"token": tok, "platform": "symbian"}})
}
