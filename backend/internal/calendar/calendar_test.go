package calendar

import (
	"testing"
	"time"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Location)
	if err != nil {
		panic(err)
	}
	return t
}

func hour(h int) *int { return &h }

func TestDueAt(t *testing.T) {
	cal := New(National(2025), National(2026), National(2027))
	cases := []struct {
		name     string
		received string
		days     int
		cutoff   *int
		want     string
	}{
		{"plain week", "2026-11-23 09:00", 3, nil, "2026-11-26 17:00"},     // Mon → Thu
		{"over a weekend", "2026-11-26 10:00", 3, nil, "2026-12-01 17:00"}, // Thu → Tue
		{"received on Saturday counts from Monday", "2026-11-28 09:00", 1, nil, "2026-12-01 17:00"},
		{"same-day procedure", "2026-11-23 09:00", 0, nil, "2026-11-23 17:00"},
		{"after closing counts from next day", "2026-11-23 17:30", 0, nil, "2026-11-24 17:00"},
		{"before cut-off", "2026-11-23 14:59", 1, hour(15), "2026-11-24 17:00"},
		{"at cut-off counts from next day", "2026-11-23 15:00", 1, hour(15), "2026-11-25 17:00"},
		{"cut-off on Friday jumps the weekend", "2026-11-27 16:00", 1, hour(15), "2026-12-01 17:00"},
		// Tết 2026: 16–20/2 off, plus the weekends around it.
		{"across Tết", "2026-02-12 09:00", 3, nil, "2026-02-24 17:00"}, // Thu → Fri 13, Mon 23, Tue 24
		{"received during Tết", "2026-02-18 09:00", 1, nil, "2026-02-24 17:00"},
		// 2025: Saturday 26/4 is a make-up working day, Friday 2/5 is off.
		{"make-up Saturday counts", "2025-04-25 09:00", 1, nil, "2025-04-26 17:00"},
		{"received on the make-up Saturday", "2025-04-26 09:00", 1, nil, "2025-04-28 17:00"},
		{"30/4–2/5 are off", "2025-04-29 09:00", 2, nil, "2025-05-06 17:00"},    // Tue → (30,1,2 off, weekend) Mon 5, Tue 6
		{"across the new year", "2026-12-30 09:00", 3, nil, "2027-01-05 17:00"}, // Wed → Thu 31, (Fri 1 off) Mon 4, Tue 5
		{"Giỗ Tổ on a Sunday gives Monday off", "2026-04-24 09:00", 1, nil, "2026-04-28 17:00"},
	}
	for _, c := range cases {
		got := cal.DueAt(at(c.received), c.days, c.cutoff)
		if want := at(c.want); !got.Equal(want) {
			t.Errorf("%s: DueAt(%s, %d) = %s, want %s", c.name, c.received, c.days, got.In(Location).Format("Mon 2006-01-02 15:04"), c.want)
		}
	}
}

// 18:00 UTC on Sunday is 01:00 on Monday in Vietnam: a Monday receipt.
func TestDueAtReadsTimesInVietnam(t *testing.T) {
	cal := New(National(2026))
	got := cal.DueAt(time.Date(2026, 11, 22, 18, 0, 0, 0, time.UTC), 0, nil)
	if want := at("2026-11-23 17:00"); !got.Equal(want) {
		t.Fatalf("got %s, want %s", got, want)
	}
}

func TestDueAtNeverBeforeReceipt(t *testing.T) {
	cal := New(National(2026))
	start := at("2026-01-01 00:00")
	for h := 0; h < 24*60; h += 7 { // every 7 hours over two months, every procedure length up to 20 days
		r := start.Add(time.Duration(h) * time.Hour)
		for d := 0; d <= 20; d++ {
			due := cal.DueAt(r, d, hour(15))
			if due.Before(r) || !cal.IsWorkingDay(due) || due.Hour() != OfficeCloseHour {
				t.Fatalf("DueAt(%s, %d) = %s", r, d, due)
			}
		}
	}
}

func TestNationalYearsOnlyListWeekdayHolidaysAndWeekendWorkdays(t *testing.T) {
	for year := 2025; year <= 2027; year++ {
		y := National(year)
		for _, d := range y.Holidays {
			day, err := time.ParseInLocation(DateLayout, d.Date, Location)
			if err != nil || day.Year() != year || day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
				t.Errorf("%d holiday %s (%s) should be a weekday of that year", year, d.Date, d.Name)
			}
		}
		for _, d := range y.WorkingDays {
			day, _ := time.ParseInLocation(DateLayout, d.Date, Location)
			if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
				t.Errorf("%d make-up day %s should be a weekend day", year, d.Date)
			}
		}
	}
}
