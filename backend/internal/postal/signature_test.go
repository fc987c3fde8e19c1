package postal

import (
	"strconv"
	"strings"
	"testing"
)

// The carriers' webhook still reads the hex in either case since the scheme moved to package
// signature (the message providers' receipts do not: notify's tests say so).
func TestVerifyAcceptsUpperCaseHex(t *testing.T) {
	secret := []byte("dev-postal-secret")
	body := []byte(`{"event_id":"1"}`)
	ts := strconv.FormatInt(now.Unix(), 10)
	sig := Sign(secret, ts, body)
	upper := "sha256=" + strings.ToUpper(strings.TrimPrefix(sig, "sha256="))
	if upper == sig {
		t.Fatal("the signature has no letters to change case")
	}
	if err := Verify(secret, ts, upper, body, now); err != nil {
		t.Fatalf("upper-case hex refused: %v", err)
	}
}
