package calendar

import (
	"slices"
	"strings"
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

// The built-in years: every day inside its year, make-up days on weekends, no date in both
// lists or twice, and only 2027 (no notice yet) provisional.
func TestNationalYearsAreWellFormed(t *testing.T) {
	for year := 2025; year <= 2027; year++ {
		y := National(year)
		seen := map[string]bool{}
		for _, d := range append(slices.Clone(y.Holidays), y.WorkingDays...) {
			day, err := time.ParseInLocation(DateLayout, d.Date, Location)
			if err != nil || day.Year() != year || seen[d.Date] || d.Name == "" {
				t.Errorf("%d: bad or repeated day %s (%s)", year, d.Date, d.Name)
			}
			seen[d.Date] = true
		}
		for _, d := range y.WorkingDays {
			day, _ := time.ParseInLocation(DateLayout, d.Date, Location)
			if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
				t.Errorf("%d make-up day %s should be a weekend day", year, d.Date)
			}
		}
		if y.Provisional != (year == 2027) || y.Source == "" {
			t.Errorf("%d: provisional = %v, source %q", year, y.Provisional, y.Source)
		}
	}
}

// Holidays on a weekend are listed so IsHoliday refuses bookings on them, but they never change
// which days are working days (weekends are off anyway), so due dates stay as they were.
func TestWeekendHolidaysDoNotMoveDueDates(t *testing.T) {
	for year := 2025; year <= 2027; year++ {
		y := National(year)
		weekdaysOnly := Year{WorkingDays: y.WorkingDays}
		weekend := 0
		for _, d := range y.Holidays {
			day, _ := time.ParseInLocation(DateLayout, d.Date, Location)
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
				weekend++
				continue
			}
			weekdaysOnly.Holidays = append(weekdaysOnly.Holidays, d)
		}
		if weekend == 0 {
			t.Errorf("%d lists no holiday on a weekend", year)
		}
		full, narrow := New(y), New(weekdaysOnly)
		for d := time.Date(year, 1, 1, 9, 0, 0, 0, Location); d.Year() == year; d = d.AddDate(0, 0, 1) {
			if full.IsWorkingDay(d) != narrow.IsWorkingDay(d) || full.DueAt(d, 3, nil) != narrow.DueAt(d, 3, nil) {
				t.Fatalf("%s: weekend holidays changed the working-day arithmetic", d.Format(DateLayout))
			}
		}
	}
}

// The cases (công văn 12729/VPCP-KGVX of 25/12/2025 for 2/1 ↔ 10/1; the 2026 Quốc khánh
// decision for 31/8 ↔ 22/8): a 3-working-day dossier, no cut-off.
func TestDueAtWith2026Swaps(t *testing.T) {
	cal := New(National(2025), National(2026), National(2027))
	cases := []struct{ name, received, want string }{
		// Wed 31/12 counts; Thu 1/1 Tết, Fri 2/1 swapped off, weekend: Mon 5, Tue 6, Wed 7.
		{"Tết Dương lịch and the 2/1 swap", "2025-12-31 10:00", "2026-01-07 17:00"},
		// Fri 28/8 counts; weekend, Mon 31/8 swapped off, 1–2/9 Quốc khánh: Thu 3, Fri 4, Mon 7.
		{"Quốc khánh and the 31/8 swap", "2026-08-28 10:00", "2026-09-07 17:00"},
		// Fri 9/1 before closing counts; Saturday 10/1 is the make-up working day: Sat 10, Mon 12, Tue 13.
		{"the make-up Saturday 10/1 counts", "2026-01-09 16:00", "2026-01-13 17:00"},
		{"received on the make-up Saturday 22/8", "2026-08-22 09:00", "2026-08-26 17:00"}, // Sat counts: Mon 24, Tue 25, Wed 26
	}
	for _, c := range cases {
		if got := cal.DueAt(at(c.received), 3, nil); !got.Equal(at(c.want)) {
			t.Errorf("%s: DueAt(%s, 3) = %s, want %s", c.name, c.received, got.In(Location).Format("Mon 2006-01-02 15:04"), c.want)
		}
	}
	for _, d := range []string{"2026-01-10", "2026-08-22"} {
		if day := at(d + " 09:00"); !cal.IsWorkingDay(day) || cal.IsHoliday(day) {
			t.Errorf("make-up Saturday %s: working %v, holiday %v", d, cal.IsWorkingDay(day), cal.IsHoliday(day))
		}
	}
}

// IsHoliday: named days off, weekday or weekend; not ordinary weekends, not make-up Saturdays.
func TestIsHoliday(t *testing.T) {
	cal := New(National(2025), National(2026), National(2027))
	cases := map[string]bool{
		"2026-01-02": true,  // swapped Friday
		"2026-04-26": true,  // Giỗ Tổ on a Sunday
		"2026-04-27": true,  // and its day in lieu
		"2026-02-14": true,  // Saturday inside the Tết break (27 tháng Chạp)
		"2026-02-21": true,  // Saturday inside the Tết break (Mùng 5)
		"2027-02-06": true,  // Mùng 1 Đinh Mùi, a Saturday
		"2027-05-01": true,  // 1/5 on a Saturday
		"2026-08-31": true,  // swapped Monday
		"2026-05-02": false, // an ordinary Saturday after 30/4–1/5
		"2026-11-28": false, // an ordinary Saturday
		"2026-11-24": false, // "Ngày Văn hóa Việt Nam" is not law yet
		"2026-01-10": false, // make-up Saturday
	}
	for d, want := range cases {
		if got := cal.IsHoliday(at(d + " 08:00")); got != want {
			t.Errorf("IsHoliday(%s) = %v, want %v", d, got, want)
		}
	}
}

// 2027 before its notice: 5/2 is 29 tháng Chạp (Mùng 1 Đinh Mùi is 6/2), and no year holds the
// proposed 24/11 day off.
func TestNamesAndDaysNotBuiltIn(t *testing.T) {
	name := func(year int, date string) string {
		for _, d := range National(year).Holidays {
			if d.Date == date {
				return d.Name
			}
		}
		return ""
	}
	if n := name(2027, "2027-02-05"); !strings.Contains(n, "29 tháng Chạp") || strings.Contains(n, "30") {
		t.Errorf("2027-02-05 is named %q", n)
	}
	if n := name(2027, "2027-02-06"); !strings.Contains(n, "Mùng 1") {
		t.Errorf("2027-02-06 is named %q", n)
	}
	for year := 2025; year <= 2027; year++ {
		for _, d := range National(year).Holidays {
			if strings.HasSuffix(d.Date, "-11-24") || strings.Contains(d.Name, "Văn hóa") {
				t.Errorf("%d builds in %s %q, not law yet", year, d.Date, d.Name)
			}
		}
	}
}
