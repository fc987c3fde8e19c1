// Package calendar knows which days the one-stop office works: Monday to Friday, minus the
// holidays, plus the make-up working Saturdays, per ward and year. Lunar holidays and swapped
// days cannot be computed by formula, so the known years are built in from the government's
// notices and a ward's admin can edit any year. DueAt turns "N working days" into a time.
package calendar

import (
	"time"
)

// Location is the office's time zone.
var Location = mustLoad("Asia/Ho_Chi_Minh")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // tzdata is embedded by the binary (time/tzdata), so this cannot happen
	}
	return loc
}

// OfficeCloseHour is when the office stops receiving for the day: a dossier received at or
// after it counts from the next working day, and results are due by it.
const OfficeCloseHour = 17

// DateLayout is how days are written (YYYY-MM-DD).
const DateLayout = "2006-01-02"

// Day is one special day.
type Day struct {
	Date string // YYYY-MM-DD
	Name string
}

// Year is a year's special days.
type Year struct {
	// Holidays are named days off: on a weekday they move due dates; on a weekend (a holiday
	// falling on Saturday or Sunday, a weekend inside the Tết break) they only refuse bookings.
	Holidays    []Day
	WorkingDays []Day // make-up working days on weekends
	// Provisional: built from the law before the government's notice for the year is out (or
	// so marked by the ward's admin); the console says so.
	Provisional bool
	Source      string // the notices a built-in year follows (empty for a ward's edited year)
}

// Calendar answers whether a day is a working day.
type Calendar struct {
	holidays map[string]bool
	working  map[string]bool
}

// New builds a calendar from years of special days.
func New(years ...Year) Calendar {
	c := Calendar{holidays: map[string]bool{}, working: map[string]bool{}}
	for _, y := range years {
		for _, d := range y.Holidays {
			c.holidays[d.Date] = true
		}
		for _, d := range y.WorkingDays {
			c.working[d.Date] = true
		}
	}
	return c
}

// IsWorkingDay reports whether the office works on the date of t (in the office's zone).
func (c Calendar) IsWorkingDay(t time.Time) bool {
	key := t.In(Location).Format(DateLayout)
	if c.working[key] {
		return true
	}
	if c.holidays[key] {
		return false
	}
	wd := t.In(Location).Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// IsHoliday reports whether the date of t is a named day off (Tết, a national holiday, a swapped
// day or a ward's own), as opposed to an ordinary weekend. Home pickups and Saturday sessions
// may not be booked on one.
func (c Calendar) IsHoliday(t time.Time) bool {
	return c.holidays[t.In(Location).Format(DateLayout)]
}

// NextWorkingDay returns the first working day after the date of t, at midnight.
func (c Calendar) NextWorkingDay(t time.Time) time.Time {
	d := midnight(t)
	for {
		d = d.AddDate(0, 0, 1)
		if c.IsWorkingDay(d) {
			return d
		}
	}
}

func midnight(t time.Time) time.Time {
	t = t.In(Location)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Location)
}

// DueAt is when a dossier received at `received` with `days` working days of processing is due:
// the office's closing time on the days-th working day after the day it counts as received.
// It counts as received the same day when that is a working day and it arrived before the
// procedure's cut-off hour (and before closing); otherwise the next working day. Zero days
// means the result is due at closing time on the day it counts as received.
func (c Calendar) DueAt(received time.Time, days int, cutoffHour *int) time.Time {
	t := received.In(Location)
	cut := OfficeCloseHour
	if cutoffHour != nil && *cutoffHour < cut {
		cut = *cutoffHour
	}
	day := midnight(t)
	if !c.IsWorkingDay(day) || t.Hour() >= cut {
		day = c.NextWorkingDay(day)
	}
	for i := 0; i < days; i++ {
		day = c.NextWorkingDay(day)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), OfficeCloseHour, 0, 0, 0, Location)
}
