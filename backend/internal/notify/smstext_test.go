package notify

import (
	"strings"
	"testing"
)

func TestUnaccent(t *testing.T) {
	cases := map[string]string{
		"Hồ sơ 2611-ABCDEF đã có kết quả": "Ho so 2611-ABCDEF da co ket qua",
		"Đường Nguyễn Huệ, Quận 1…":       "Duong Nguyen Hue, Quan 1...",
		"Mời ông/bà đến nhận":             "Moi ong/ba den nhan",
		"中文":                              "??",
	}
	for in, want := range cases {
		if got := Unaccent(in); got != want {
			t.Errorf("Unaccent(%q) = %q, want %q", in, got, want)
		}
		if septets(Unaccent(in)) < 0 {
			t.Errorf("Unaccent(%q) is not GSM-7", in)
		}
	}
}

func TestSegments(t *testing.T) {
	cases := []struct {
		name string
		s    string
		want int
	}{
		{"160 GSM-7", strings.Repeat("a", 160), 1},
		{"161 GSM-7", strings.Repeat("a", 161), 2},
		{"306 GSM-7", strings.Repeat("a", 306), 2},
		{"307 GSM-7", strings.Repeat("a", 307), 3},
		{"extension chars count twice", strings.Repeat("€", 80), 1},
		{"81 euro signs", strings.Repeat("€", 81), 2},
		{"70 UCS-2", strings.Repeat("ồ", 70), 1},
		{"71 UCS-2", strings.Repeat("ồ", 71), 2},
		{"134 UCS-2", strings.Repeat("ồ", 134), 2},
		{"135 UCS-2", strings.Repeat("ồ", 135), 3},
		{"one accent makes it UCS-2", strings.Repeat("a", 70) + "ồ", 2},
	}
	for _, c := range cases {
		if got := Segments(c.s); got != c.want {
			t.Errorf("%s: Segments = %d, want %d", c.name, got, c.want)
		}
	}
}
