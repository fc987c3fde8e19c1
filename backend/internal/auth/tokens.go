package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
)

// Signer issues and verifies access tokens: EdDSA only (the algorithm is pinned), with
// iss, aud, exp and sub required, and a kid so keys can be rotated.
type Signer struct {
	active   config.SigningKey
	public   map[string]ed25519.PublicKey
	issuer   string
	audience string
	ttl      time.Duration
	clock    clock.Clock
	parser   *jwt.Parser
	verified *tokenCache
}

// leeway is the clock skew the token's times are allowed.
const leeway = 30 * time.Second

// NewSigner builds the signer; the first key signs, all keys verify.
func NewSigner(cfg config.Config, clk clock.Clock) *Signer {
	s := &Signer{
		active:   cfg.JWTKeys[0],
		public:   map[string]ed25519.PublicKey{},
		issuer:   cfg.JWTIssuer,
		audience: cfg.JWTAudience,
		ttl:      cfg.AccessTTL,
		clock:    clk,
		verified: newTokenCache(),
	}
	for _, k := range cfg.JWTKeys {
		s.public[k.ID] = k.Key.Public().(ed25519.PublicKey)
	}
	s.parser = jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(cfg.JWTIssuer),
		jwt.WithAudience(cfg.JWTAudience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(leeway),
		jwt.WithTimeFunc(clk.Now),
	)
	return s
}

// TTL is the access token lifetime.
func (s *Signer) TTL() time.Duration { return s.ttl }

// Issue signs an access token for the user.
func (s *Signer) Issue(userID uuid.UUID) (string, error) {
	now := s.clock.Now()
	claims := jwt.RegisteredClaims{
		Issuer:    s.issuer,
		Subject:   userID.String(),
		Audience:  jwt.ClaimStrings{s.audience},
		IssuedAt:  jwt.NewNumericDate(now),
		NotBefore: jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(s.ttl)),
		ID:        uuid.NewString(),
	}
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	t.Header["kid"] = s.active.ID
	return t.SignedString(s.active.Key)
}

// Verify checks a token and returns its subject. A token verified before is only checked against
// the clock again, until it expires.
func (s *Signer) Verify(token string) (uuid.UUID, error) {
	now := s.clock.Now()
	if id, ok := s.verified.get(token, now); ok {
		return id, nil
	}
	var claims jwt.RegisteredClaims
	_, err := s.parser.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		if key, ok := s.public[kid]; ok {
			return key, nil
		}
		return nil, fmt.Errorf("unknown kid %q", kid)
	})
	if err != nil {
		return uuid.Nil, err
	}
	id, err := uuid.Parse(claims.Subject)
	if err != nil || id == uuid.Nil {
		return uuid.Nil, errors.New("token without a valid sub")
	}
	// The parser required exp and checked iat and nbf when present: the token stays valid
	// from the later of those two until exp, each with the leeway.
	v := verified{sub: id, until: claims.ExpiresAt.Add(leeway)}
	for _, t := range []*jwt.NumericDate{claims.IssuedAt, claims.NotBefore} {
		if t != nil && t.Add(-leeway).After(v.from) {
			v.from = t.Add(-leeway)
		}
	}
	s.verified.put(token, v, now)
	return id, nil
}

// newRefreshToken returns an opaque token (256 random bits) and the hash that is stored.
func newRefreshToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashRefreshToken(token), nil
}

func hashRefreshToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
