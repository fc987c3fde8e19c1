package config

import (
	"strings"
	"testing"
)

// The message statistics' prices and the Zalo webhook's key (h-msgstats).
func TestMessagePricesAndZaloKey(t *testing.T) {
	c, err := load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if ch := c.Channels; ch.ZNSPriceVND != 300 || ch.SMSPriceVNDPerSegment != 800 || ch.ZaloOASecretKey != DevZaloOASecretKey {
		t.Fatalf("defaults %+v", ch)
	}
	c, err = load(env(map[string]string{"ZNS_PRICE_VND": "220", "SMS_PRICE_VND_PER_SEGMENT": "0", "ZALO_OA_SECRET_KEY": "k"}))
	if err != nil {
		t.Fatal(err)
	}
	if ch := c.Channels; ch.ZNSPriceVND != 220 || ch.SMSPriceVNDPerSegment != 0 || ch.ZaloOASecretKey != "k" {
		t.Fatalf("read %+v", ch)
	}
	_, err = load(env(map[string]string{"ZNS_PRICE_VND": "-1", "SMS_PRICE_VND_PER_SEGMENT": "8.5"}))
	for _, want := range []string{"ZNS_PRICE_VND", "SMS_PRICE_VND_PER_SEGMENT"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error should name %s: %v", want, err)
		}
	}
	// Production has no default key (every Zalo event refused) and refuses the development one.
	prod := map[string]string{"APP_ENV": "production", "DATABASE_URL": "postgres://x/y", "CORS_ALLOW_ORIGINS": "https://a",
		"JWT_SIGNING_KEYS": "2026-11:" + seed(t), "POSTAL_WEBHOOK_SECRETS": "vnpost:" + seed(t),
		"MESSAGE_CALLBACK_SECRETS": "zns:" + seed(t) + ",sms:" + seed(t)}
	if c, err := load(env(prod)); err != nil || c.Channels.ZaloOASecretKey != "" {
		t.Fatalf("production without a key: %q, %v", c.Channels.ZaloOASecretKey, err)
	}
	prod["ZALO_OA_SECRET_KEY"] = DevZaloOASecretKey
	if _, err := load(env(prod)); err == nil || !strings.Contains(err.Error(), "ZALO_OA_SECRET_KEY") {
		t.Fatalf("production with the development key: %v", err)
	}
}
