package auth_test

import (
	"context"
	"crypto/ed25519"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// These complement TestBadAccessTokensAreRefused (jwt_refusal_test.go), which already covers
// alg none, HS256 keyed with the public key, another key under our kid, an unknown kid,
// wrong aud/iss, missing exp, missing or foreign sub, nbf in the future, garbage and a
// tampered payload.

func me(e *testkit.Env, token string, header map[string]string) *testkit.Response {
	return e.Do(testkit.Req{Method: "GET", Path: "/v1/me", Token: token, Header: header})
}

// mint signs claims with key under kid, as an attacker or a misconfigured issuer would.
func mint(t *testing.T, claims jwt.MapClaims, key ed25519.PrivateKey, kid string) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// More claim-level refusals, each next to a control that differs only in the claim, so a
// refusal cannot come from something else.
func TestMoreBadClaimsAreRefused(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	key := e.Cfg.JWTKeys[0]
	now := e.Clock.Now()
	claims := func(k string, v any) jwt.MapClaims {
		c := jwt.MapClaims{"iss": e.Cfg.JWTIssuer, "aud": e.Cfg.JWTAudience, "sub": u.ID.String(),
			"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
		if k != "" {
			if v == nil {
				delete(c, k)
			} else {
				c[k] = v
			}
		}
		return c
	}
	control := mint(t, claims("", nil), key.Key, key.ID)
	if res := me(e, control, nil); res.Status != http.StatusOK {
		t.Fatalf("control token refused: %d %s", res.Status, res.Body)
	}
	// aud may be a list; it is accepted when ours is in it.
	if res := me(e, mint(t, claims("aud", []string{"other", e.Cfg.JWTAudience}), key.Key, key.ID), nil); res.Status != http.StatusOK {
		t.Fatalf("aud list containing ours refused: %d %s", res.Status, res.Body)
	}
	cases := map[string]string{
		"no kid":                mint(t, claims("", nil), key.Key, ""),
		"no aud":                mint(t, claims("aud", nil), key.Key, key.ID),
		"aud list without ours": mint(t, claims("aud", []string{"other", "more"}), key.Key, key.ID),
		"no iss":                mint(t, claims("iss", nil), key.Key, key.ID),
		"iss differs in case":   mint(t, claims("iss", "MOTCUA"), key.Key, key.ID),
		"exp not a number":      mint(t, claims("exp", "tomorrow"), key.Key, key.ID),
		"issued in the future":  mint(t, claims("iat", now.Add(time.Hour).Unix()), key.Key, key.ID),
		"nil uuid sub":          mint(t, claims("sub", uuid.Nil.String()), key.Key, key.ID),
		"empty sub":             mint(t, claims("sub", ""), key.Key, key.ID),
		"numeric sub":           mint(t, claims("sub", 1), key.Key, key.ID),
		"expired long ago":      mint(t, claims("exp", now.Add(-24*time.Hour).Unix()), key.Key, key.ID),
		"signature stripped":    control[:strings.LastIndex(control, ".")+1],
		"signature truncated":   control[:len(control)-4],
		"two tokens joined":     u.Token + "." + u.Token,
		"header only":           "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9",
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			expectProblem(t, me(e, tok, nil), http.StatusUnauthorized, "unauthorized")
		})
	}
}

// A token from the app's own signer lives for the TTL plus the 30 s leeway, and no longer.
func TestAccessTokenExpiresAfterTTLAndLeeway(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	tok := e.Token(u)
	e.Clock.Advance(e.Cfg.AccessTTL + 29*time.Second)
	if res := me(e, tok, nil); res.Status != http.StatusOK {
		t.Fatalf("inside the leeway: %d %s", res.Status, res.Body)
	}
	e.Clock.Advance(2 * time.Second) // TTL + 31 s
	expectProblem(t, me(e, tok, nil), http.StatusUnauthorized, "unauthorized")
	// A fresh token at the new time works: the refusal was about age only.
	if res := me(e, e.Token(u), nil); res.Status != http.StatusOK {
		t.Fatalf("fresh token: %d %s", res.Status, res.Body)
	}
}

