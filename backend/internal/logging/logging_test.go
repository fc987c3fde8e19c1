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
