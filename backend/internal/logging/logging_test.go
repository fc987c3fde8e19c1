package logging

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestSecretsAndPhonesNeverLogged(t *testing.T) {
	var buf bytes.Buffer
	log := New(&buf, "info")
	log.Info("login failed for 0912345678",
		"phone", "+84912345678",
		"password", "Secr3t-pass",
		"refresh_token", "abc.def",
		"Authorization", "Bearer eyJhbGciOi",
		"note", "call +84 987 654 321 please",
		"err", errors.New("duplicate phone +84912345678"),
	)
	out := buf.String()
	for _, leak := range []string{"912345678", "Secr3t", "abc.def", "eyJhbGciOi", "987 654 321"} {
		if strings.Contains(out, leak) {
			t.Errorf("log contains %q: %s", leak, out)
		}
	}
	if !strings.Contains(out, "***678") {
		t.Errorf("masked phone missing: %s", out)
	}
}

func TestMaskPhone(t *testing.T) {
	for in, want := range map[string]string{"+84912345678": "***678", "12": "***", "0987.654.321": "***321"} {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

// Ids keep their digits, in their own fields and inside free text; phones next to them do not.
func TestIdsAreNeverMasked(t *testing.T) {
	var buf bytes.Buffer
	log := New(&buf, "info")
	log.Info("request abc-0912345678 failed; call 0987654321",
		"request_id", "abc-0912345678",
		"requestId", "0912345678",
		"trace_id", "0912345678901234",
		"notification_id", "01932f6e-0912-7345-8678-0912345678ab",
		"receipt_code", "0912345678",
		"tracking_number", "EE0912345678VN",
		"route", "/v1/public/dossiers/0912345678",
		"err", errors.New("session 01932f6e-0912-7345-8678-091234567890: ref-0912345678 0988777666"),
		"applicant_phone", "0911222333",
		"contact_phone", "+84 912 000 444",
		"note", "gọi 0912 345 679.",
	)
	out := buf.String()
	for _, keep := range []string{
		"request abc-0912345678 failed", `"request_id":"abc-0912345678"`, `"requestId":"0912345678"`,
		`"trace_id":"0912345678901234"`, "01932f6e-0912-7345-8678-0912345678ab", `"receipt_code":"0912345678"`,
		"EE0912345678VN", "/v1/public/dossiers/0912345678", "01932f6e-0912-7345-8678-091234567890", "ref-0912345678",
	} {
		if !strings.Contains(out, keep) {
			t.Errorf("id %q was changed: %s", keep, out)
		}
	}
	for _, leak := range []string{"0987654321", "0988777666", "0911222333", "912 000 444", "0912 345 679"} {
		if strings.Contains(out, leak) {
			t.Errorf("phone %q logged: %s", leak, out)
		}
	}
	for _, masked := range []string{"call ***321", "ref-0912345678 ***666", `"applicant_phone":"***333"`, `"contact_phone":"***444"`, `"note":"gọi ***679."`} {
		if !strings.Contains(out, masked) {
			t.Errorf("want %q in %s", masked, out)
		}
	}
}

// A phone that is a whole value or stands in a sentence is masked, E.164 of other countries too.
func TestStandAlonePhonesMasked(t *testing.T) {
	for in, want := range map[string]string{
		"0912345678":                        "***678",
		"(+84912345678)":                    "(***678)",
		"Key (phone)=(+84912345678) exists": "Key (phone)=(***678) exists",
		"phone=0912345678, retry":           "phone=***678, retry",
		"SĐT: 024 3825 1234":                "SĐT: ***234",
		"call +1 415 555 0100 now":          "call ***100 now",
		"id abc-0912345678":                 "id abc-0912345678",
		"EE123456789VN":                     "EE123456789VN",
		"took 1733040000 ms":                "took 1733040000 ms",
	} {
		if got := maskPhones(in); got != want {
			t.Errorf("maskPhones(%q) = %q, want %q", in, got, want)
		}
	}
}