// The Authorization header must be "Bearer <token>" (scheme case-insensitive, RFC 9110).
func TestAuthorizationHeaderForms(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	for _, h := range []string{"bearer " + u.Token, "BEARER " + u.Token, "Bearer   " + u.Token + "  "} {
		if res := me(e, "", map[string]string{"Authorization": h}); res.Status != http.StatusOK {
			t.Fatalf("%q: %d %s", h, res.Status, res.Body)
		}
	}
	refused := []string{
		"",                                   // no header
		"Basic b2ZmaWNlcjpNYXRraGF1LTIwMjY=", // officer:Matkhau-2026
		"Bearer",
		"Bearer ",
		"Token " + u.Token,
		u.Token, // no scheme
		"Bearer " + u.Token + " extra",
	}
	for _, h := range refused {
		var hdr map[string]string
		if h != "" {
			hdr = map[string]string{"Authorization": h}
		}
		res := me(e, "", hdr)
		if res.Status != http.StatusUnauthorized {
			t.Fatalf("%q: %d %s", h, res.Status, res.Body)
		}
		expectProblem(t, res, http.StatusUnauthorized, "unauthorized")
	}
}

func setActive(t *testing.T, e *testkit.Env, id uuid.UUID, active bool) {
	t.Helper()
	if _, err := e.Pool.Exec(context.Background(), `UPDATE users SET active = $2 WHERE id = $1`, id, active); err != nil {
		t.Fatal(err)
	}
}

// The caller is loaded from the database on every request: deactivating an account stops its
// still-valid token at once (account_inactive), and reactivating lets it back in.
func TestDeactivatedUserTokenIsRefusedAtOnce(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleOfficer)
	if res := me(e, u.Token, nil); res.Status != http.StatusOK {
		t.Fatalf("before: %d %s", res.Status, res.Body)
	}
	setActive(t, e, u.ID, false)
	expectProblem(t, me(e, u.Token, nil), http.StatusUnauthorized, "account_inactive")
	if p := me(e, u.Token, nil).Problem(t); p.Title != "Tài khoản đã bị khóa" {
		t.Fatalf("title %q", p.Title)
	}
	setActive(t, e, u.ID, true)
	if res := me(e, u.Token, nil); res.Status != http.StatusOK {
		t.Fatalf("after reactivation: %d %s", res.Status, res.Body)
	}
	// A token for an account that no longer exists is just unauthorized.
	if _, err := e.Pool.Exec(context.Background(), `DELETE FROM users WHERE id = $1`, u.ID); err != nil {
		t.Fatal(err)
	}
	expectProblem(t, me(e, u.Token, nil), http.StatusUnauthorized, "unauthorized")
}

// What the app issues: EdDSA under the active kid, our iss and aud, the user as sub, iat now,
// exp after exactly the TTL, and a unique jti. Checked with the public key, not the app's
// own verifier.
func TestIssuedAccessTokenShape(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	key := e.Cfg.JWTKeys[0]
	a, b := logIn(t, e, u.Phone, u.Password), logIn(t, e, u.Phone, u.Password)
	if a.ExpiresIn != int(e.Cfg.AccessTTL/time.Second) || a.TokenType != api.Bearer {
		t.Fatalf("expires_in %d token_type %q", a.ExpiresIn, a.TokenType)
	}
	now := e.Clock.Now()
	jtis := map[string]bool{}
	for _, s := range []string{a.AccessToken, b.AccessToken} {
		var c jwt.RegisteredClaims
		tok, err := jwt.ParseWithClaims(s, &c, func(*jwt.Token) (any, error) { return key.Key.Public(), nil },
			jwt.WithTimeFunc(func() time.Time { return now }), jwt.WithValidMethods([]string{"EdDSA"}))
		if err != nil {
			t.Fatalf("issued token does not verify with the public key: %v", err)
		}
		if tok.Header["kid"] != key.ID || tok.Header["alg"] != "EdDSA" {
			t.Fatalf("header %v", tok.Header)
		}
		if c.Issuer != e.Cfg.JWTIssuer || len(c.Audience) != 1 || c.Audience[0] != e.Cfg.JWTAudience || c.Subject != u.ID.String() {
			t.Fatalf("claims %+v", c)
		}
		if c.IssuedAt == nil || !c.IssuedAt.Equal(now) || c.ExpiresAt == nil || !c.ExpiresAt.Equal(now.Add(e.Cfg.AccessTTL)) {
			t.Fatalf("iat %v exp %v, want %v and %v", c.IssuedAt, c.ExpiresAt, now, now.Add(e.Cfg.AccessTTL))
		}
		if c.ID == "" || jtis[c.ID] {
			t.Fatalf("jti %q missing or repeated", c.ID)
		}
		jtis[c.ID] = true
	}
}
