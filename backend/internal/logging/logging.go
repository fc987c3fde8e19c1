// Package logging builds the JSON slog logger. Secrets and personal data never reach the logs:
// attributes named like secrets are replaced, and phone numbers inside any string are masked.
package logging

import (
	"io"
	"log/slog"
	"regexp"
	"strings"
)

// New returns a JSON logger at the given level ("debug", "info", "warn", "error").
func New(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l, ReplaceAttr: redact}))
}

// secretKeys are attribute names whose values are never logged.
var secretKeys = []string{"password", "token", "authorization", "secret", "cookie", "key"}

// phoneLike finds Vietnamese phone numbers: +84 or 0 followed by 9 digits, with optional separators.
var phoneLike = regexp.MustCompile(`(\+?84|0)([ .-]?\d){9}`)

func redact(_ []string, a slog.Attr) slog.Attr {
	k := strings.ToLower(a.Key)
	for _, s := range secretKeys {
		if strings.Contains(k, s) {
			return slog.String(a.Key, "[redacted]")
		}
	}
	if strings.Contains(k, "phone") {
		return slog.String(a.Key, MaskPhone(a.Value.String()))
	}
	if a.Value.Kind() == slog.KindString {
		if s := a.Value.String(); phoneLike.MatchString(s) {
			return slog.String(a.Key, phoneLike.ReplaceAllStringFunc(s, MaskPhone))
		}
	}
	if a.Value.Kind() == slog.KindAny {
		if err, ok := a.Value.Any().(error); ok {
			return slog.String(a.Key, phoneLike.ReplaceAllStringFunc(err.Error(), MaskPhone))
		}
	}
	return a
}

// MaskPhone keeps only the last three digits: "+84912345678" → "***678".
func MaskPhone(p string) string {
	digits := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		if p[i] >= '0' && p[i] <= '9' {
			digits = append(digits, p[i])
		}
	}
	if len(digits) <= 3 {
		return "***"
	}
	return "***" + string(digits[len(digits)-3:])
}
