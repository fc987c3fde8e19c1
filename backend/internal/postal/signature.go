package postal

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// MaxSkew is how far a webhook's timestamp may be from the server's clock: older deliveries
// are refused as replays.
const MaxSkew = 5 * time.Minute

// Signature errors (all answered 401).
var (
	ErrNoSignature  = errors.New("missing signature")
	ErrBadSignature = errors.New("bad signature")
	ErrStale        = errors.New("timestamp outside the allowed window")
)

// Sign is the signature a carrier puts in X-Signature: "sha256=" + hex HMAC-SHA256 of
// "<timestamp>.<raw body>" with the carrier's shared secret.
func Sign(secret []byte, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify checks a delivery's timestamp and signature, in constant time.
func Verify(secret []byte, timestamp, signature string, body []byte, now time.Time) error {
	if timestamp == "" || signature == "" {
		return ErrNoSignature
	}
	secs, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrBadSignature
	}
	at := time.Unix(secs, 0)
	if at.Before(now.Add(-MaxSkew)) || at.After(now.Add(MaxSkew)) {
		return ErrStale
	}
	got, ok := strings.CutPrefix(signature, "sha256=")
	if !ok {
		return ErrBadSignature
	}
	mac, err := hex.DecodeString(got)
	if err != nil {
		return ErrBadSignature
	}
	want, _ := hex.DecodeString(strings.TrimPrefix(Sign(secret, timestamp, body), "sha256="))
	if !hmac.Equal(mac, want) {
		return ErrBadSignature
	}
	return nil
}
