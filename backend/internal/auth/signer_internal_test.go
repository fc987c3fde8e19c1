package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
)

func testSigner(t *testing.T) (*Signer, config.SigningKey, *clock.Manual) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k := config.SigningKey{ID: "k1", Key: priv}
	clk := clock.NewManual(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	cfg := config.Config{JWTIssuer: "motcua", JWTAudience: "motcua-api", JWTKeys: []config.SigningKey{k}, AccessTTL: 15 * time.Minute}
	return NewSigner(cfg, clk), k, clk
}

func signWith(t *testing.T, k config.SigningKey, c jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, c)
	tok.Header["kid"] = k.ID
	s, err := tok.SignedString(k.Key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSignerRoundTrip(t *testing.T) {
	s, _, _ := testSigner(t)
	id := uuid.Must(uuid.NewV7())
	tok, err := s.Issue(id)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Verify(tok)
	if err != nil || got != id {
		t.Fatalf("Verify = %v, %v; want %v", got, err, id)
	}
	if s.TTL() != 15*time.Minute {
		t.Fatalf("TTL %v", s.TTL())
	}
}

// Clocks of API nodes and clients drift a little: iat and nbf up to 30 s ahead are accepted,
// more is not; exp is honoured up to 30 s late, not more.
func TestSignerLeewayIsThirtySeconds(t *testing.T) {
	s, k, clk := testSigner(t)
	now := clk.Now()
	base := func(k2 string, v time.Time) jwt.MapClaims {
		c := jwt.MapClaims{"iss": "motcua", "aud": "motcua-api", "sub": uuid.Must(uuid.NewV7()).String(),
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
		c[k2] = v.Unix()
		return c
	}
	for _, c := range []struct {
		claim string
		at    time.Time
		ok    bool
	}{
		{"iat", now.Add(29 * time.Second), true},
		{"iat", now.Add(31 * time.Second), false},
		{"nbf", now.Add(29 * time.Second), true},
		{"nbf", now.Add(31 * time.Second), false},
		{"exp", now.Add(-29 * time.Second), true},
		{"exp", now.Add(-30 * time.Second), false},
	} {
		_, err := s.Verify(signWith(t, k, base(c.claim, c.at)))
		if (err == nil) != c.ok {
			t.Errorf("%s at now%+v: err %v, want ok=%v", c.claim, c.at.Sub(now), err, c.ok)
		}
	}
}

// The nil UUID is never a user: refused by the signer itself, before any database lookup.
func TestSignerRefusesNilSubject(t *testing.T) {
	s, k, clk := testSigner(t)
	now := clk.Now()
	for _, sub := range []string{uuid.Nil.String(), "", "not-a-uuid"} {
		tok := signWith(t, k, jwt.MapClaims{"iss": "motcua", "aud": "motcua-api", "sub": sub,
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix()})
		if id, err := s.Verify(tok); err == nil {
			t.Errorf("sub %q verified as %v", sub, id)
		}
	}
}
