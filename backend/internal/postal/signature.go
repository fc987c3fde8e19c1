package postal

import (
	"time"

	"github.com/motcuagandan/motcua/backend/internal/signature"
)

// The carriers sign their webhooks with the shared scheme (package signature): "sha256=" + hex
// HMAC-SHA256 of "<timestamp>.<raw body>" with the carrier's secret, the hex read in either case.

// MaxSkew is how far a webhook's timestamp may be from the server's clock.
const MaxSkew = signature.MaxSkew

// Signature errors (all answered 401).
var (
	ErrNoSignature  = signature.ErrMissing
	ErrBadSignature = signature.ErrBad
	ErrStale        = signature.ErrStale
)

// Sign is the signature a carrier puts in X-Signature.
func Sign(secret []byte, timestamp string, body []byte) string {
	return signature.Sign(secret, timestamp, body)
}

// Verify checks a delivery's timestamp and signature, in constant time.
func Verify(secret []byte, timestamp, sig string, body []byte, now time.Time) error {
	return signature.Verify(secret, timestamp, sig, body, now, signature.Options{AnyHexCase: true})
}
