package notify

import (
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
)

func TestNotBefore(t *testing.T) {
	vn := func(d, h, m int) time.Time { return time.Date(2026, 12, d, h, m, 0, 0, calendar.Location) }
	cases := []struct{ at, want time.Time }{
		{vn(1, 7, 0), vn(1, 7, 0)},
		{vn(1, 12, 30), vn(1, 12, 30)},
		{vn(1, 20, 59), vn(1, 20, 59)},
		{vn(1, 21, 0), vn(2, 7, 0)},
		{vn(1, 23, 45), vn(2, 7, 0)},
		{vn(2, 0, 10), vn(2, 7, 0)},
		{vn(2, 6, 59), vn(2, 7, 0)},
		{vn(31, 22, 0), time.Date(2027, 1, 1, 7, 0, 0, 0, calendar.Location)},
	}
	for _, c := range cases {
		if got := NotBefore(c.at.UTC()); !got.Equal(c.want) {
			t.Errorf("NotBefore(%s) = %s, want %s", c.at, got.In(calendar.Location), c.want)
		}
	}
}

func TestMaskPhone(t *testing.T) {
	if got := MaskPhone("+84987654321"); got != "…321" {
		t.Errorf("MaskPhone = %q", got)
	}
}
