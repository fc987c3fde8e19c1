// Package config reads the server's settings from environment variables only.
// Every variable is listed, with its default, in the README.
package config

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is everything the server needs to start.
type Config struct {
	Env            string // development | production
	HTTPAddr       string
	DatabaseURL    string // empty: find a local PostgreSQL (development only)
	DBMaxConns     int
	LogLevel       string
	BodyLimitBytes int
	CORSOrigins    string
	TrustedProxies []string

	JWTIssuer     string
	JWTAudience   string
	JWTKeys       []SigningKey // first one signs; all verify
	AccessTTL     time.Duration
	RefreshTTL    time.Duration
	JWTDevKeyUsed bool

	PasswordMemoryKiB uint32
	PasswordTime      uint32

	LoginLimitPerPhone int
	LoginLimitPerIP    int
	LoginLimitWindow   time.Duration

	IdempotencyTTL time.Duration

	PublicBaseURL string // where citizens open tracking links (printed in receipt QR codes)

	PushDriver        string // fcm | record
	FCMProjectID      string
	FCMEndpoint       string // redirect the Firebase SDK to an emulator or fake
	GoogleCredentials string
	PushConcurrency   int
	RunWorkers        bool // serve also runs the background workers

	TrackLimitPerIP int // public tracking look-ups per IP per minute

	PostalSecrets map[string][]byte // carrier → webhook HMAC secret

	Channels Channels // Zalo ZNS and SMS (channels.go)

	WebPush WebPush // the web app's Firebase web config and VAPID key (webpush.go)
}

// DevPostalSecret signs the local carrier's webhooks in development; production refuses it.
const DevPostalSecret = "dev-postal-secret"

// SigningKey is one Ed25519 key with its key id (the JWT `kid`).
type SigningKey struct {
	ID  string
	Key ed25519.PrivateKey
}

// DevKeyID is the kid of the built-in development key; production refuses it.
const DevKeyID = "dev-1"

// devKey is derived from a public constant: fine for a laptop, refused in production.
func devKey() ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("motcua-gan-dan development signing key - never use in production"))
	return ed25519.NewKeyFromSeed(seed[:])
}

// Load reads the environment.
func Load() (Config, error) { return load(os.Getenv) }

