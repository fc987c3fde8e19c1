package postal

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

var now = time.Unix(1795400000, 0)

func TestVerify(t *testing.T) {
	secret := []byte("dev-postal-secret")
	body := []byte(`{"event_id":"1"}`)
	ts := strconv.FormatInt(now.Unix(), 10)
	good := Sign(secret, ts, body)
	cases := []struct {
		name, ts, sig string
		body          []byte
		want          error
	}{
		{"good", ts, good, body, nil},
		{"other body", ts, good, []byte(`{"event_id":"2"}`), ErrBadSignature},
		{"other timestamp", strconv.FormatInt(now.Unix()+1, 10), good, body, ErrBadSignature},
		{"no prefix", ts, good[7:], body, ErrBadSignature},
		{"not hex", ts, "sha256=zz", body, ErrBadSignature},
		{"missing", ts, "", body, ErrNoSignature},
		{"old", strconv.FormatInt(now.Add(-6*time.Minute).Unix(), 10), Sign(secret, strconv.FormatInt(now.Add(-6*time.Minute).Unix(), 10), body), body, ErrStale},
		{"future", strconv.FormatInt(now.Add(6*time.Minute).Unix(), 10), Sign(secret, strconv.FormatInt(now.Add(6*time.Minute).Unix(), 10), body), body, ErrStale},
		{"not a number", "yesterday", good, body, ErrBadSignature},
	}
	for _, c := range cases {
		if got := Verify(secret, c.ts, c.sig, c.body, now); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// Whatever arrives, verification never panics and accepts only the right signature.
func FuzzVerify(f *testing.F) {
	secret := []byte("dev-postal-secret")
	ts := strconv.FormatInt(now.Unix(), 10)
	f.Add(ts, Sign(secret, ts, []byte(`{}`)), []byte(`{}`))
	f.Add("", "", []byte(nil))
	f.Add("-9223372036854775808", "sha256=", []byte("x"))
	f.Fuzz(func(t *testing.T, ts, sig string, body []byte) {
		err := Verify(secret, ts, sig, body, now)
		// Hex is read in either case: the same MAC bytes are the same signature.
		if err == nil && !strings.EqualFold(sig, Sign(secret, ts, body)) {
			t.Fatalf("accepted a signature that is not the right one: %q", sig)
		}
	})
}

// Whatever arrives, parsing never panics, and what it accepts is complete and known.
func FuzzParseEvent(f *testing.F) {
	f.Add([]byte(`{"event_id":"e1","tracking_number":"EB123456789VN","status":"delivered","occurred_at":"2026-11-22T10:00:00+07:00"}`))
	f.Add([]byte(`{"event_id":"e1","tracking_number":"EB1","status":"lost","occurred_at":"2026-11-22T10:00:00Z"}`))
	f.Add([]byte(`{"event_id":"e1"}{"x":1}`))
	f.Add([]byte(`null`))
	f.Add([]byte{0xff, 0xfe})
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := ParseEvent(body)
		if err != nil {
			return
		}
		if e.EventID == "" || e.TrackingNumber == "" || e.OccurredAt.IsZero() {
			t.Fatalf("accepted an incomplete event: %+v", e)
		}
		if _, ok := carrierStatuses[e.Status]; !ok {
			t.Fatalf("accepted an unknown status %q", e.Status)
		}
	})
}
