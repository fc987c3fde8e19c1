package session

import (
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
)

// Dates in sentences follow COPY.md: "Thứ Bảy, ngày 07/3/2026, từ 8 giờ".
func TestWhenInSentences(t *testing.T) {
	for _, c := range []struct {
		at     time.Time
		vi, en string
	}{
		{time.Date(2026, 3, 7, 8, 0, 0, 0, calendar.Location), "Thứ Bảy, ngày 07/3/2026, từ 8 giờ", "Saturday 7 March 2026, from 08:00"},
		{time.Date(2026, 11, 28, 7, 30, 0, 0, calendar.Location), "Thứ Bảy, ngày 28/11/2026, từ 7 giờ 30", "Saturday 28 November 2026, from 07:30"},
		{time.Date(2026, 11, 28, 0, 5, 0, 0, time.UTC), "Thứ Bảy, ngày 28/11/2026, từ 7 giờ 05", "Saturday 28 November 2026, from 07:05"},
	} {
		if got := whenVI(c.at); got != c.vi {
			t.Errorf("whenVI(%v) = %q, want %q", c.at, got, c.vi)
		}
		if got := whenEN(c.at); got != c.en {
			t.Errorf("whenEN(%v) = %q, want %q", c.at, got, c.en)
		}
	}
}