func load(get func(string) string) (Config, error) {
	var errs []error
	str := func(name, def string) string {
		if v := strings.TrimSpace(get(name)); v != "" {
			return v
		}
		return def
	}
	dur := func(name string, def time.Duration) time.Duration {
		v := get(name)
		if v == "" {
			return def
		}
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s: want a positive duration like 15m, got %q", name, v))
			return def
		}
		return d
	}
	num := func(name string, def int) int {
		v := get(name)
		if v == "" {
			return def
		}
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			errs = append(errs, fmt.Errorf("%s: want a positive integer, got %q", name, v))
			return def
		}
		return n
	}

	c := Config{
		Env:                str("APP_ENV", "development"),
		HTTPAddr:           str("HTTP_ADDR", "127.0.0.1:8080"),
		DatabaseURL:        str("DATABASE_URL", ""),
		DBMaxConns:         num("DB_MAX_CONNS", 20),
		LogLevel:           str("LOG_LEVEL", "info"),
		BodyLimitBytes:     num("HTTP_BODY_LIMIT_BYTES", 1<<20),
		CORSOrigins:        str("CORS_ALLOW_ORIGINS", "*"),
		JWTIssuer:          str("JWT_ISSUER", "motcua"),
		JWTAudience:        str("JWT_AUDIENCE", "motcua-api"),
		AccessTTL:          dur("JWT_ACCESS_TTL", 15*time.Minute),
		RefreshTTL:         dur("JWT_REFRESH_TTL", 30*24*time.Hour),
		PasswordMemoryKiB:  uint32(num("PASSWORD_HASH_MEMORY_KIB", 19*1024)),
		PasswordTime:       uint32(num("PASSWORD_HASH_ITERATIONS", 2)),
		LoginLimitPerPhone: num("LOGIN_RATE_LIMIT_PER_PHONE", 10),
		LoginLimitPerIP:    num("LOGIN_RATE_LIMIT_PER_IP", 100),
		LoginLimitWindow:   dur("LOGIN_RATE_LIMIT_WINDOW", 15*time.Minute),
		IdempotencyTTL:     dur("IDEMPOTENCY_TTL", 24*time.Hour),
		PublicBaseURL:      strings.TrimRight(str("PUBLIC_BASE_URL", "http://127.0.0.1:8080"), "/"),
		PushDriver:         str("PUSH_DRIVER", "record"),
		FCMProjectID:       str("FCM_PROJECT_ID", ""),
		FCMEndpoint:        str("FCM_ENDPOINT", ""),
		GoogleCredentials:  str("GOOGLE_APPLICATION_CREDENTIALS", ""),
		PushConcurrency:    num("PUSH_WORKER_CONCURRENCY", 4),
		RunWorkers:         str("SERVE_WORKERS", "true") != "false",
		TrackLimitPerIP:    num("TRACK_RATE_LIMIT_PER_IP", 30),
	}
	c.PostalSecrets = map[string][]byte{}
	for _, part := range strings.Split(str("POSTAL_WEBHOOK_SECRETS", "local:"+DevPostalSecret), ",") {
		carrier, secret, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok || carrier == "" || len(secret) < 16 {
			errs = append(errs, errors.New("POSTAL_WEBHOOK_SECRETS: want carrier:secret[,carrier:secret…] with secrets of 16+ characters"))
			continue
		}
		c.PostalSecrets[carrier] = []byte(secret)
		if c.Env == "production" && secret == DevPostalSecret {
			errs = append(errs, errors.New("APP_ENV=production refuses the development postal webhook secret"))
		}
	}
	var chErrs []error
	c.Channels, chErrs = loadChannels(str, c.Env == "production")
	errs = append(errs, chErrs...)
	var wpErrs []error
	c.WebPush, wpErrs = loadWebPush(str, c.FCMProjectID)
	errs = append(errs, wpErrs...)
	if c.WebPush.Enabled() && c.PushDriver == "fcm" && c.WebPush.ProjectID != c.FCMProjectID {
		// The browsers' tokens belong to the web app's project: another project's sender gets SENDER_ID_MISMATCH.
		errs = append(errs, errors.New("FIREBASE_WEB_PROJECT_ID must be FCM_PROJECT_ID: the server sends the web app's pushes"))
	}
	switch c.PushDriver {
	case "record":
	case "fcm":
		if c.FCMProjectID == "" {
			errs = append(errs, errors.New("PUSH_DRIVER=fcm needs FCM_PROJECT_ID"))
		}
	default:
		errs = append(errs, fmt.Errorf("PUSH_DRIVER: want fcm or record, got %q", c.PushDriver))
	}
	if p := str("TRUSTED_PROXIES", ""); p != "" {
		for _, s := range strings.Split(p, ",") {
			if s = strings.TrimSpace(s); s != "" {
				c.TrustedProxies = append(c.TrustedProxies, s)
			}
		}
	}
	if c.Env != "development" && c.Env != "production" {
		errs = append(errs, fmt.Errorf("APP_ENV: want development or production, got %q", c.Env))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("LOG_LEVEL: want debug, info, warn or error, got %q", c.LogLevel))
	}

	keys, err := ParseSigningKeys(get("JWT_SIGNING_KEYS"))
	if err != nil {
		errs = append(errs, err)
	}
	if len(keys) == 0 {
		keys = []SigningKey{{ID: DevKeyID, Key: devKey()}}
		c.JWTDevKeyUsed = true
	}
	for _, k := range keys {
		if k.ID == DevKeyID || k.Key.Equal(devKey()) {
			c.JWTDevKeyUsed = true
		}
	}
	c.JWTKeys = keys

	if c.Env == "production" {
		if c.JWTDevKeyUsed {
			errs = append(errs, errors.New("APP_ENV=production refuses the development JWT key: set JWT_SIGNING_KEYS"))
		}
		if c.DatabaseURL == "" {
			errs = append(errs, errors.New("APP_ENV=production needs DATABASE_URL"))
		}
		if c.CORSOrigins == "*" {
			errs = append(errs, errors.New("APP_ENV=production needs CORS_ALLOW_ORIGINS set to the web app's origin(s)"))
		}
	}
	return c, errors.Join(errs...)
}

// ParseSigningKeys reads "kid:base64(32-byte Ed25519 seed)" entries separated by commas.
// The first key signs new tokens; the others still verify tokens they signed (rotation).
func ParseSigningKeys(s string) ([]SigningKey, error) {
	var keys []SigningKey
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		kid, b64, ok := strings.Cut(part, ":")
		if !ok || kid == "" {
			return nil, errors.New("JWT_SIGNING_KEYS: want kid:base64seed[,kid:base64seed…]")
		}
		seed, err := base64.StdEncoding.DecodeString(b64)
		if err != nil || len(seed) != ed25519.SeedSize {
			return nil, fmt.Errorf("JWT_SIGNING_KEYS: key %q must be base64 of %d random bytes", kid, ed25519.SeedSize)
		}
		keys = append(keys, SigningKey{ID: kid, Key: ed25519.NewKeyFromSeed(seed)})
	}
	return keys, nil
}

// Production reports whether the server runs in production mode.
func (c Config) Production() bool { return c.Env == "production" }
