// Package signature verifies the signed callbacks the office receives from outside (the
// carriers' parcel events, the Zalo and SMS providers' delivery reports): the one HMAC scheme
// they share, its replay window, and the Zalo OA event MAC.
package signature

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// MaxSkew is how far a callback's timestamp may be from the server's clock: older ones are
// refused as replays.
const MaxSkew = 5 * time.Minute

// Errors of Verify: every one is answered 401.
var (
	ErrMissing = errors.New("missing signature")
	ErrBad     = errors.New("bad signature")
	ErrStale   = errors.New("timestamp outside the allowed window")
)

// Sign is "sha256=" + lower-case hex HMAC-SHA256 of "<timestamp>.<raw body>" with secret.
func Sign(secret []byte, timestamp string, body []byte) string {
	return "sha256=" + hex.EncodeToString(mac(secret, timestamp, body))
}

func mac(secret []byte, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Options are what one endpoint accepts beyond the scheme itself.
type Options struct {
	// AnyHexCase reads the hex in either case (the carriers'); otherwise only the exact
	// lower-case string Sign makes is accepted (the message providers').
	AnyHexCase bool
}

// Verify checks a callback's Unix-seconds timestamp (within MaxSkew of now) and its Sign
// signature, in constant time.
func Verify(secret []byte, timestamp, sig string, body []byte, now time.Time, o Options) error {
	if timestamp == "" || sig == "" {
		return ErrMissing
	}
	secs, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrBad
	}
	if at := time.Unix(secs, 0); at.Before(now.Add(-MaxSkew)) || at.After(now.Add(MaxSkew)) {
		return ErrStale
	}
	if !o.AnyHexCase {
		if !hmac.Equal([]byte(sig), []byte(Sign(secret, timestamp, body))) {
			return ErrBad
		}
		return nil
	}
	got, ok := strings.CutPrefix(sig, "sha256=")
	if !ok {
		return ErrBad
	}
	b, err := hex.DecodeString(got)
	if err != nil || !hmac.Equal(b, mac(secret, timestamp, body)) {
		return ErrBad
	}
	return nil
}

// Refusal is the 401 problem for a callback refused for its signature; the challenge names the
// HMAC scheme and realm.
func Refusal(code, realm string) *httpx.Error {
	return &httpx.Error{Status: http.StatusUnauthorized, Code: code, Challenge: `HMAC-SHA256 realm="` + realm + `"`}
}

// ZaloMAC is the X-ZEvent-Signature Zalo puts on an OA event: "mac=" + hex SHA-256 (a plain
// digest, not an HMAC) of app id + raw body + the body's timestamp + the OA secret key.
func ZaloMAC(appID string, body []byte, timestamp, oaSecretKey string) string {
	h := sha256.New()
	h.Write([]byte(appID))
	h.Write(body)
	h.Write([]byte(timestamp))
	h.Write([]byte(oaSecretKey))
	return "mac=" + hex.EncodeToString(h.Sum(nil))
}

// VerifyZalo checks an X-ZEvent-Signature in constant time; the hex is read in either case.
func VerifyZalo(appID string, body []byte, timestamp, oaSecretKey, sig string) error {
	if sig == "" {
		return ErrMissing
	}
	want := ZaloMAC(appID, body, timestamp, oaSecretKey)
	if subtle.ConstantTimeCompare([]byte(strings.ToLower(sig)), []byte(want)) != 1 {
		return ErrBad
	}
	return nil
}
