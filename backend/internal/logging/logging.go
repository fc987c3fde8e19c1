// Package logging builds the JSON slog logger. Secrets and personal data never reach the logs:
// attributes named like secrets are replaced, phone fields are masked, and phone numbers that
// stand alone in free text are masked too. Identifiers (request ids, uuids, codes, tracking
// numbers) are kept as they are, so an id a citizen quotes from an error can be found.
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

// idKeys mark attributes that hold identifiers; their digits are never a phone number.
var idKeys = []string{"uuid", "code", "tracking", "trace", "span"}

// phoneLike finds phone numbers: E.164 (+ and 7–15 digits) or Vietnamese (84 or 0, then 9–10
// digits), with optional single separators. A match counts only when it stands alone: see
// maskPhones.
var phoneLike = regexp.MustCompile(`\+[1-9](?:[ .-]?\d){6,14}|(?:84|0)(?:[ .-]?\d){9,10}`)

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
	if isIDKey(a.Key) {
		return a
	}
	switch a.Value.Kind() {
	case slog.KindString:
		if s := a.Value.String(); phoneLike.MatchString(s) {
			return slog.String(a.Key, maskPhones(s))
		}
	case slog.KindAny:
		if err, ok := a.Value.Any().(error); ok {
			return slog.String(a.Key, maskPhones(err.Error()))
		}
	}
	return a
}

// isIDKey: "id", "request_id", "requestId", "traceID", "receipt_code", "tracking_number", …
func isIDKey(key string) bool {
	k := strings.ToLower(key)
	if k == "id" || strings.HasSuffix(k, "_id") || strings.HasSuffix(key, "Id") || strings.HasSuffix(key, "ID") {
		return true
	}
	for _, s := range idKeys {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// maskPhones masks the phone numbers that stand alone in s: a match glued to a letter, a digit
// or an id's joiner is part of something else (abc-0912345678, EE091234567VN, a uuid) and is
// left as it is; the search then goes on from inside it, so a phone right after an id is
// still found.
func maskPhones(s string) string {
	var b strings.Builder
	last, pos := 0, 0
	for pos < len(s) {
		m := phoneLike.FindStringIndex(s[pos:])
		if m == nil {
			break
		}
		start, end := pos+m[0], pos+m[1]
		if !standsAlone(s, start, end) {
			pos = start + 1
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(MaskPhone(s[start:end]))
		last, pos = end, end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// standsAlone: nothing joins the match to the text around it. Letters, digits and any
// non-ASCII byte join on both sides; "-_./#+" before it (ref-0912…, /0912…); "_/#" after it,
// and "-" or "." only when more of a token follows (0912345678-A1, but "call 0912345678.").
func standsAlone(s string, start, end int) bool {
	if start > 0 && (word(s[start-1]) || strings.IndexByte("-_./#+", s[start-1]) >= 0) {
		return false
	}
	if end < len(s) {
		c := s[end]
		if word(c) || strings.IndexByte("_/#", c) >= 0 {
			return false
		}
		if (c == '-' || c == '.') && end+1 < len(s) && word(s[end+1]) {
			return false
		}
	}
	return true
}

func word(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
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
