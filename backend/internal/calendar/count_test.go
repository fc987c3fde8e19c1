package calendar

import "testing"

// A calendar written out here, so these tests do not move when the built-in years are corrected:
// 2026's 27/4 (Giỗ Tổ moved from Sunday), 30/4 and 1/5 off; 2025's Saturday 26/4 a make-up day.
func countCalendar() Calendar {
	return New(
		Year{Holidays: []Day{{"2026-04-27", "Giỗ Tổ (bù)"}, {"2026-04-30", "30/4"}, {"2026-05-01", "1/5"}}},
		Year{Holidays: []Day{{"2025-05-02", "hoán đổi"}}, WorkingDays: []Day{{"2025-04-26", "làm bù"}}},
	)
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := countCalendar()
	cases := []struct {
		name, from, to string
		want           int
	}{
		{"answered the same day", "2026-11-23 09:00", "2026-11-23 16:00", 0},
		{"Monday to Wednesday", "2026-11-23 10:00", "2026-11-25 14:00", 2},
		{"over a weekend", "2026-11-27 10:00", "2026-11-30 08:00", 1},      // Fri → Mon: Mon only
		{"Thursday to Tuesday", "2026-11-26 10:00", "2026-12-01 09:00", 3}, // Fri, Mon, Tue
		{"answered on Saturday", "2026-11-27 10:00", "2026-11-28 10:00", 0},
		{"over 30/4 and 1/5", "2026-04-29 10:00", "2026-05-04 10:00", 1}, // Thu, Fri off, weekend, Mon
		{"over Giỗ Tổ's Monday", "2026-04-24 10:00", "2026-04-28 10:00", 1},
		{"a make-up Saturday counts", "2025-04-25 10:00", "2025-04-28 10:00", 2},
		{"backwards", "2026-11-25 10:00", "2026-11-23 10:00", 0},
	}
	for _, c := range cases {
		if got := cal.WorkingDaysBetween(at(c.from), at(c.to)); got != c.want {
			t.Errorf("%s: WorkingDaysBetween(%s, %s) = %d, want %d", c.name, c.from, c.to, got, c.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	cal := countCalendar()
	cases := []struct {
		name, due string
		n         int
		want      string
	}{
		{"none", "2026-11-26 17:00", 0, "2026-11-26 17:00"},
		{"over a weekend", "2026-11-26 17:00", 2, "2026-11-30 17:00"},
		{"over 30/4 and 1/5", "2026-04-29 17:00", 1, "2026-05-04 17:00"},
		{"over Giỗ Tổ's Monday", "2026-04-24 17:00", 2, "2026-04-29 17:00"},
		{"onto a make-up Saturday", "2025-04-25 17:00", 1, "2025-04-26 17:00"},
	}
	for _, c := range cases {
		if got := cal.AddWorkingDays(at(c.due), c.n); !got.Equal(at(c.want)) {
			t.Errorf("%s: AddWorkingDays(%s, %d) = %s, want %s", c.name, c.due, c.n, got.In(Location).Format("2006-01-02 15:04"), c.want)
		}
	}
}

// A pause and its extension agree: the days waited are exactly the days added.
func TestPauseThenExtendRoundTrip(t *testing.T) {
	cal := countCalendar()
	due := at("2026-04-29 17:00")
	n := cal.WorkingDaysBetween(at("2026-04-24 09:00"), at("2026-05-04 11:00")) // Tue 28, Wed 29, Mon 4
	if n != 3 {
		t.Fatalf("paused %d days", n)
	}
	if got := cal.AddWorkingDays(due, n); !got.Equal(at("2026-05-06 17:00")) {
		t.Fatalf("extended to %s", got)
	}
}

func TestDueAtCalendarDays(t *testing.T) {
	cal := countCalendar()
	cases := []struct {
		name, received string
		days           int
		cutoff         *int
		want           string
	}{
		{"thirty days", "2026-11-23 09:00", 30, nil, "2026-12-23 17:00"},
		{"ends on a Saturday: next working day", "2026-11-02 09:00", 5, nil, "2026-11-09 17:00"},
		{"received on Saturday counts from Monday", "2026-11-21 09:00", 5, nil, "2026-11-30 17:00"},
		{"after closing counts from the next day", "2026-11-23 17:30", 1, nil, "2026-11-25 17:00"},
		{"ends on 30/4: after 1/5 and the weekend", "2026-04-24 09:00", 6, nil, "2026-05-04 17:00"},
		{"after the cut-off", "2026-11-23 15:30", 2, hour(15), "2026-11-26 17:00"},
	}
	for _, c := range cases {
		if got := cal.DueAtCalendarDays(at(c.received), c.days, c.cutoff); !got.Equal(at(c.want)) {
			t.Errorf("%s: got %s, want %s", c.name, got.In(Location).Format("Mon 2006-01-02 15:04"), c.want)
		}
	}
}

func TestPreviousWorkingDay(t *testing.T) {
	cal := countCalendar()
	for from, want := range map[string]string{
		"2026-11-30 17:00": "2026-11-27 00:00", // Monday → Friday
		"2026-05-04 17:00": "2026-04-29 00:00", // over 30/4, 1/5 and the weekend
		"2026-04-28 17:00": "2026-04-24 00:00", // over Giỗ Tổ's Monday
		"2025-04-28 17:00": "2025-04-26 00:00", // the make-up Saturday
	} {
		if got := cal.PreviousWorkingDay(at(from)); !got.Equal(at(want)) {
			t.Errorf("PreviousWorkingDay(%s) = %s, want %s", from, got, want)
		}
	}
}

// A supplement pause moves the due time in the procedure's own unit: working days for most,
// calendar days for those whose law counts so, a calendar-day end on a day off moving to the next
// working day (Bộ luật Dân sự 2015, Điều 147–148).
func TestPause(t *testing.T) {
	cal := countCalendar()
	cases := []struct {
		name, due, from, to string
		calendarDays        bool
		wantDays            int
		wantDue             string
	}{
		{"working: Fri → Mon waits Mon", "2026-11-26 17:00", "2026-11-27 10:00", "2026-11-30 08:00", false, 1, "2026-11-27 17:00"},
		{"calendar: Fri → Mon waits Sat, Sun, Mon", "2026-12-23 17:00", "2026-11-27 10:00", "2026-11-30 08:00", true, 3, "2026-12-28 17:00"}, // 26/12 is a Saturday
		{"calendar: Mon → Wed", "2026-12-23 17:00", "2026-11-23 10:00", "2026-11-25 14:00", true, 2, "2026-12-25 17:00"},
		{"calendar: same day", "2026-12-23 17:00", "2026-11-23 10:00", "2026-11-23 16:00", true, 0, "2026-12-23 17:00"},
		{"calendar: lands on 30/4, moves past 1/5 and the weekend", "2026-04-27 17:00", "2026-04-20 10:00", "2026-04-23 10:00", true, 3, "2026-05-04 17:00"},
		{"calendar: backwards", "2026-12-23 17:00", "2026-11-25 10:00", "2026-11-23 10:00", true, 0, "2026-12-23 17:00"},
	}
	for _, c := range cases {
		n, due := cal.Pause(at(c.due), at(c.from), at(c.to), c.calendarDays)
		if n != c.wantDays || !due.Equal(at(c.wantDue)) {
			t.Errorf("%s: Pause = %d days, due %s; want %d, %s", c.name, n, due.In(Location).Format("2006-01-02 15:04"), c.wantDays, c.wantDue)
		}
	}
}
