package signature_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/signature"
)

var now = time.Unix(1795400000, 0)

func TestVerifyHexCaseIsTheEndpointsChoice(t *testing.T) {
	secret := []byte("a-secret-of-16-chars")
	body := []byte(`{"event_id":"1"}`)
	ts := strconv.FormatInt(now.Unix(), 10)
	good := signature.Sign(secret, ts, body)
	upper := "sha256=" + strings.ToUpper(strings.TrimPrefix(good, "sha256="))
	cases := []struct {
		name, ts, sig string
		o             signature.Options
		want          error
	}{
		{"lower, exact", ts, good, signature.Options{}, nil},
		{"lower, any case", ts, good, signature.Options{AnyHexCase: true}, nil},
		{"upper, any case", ts, upper, signature.Options{AnyHexCase: true}, nil},
		{"upper, exact", ts, upper, signature.Options{}, signature.ErrBad},
		{"no prefix", ts, good[7:], signature.Options{AnyHexCase: true}, signature.ErrBad},
		{"not hex", ts, "sha256=zz", signature.Options{AnyHexCase: true}, signature.ErrBad},
		{"missing signature", ts, "", signature.Options{}, signature.ErrMissing},
		{"missing timestamp", "", good, signature.Options{}, signature.ErrMissing},
		{"not a number", "yesterday", good, signature.Options{}, signature.ErrBad},
		{"other timestamp", strconv.FormatInt(now.Unix()+1, 10), good, signature.Options{}, signature.ErrBad},
	}
	for _, c := range cases {
		if got := signature.Verify(secret, c.ts, c.sig, body, now, c.o); !errors.Is(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	for _, d := range []time.Duration{-signature.MaxSkew - time.Second, signature.MaxSkew + time.Second} {
		old := strconv.FormatInt(now.Add(d).Unix(), 10)
		if err := signature.Verify(secret, old, signature.Sign(secret, old, body), body, now, signature.Options{}); err != signature.ErrStale {
			t.Errorf("%v away: %v, want stale", d, err)
		}
	}
}

func TestZaloMAC(t *testing.T) {
	body := []byte(`{"app_id":"123","timestamp":"1795400000000"}`)
	// sha256("123" + body + "1795400000000" + "oa-secret"), as printf … | sha256sum computes it.
	mac := signature.ZaloMAC("123", body, "1795400000000", "oa-secret")
	if mac != "mac=61d4ce746bfe852452109842f8cbf1a3d2f9f03fc35cdb08e26a7ec07c2c8276" {
		t.Fatalf("mac %q", mac)
	}
	if err := signature.VerifyZalo("123", body, "1795400000000", "oa-secret", mac); err != nil {
		t.Fatal(err)
	}
	if err := signature.VerifyZalo("123", body, "1795400000000", "oa-secret", "mac="+strings.ToUpper(mac[4:])); err != nil {
		t.Fatalf("upper-case hex refused: %v", err)
	}
	for name, sig := range map[string]string{
		"other key":       signature.ZaloMAC("123", body, "1795400000000", "another"),
		"other app":       signature.ZaloMAC("124", body, "1795400000000", "oa-secret"),
		"other timestamp": signature.ZaloMAC("123", body, "1795400000001", "oa-secret"),
		"bare hex":        mac[4:],
	} {
		if err := signature.VerifyZalo("123", body, "1795400000000", "oa-secret", sig); err != signature.ErrBad {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := signature.VerifyZalo("123", body, "1795400000000", "oa-secret", ""); err != signature.ErrMissing {
		t.Errorf("missing: %v", err)
	}
}
