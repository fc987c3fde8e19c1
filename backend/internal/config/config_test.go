package config

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func seed(t *testing.T) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func TestDefaultsRunWithNothingSet(t *testing.T) {
	c, err := load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Env != "development" || c.HTTPAddr != "127.0.0.1:8080" || c.AccessTTL != 15*time.Minute || !c.JWTDevKeyUsed || c.JWTKeys[0].ID != DevKeyID {
		t.Fatalf("defaults = %+v", c)
	}
}

func TestProductionRefusesDevelopmentKeys(t *testing.T) {
	_, err := load(env(map[string]string{"APP_ENV": "production", "DATABASE_URL": "postgres://x/y", "CORS_ALLOW_ORIGINS": "https://motcua.example"}))
	if err == nil || !strings.Contains(err.Error(), "JWT_SIGNING_KEYS") {
		t.Fatalf("want refusal of the dev key, got %v", err)
	}
	// The dev key id smuggled in with real key material is refused too.
	_, err = load(env(map[string]string{"APP_ENV": "production", "DATABASE_URL": "postgres://x/y", "CORS_ALLOW_ORIGINS": "https://a",
		"JWT_SIGNING_KEYS": DevKeyID + ":" + seed(t)}))
	if err == nil {
		t.Fatal("dev kid accepted in production")
	}
	prod := map[string]string{"APP_ENV": "production", "DATABASE_URL": "postgres://x/y", "CORS_ALLOW_ORIGINS": "https://a",
		"JWT_SIGNING_KEYS": "2026-11:" + seed(t) + ",2026-05:" + seed(t)}
	if _, err := load(env(prod)); err == nil || !strings.Contains(err.Error(), "postal") {
		t.Fatalf("production with the development postal secret: %v", err)
	}
	prod["POSTAL_WEBHOOK_SECRETS"] = "vnpost:" + seed(t)
	if _, err := load(env(prod)); err == nil || !strings.Contains(err.Error(), "message callback") {
		t.Fatalf("production with the development message callback secret: %v", err)
	}
	prod["MESSAGE_CALLBACK_SECRETS"] = "zns:" + seed(t) + ",sms:" + seed(t)
	c, err := load(env(prod))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.JWTKeys) != 2 || c.JWTKeys[0].ID != "2026-11" || c.JWTDevKeyUsed {
		t.Fatalf("keys = %+v", c.JWTKeys)
	}
}

func TestBadValuesAreReported(t *testing.T) {
	_, err := load(env(map[string]string{"APP_ENV": "staging", "JWT_ACCESS_TTL": "soon", "HTTP_BODY_LIMIT_BYTES": "-1", "JWT_SIGNING_KEYS": "nokey", "LOG_LEVEL": "loud"}))
	for _, want := range []string{"APP_ENV", "JWT_ACCESS_TTL", "HTTP_BODY_LIMIT_BYTES", "JWT_SIGNING_KEYS", "LOG_LEVEL"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error should name %s: %v", want, err)
		}
	}
	if _, err := ParseSigningKeys("k1:" + base64.StdEncoding.EncodeToString([]byte("short"))); err == nil {
		t.Error("short seed accepted")
	}
}
