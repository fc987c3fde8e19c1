package calendar

import "time"

// Counting periods other than "N working days from receipt" (DueAt): procedures whose law counts
// calendar days, the supplement pause, and the day before a due date. How a period in days is
// counted follows Bộ luật Dân sự 2015: the first day is not counted (Điều 147), and a period
// whose last day is a day off ends at the end of the next working day (Điều 148).

// DueAtCalendarDays is when a dossier of a procedure counted in calendar days (e.g. hòa giải
// tranh chấp đất đai, Luật Đất đai 2024 Điều 235) is due: closing time on the days-th calendar
// day after the day it counts as received, moved to the next working day when that day is a day
// off (Bộ luật Dân sự 2015, Điều 148). It counts as received as DueAt does: the same day when
// that is a working day and before the cut-off, else the next working day.
func (c Calendar) DueAtCalendarDays(received time.Time, days int, cutoffHour *int) time.Time {
	t := received.In(Location)
	cut := OfficeCloseHour
	if cutoffHour != nil && *cutoffHour < cut {
		cut = *cutoffHour
	}
	day := midnight(t)
	if !c.IsWorkingDay(day) || t.Hour() >= cut {
		day = c.NextWorkingDay(day)
	}
	day = day.AddDate(0, 0, days)
	if !c.IsWorkingDay(day) {
		day = c.NextWorkingDay(day)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), OfficeCloseHour, 0, 0, 0, Location)
}

// WorkingDaysBetween counts the working days after the date of from, up to and including the
// date of to (Bộ luật Dân sự 2015, Điều 147: the first day of a period is not counted). It is the
// supplement pause: a request sent on Monday and answered on Wednesday paused the clock two
// working days (Tuesday, Wednesday); answered the same day, none. Weekends and holidays are not
// counted, make-up Saturdays are: the dossier's clock runs in working days only (Nghị định
// 61/2018/NĐ-CP, kept by 118/2025/NĐ-CP: the time a dossier waits for the citizen's supplement
// is not part of the processing time). to before from counts zero.
func (c Calendar) WorkingDaysBetween(from, to time.Time) int {
	n := 0
	last := midnight(to)
	for d := c.NextWorkingDay(from); !d.After(last); d = c.NextWorkingDay(d) {
		n++
	}
	return n
}

// AddWorkingDays moves t by n working days, keeping its time of day: a due date extended by a
// supplement pause. n <= 0 returns t unchanged.
func (c Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	if n <= 0 {
		return t
	}
	lt := t.In(Location)
	day := midnight(lt)
	for i := 0; i < n; i++ {
		day = c.NextWorkingDay(day)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), lt.Hour(), lt.Minute(), lt.Second(), lt.Nanosecond(), Location)
}

// PreviousWorkingDay returns the last working day before the date of t, at midnight.
func (c Calendar) PreviousWorkingDay(t time.Time) time.Time {
	d := midnight(t)
	for {
		d = d.AddDate(0, 0, -1)
		if c.IsWorkingDay(d) {
			return d
		}
	}
}

// Pause is how a supplement pause that ran from from to to moves a dossier's due time: the days
// waited, counted as the procedure counts its processing time, and the due time moved by them.
// The time a dossier waits for the citizen's supplement is not processing time (Nghị định
// 61/2018/NĐ-CP, kept by 118/2025/NĐ-CP). A procedure counted in working days waits working days
// (WorkingDaysBetween, AddWorkingDays); one counted in calendar days (e.g. Luật Đất đai 2024, Điều
// 235) waits calendar days, the first day not counted (Bộ luật Dân sự 2015, Điều 147), and a due
// date that then falls on a day off moves to the next working day (Điều 148).
func (c Calendar) Pause(due, from, to time.Time, calendarDays bool) (int, time.Time) {
	if !calendarDays {
		n := c.WorkingDaysBetween(from, to)
		return n, c.AddWorkingDays(due, n)
	}
	n := CalendarDaysBetween(from, to)
	if n <= 0 {
		return 0, due
	}
	lt := due.In(Location)
	day := midnight(lt).AddDate(0, 0, n)
	if !c.IsWorkingDay(day) {
		day = c.NextWorkingDay(day)
	}
	return n, time.Date(day.Year(), day.Month(), day.Day(), lt.Hour(), lt.Minute(), lt.Second(), lt.Nanosecond(), Location)
}

// CalendarDaysBetween counts the calendar days after the date of from, up to and including the
// date of to, in Vietnam (Bộ luật Dân sự 2015, Điều 147: the first day of a period is not
// counted). to before from counts zero.
func CalendarDaysBetween(from, to time.Time) int {
	a, b := midnight(from), midnight(to)
	if !b.After(a) {
		return 0
	}
	n := 0
	for d := a; d.Before(b); d = d.AddDate(0, 0, 1) {
		n++
	}
	return n
}
