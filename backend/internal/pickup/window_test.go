package pickup

import (
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
)

// A home pickup is refused on a Sunday and on a named day off of the ward's calendar, but not
// on an ordinary Saturday or a working day (now: Monday 3 August 2026, 08:00).
func TestPickupWindowOnHolidays(t *testing.T) {
	now := time.Date(2026, 8, 3, 8, 0, 0, 0, calendar.Location)
	cal := calendar.New(calendar.National(2026))
	for _, c := range []struct {
		day  string
		code string
	}{
		{"2026-09-02", "pickup_holiday"}, // Quốc khánh (a Wednesday)
		{"2026-09-01", "pickup_holiday"}, // the day beside it
		{"2026-08-30", "pickup_sunday"},
		{"2026-08-29", ""}, // an ordinary Saturday
		{"2026-09-03", ""},
	} {
		day, _ := time.Parse("2006-01-02", c.day)
		got := windowFields(day, "09:00", "11:00", now, cal)
		switch {
		case c.code == "" && len(got) != 0:
			t.Errorf("%s refused: %+v", c.day, got)
		case c.code != "" && (len(got) != 1 || got[0].Name != "preferred_date" || got[0].Code != c.code):
			t.Errorf("%s: %+v, want preferred_date %s", c.day, got, c.code)
		}
	}
	// 30/4/2026, Ngày Chiến thắng, seen from April.
	april := time.Date(2026, 4, 1, 8, 0, 0, 0, calendar.Location)
	day, _ := time.Parse("2006-01-02", "2026-04-30")
	if got := windowFields(day, "09:00", "11:00", april, cal); len(got) != 1 || got[0].Code != "pickup_holiday" {
		t.Errorf("30/4: %+v", got)
	}
}
