package auth_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"net/http"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func kidOf(t *testing.T, token string) any {
	t.Helper()
	tok, _, err := jwt.NewParser().ParseUnverified(token, jwt.MapClaims{})
	if err != nil {
		t.Fatal(err)
	}
	return tok.Header["kid"]
}

// Rotation through the API, on one database: with a new key first and the old one second,
// tokens the old key signed (before the deploy) still get in, and everything issued from now
// on (login, refresh, register) carries the new kid. A kid is bound to its own key.
func TestKeyRotationThroughTheAPI(t *testing.T) {
	t.Parallel()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	fresh := config.SigningKey{ID: "2027-01", Key: priv}
	old := testkit.TestConfig().JWTKeys[0]
	e := testkit.New(t, func(c *config.Config) { c.JWTKeys = append([]config.SigningKey{fresh}, c.JWTKeys...) })
	if len(e.Cfg.JWTKeys) != 2 || e.Cfg.JWTKeys[1].ID != old.ID {
		t.Fatalf("keys = %v", e.Cfg.JWTKeys)
	}
	w := e.NewWard("26734", 1)
	u := e.NewUser(w, auth.RoleCitizen)

	// A token as the previous deployment issued it: same settings, old key only.
	prevCfg := e.Cfg
	prevCfg.JWTKeys = []config.SigningKey{old}
	before, err := auth.NewSigner(prevCfg, e.Clock).Issue(u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if kidOf(t, before) != old.ID {
		t.Fatalf("setup: old token kid %v", kidOf(t, before))
	}
	if res := me(e, before, nil); res.Status != http.StatusOK {
		t.Fatalf("token signed with the previous key refused after rotation: %d %s", res.Status, res.Body)
	}

	a := logIn(t, e, u.Phone, u.Password)
	if kidOf(t, a.AccessToken) != fresh.ID {
		t.Fatalf("login issued kid %v, want %q", kidOf(t, a.AccessToken), fresh.ID)
	}
	if res := me(e, a.AccessToken, nil); res.Status != http.StatusOK {
		t.Fatalf("new-key token refused: %d %s", res.Status, res.Body)
	}
	var r api.AuthResponse
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/refresh",
		Body: map[string]any{"refresh_token": a.RefreshToken}}).JSON(t, &r)
	if kidOf(t, r.AccessToken) != fresh.ID {
		t.Fatalf("refresh issued kid %v", kidOf(t, r.AccessToken))
	}
	var reg api.AuthResponse
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/auth/register", Body: map[string]any{
		"phone": "0987654321", "password": "Hoa-sen-2026", "full_name": "Trần Văn Bình", "ward_code": w.Code,
	}}).JSON(t, &reg)
	if kidOf(t, reg.AccessToken) != fresh.ID {
		t.Fatalf("register issued kid %v", kidOf(t, reg.AccessToken))
	}

	// Each key verifies only under its own kid.
	claims := jwt.MapClaims{"iss": e.Cfg.JWTIssuer, "aud": e.Cfg.JWTAudience, "sub": u.ID.String(),
		"iat": e.Clock.Now().Unix(), "exp": e.Clock.Now().Add(e.Cfg.AccessTTL).Unix()}
	expectProblem(t, me(e, mint(t, claims, old.Key, fresh.ID), nil), http.StatusUnauthorized, "unauthorized")
	expectProblem(t, me(e, mint(t, claims, fresh.Key, old.ID), nil), http.StatusUnauthorized, "unauthorized")
	for _, k := range []config.SigningKey{old, fresh} { // the control: right pairs get in
		if res := me(e, mint(t, claims, k.Key, k.ID), nil); res.Status != http.StatusOK {
			t.Fatalf("kid %s with its own key: %d %s", k.ID, res.Status, res.Body)
		}
	}
}
