package phone

import "testing"

func TestNormalize(t *testing.T) {
	ok := map[string]string{
		"0912345678":      "+84912345678",
		"0912 345 678":    "+84912345678",
		"+84912345678":    "+84912345678",
		"84912345678":     "+84912345678",
		"0987.654.321":    "+84987654321",
		"0356789123":      "+84356789123",
		"+1 650 253 0000": "+16502530000",
	}
	for in, want := range ok {
		got, err := Normalize(in)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "123", "abc", "0912", "091234567890123456789", "+84 000 000 000"} {
		if got, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) = %q, want error", bad, got)
		}
	}
}
