package auth_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// Every way a forged, stale or misdirected access token could get in is refused with 401.
func TestBadAccessTokensAreRefused(t *testing.T) {
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleOfficer)
	key := e.Cfg.JWTKeys[0]
	now := e.Clock.Now()
	good := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": e.Cfg.JWTIssuer, "aud": e.Cfg.JWTAudience, "sub": u.ID.String(),
			"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
	}
	sign := func(c jwt.MapClaims, k ed25519.PrivateKey, kid string) string {
		tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
		tok.Header["kid"] = kid
		s, err := tok.SignedString(k)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	with := func(k string, v any) jwt.MapClaims {
		c := good()
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	noneTok, _ := jwt.NewWithClaims(jwt.SigningMethodNone, good()).SignedString(jwt.UnsafeAllowNoneSignatureType)
	// Algorithm confusion: HMAC keyed with the public key bytes.
	hs := jwt.NewWithClaims(jwt.SigningMethodHS256, good())
	hs.Header["kid"] = key.ID
	confused, _ := hs.SignedString([]byte(key.Key.Public().(ed25519.PublicKey)))

	// The control: a correct token is accepted, so the refusals below mean something.
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/me", Token: sign(good(), key.Key, key.ID)})

	cases := map[string]string{
		"alg none":           noneTok,
		"hs256 with pub key": confused,
		"another key":        sign(good(), otherKey, key.ID),
		"unknown kid":        sign(good(), key.Key, "someone-else"),
		"expired":            sign(with("exp", now.Add(-2*time.Minute).Unix()), key.Key, key.ID),
		"no exp":             sign(with("exp", nil), key.Key, key.ID),
		"wrong aud":          sign(with("aud", "another-api"), key.Key, key.ID),
		"wrong iss":          sign(with("iss", "evil"), key.Key, key.ID),
		"no sub":             sign(with("sub", nil), key.Key, key.ID),
		"sub not a user id":  sign(with("sub", "admin"), key.Key, key.ID),
		"sub of nobody":      sign(with("sub", "01900000-0000-7000-8000-000000000000"), key.Key, key.ID),
		"not yet valid":      sign(with("nbf", now.Add(time.Hour).Unix()), key.Key, key.ID),
		"garbage":            "not.a.jwt",
		"tampered payload":   tamper(sign(good(), key.Key, key.ID)),
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			if p := e.Expect(401, testkit.Req{Method: "GET", Path: "/v1/me", Token: tok}).Problem(t); p.Code != "unauthorized" {
				t.Fatalf("code %q", p.Code)
			}
		})
	}
	// Not a bearer scheme at all.
	e.Expect(401, testkit.Req{Method: "GET", Path: "/v1/me", Header: map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte("a:b"))}})

	// A token that was fine stops being fine when the clock passes its expiry (+30 s leeway).
	tok := u.Token
	e.Clock.Advance(e.Cfg.AccessTTL + time.Minute)
	e.Expect(401, testkit.Req{Method: "GET", Path: "/v1/me", Token: tok})
}

func tamper(tok string) string {
	parts := strings.Split(tok, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	payload = []byte(strings.Replace(string(payload), `"sub":"`, `"sub":"0`, 1))
	parts[1] = base64.RawURLEncoding.EncodeToString(payload)
	return strings.Join(parts, ".")
}

// Key rotation: a new signing key first, the old one still listed, keeps old tokens valid and
// signs new ones with the new kid.
func TestKeyRotation(t *testing.T) {
	oldEnv := testkit.New(t)
	u := oldEnv.NewUser(oldEnv.NewWard("26734", 1), auth.RoleCitizen)
	seed := make([]byte, ed25519.SeedSize)
	_, _ = rand.Read(seed)
	rotated, err := config.ParseSigningKeys("2026-12:" + base64.StdEncoding.EncodeToString(seed))
	if err != nil {
		t.Fatal(err)
	}
	newKeys := append(rotated, oldEnv.Cfg.JWTKeys...)
	e := testkit.New(t, func(c *config.Config) { c.JWTKeys = newKeys })
	// Same database contents are not shared between envs, so check the signer directly with
	// the old token and then through HTTP with a user of the new env.
	if _, err := e.App.Auth.Signer().Verify(u.Token); err != nil {
		t.Fatalf("token signed with the previous key refused after rotation: %v", err)
	}
	nu := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	var login struct {
		AccessToken string `json:"access_token"`
	}
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": nu.Phone, "password": nu.Password}}).JSON(t, &login)
	parsed, _, err := jwt.NewParser().ParseUnverified(login.AccessToken, jwt.MapClaims{})
	if err != nil || parsed.Header["kid"] != "2026-12" {
		t.Fatalf("new tokens should carry the new kid: %v %v", parsed.Header, err)
	}
	// A token signed only by the retired key is refused once the key is dropped.
	retired := testkit.New(t, func(c *config.Config) { c.JWTKeys = rotated })
	if _, err := retired.App.Auth.Signer().Verify(u.Token); err == nil {
		t.Fatal("token of a dropped key still verifies")
	}
}
