package calendar_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

type day struct{ Date, Name string }

// get reads a ward's year as user u.
func get(t *testing.T, e *testkit.Env, u testkit.User, year string) (holidays, working []day) {
	t.Helper()
	var c api.Calendar
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/calendar/" + year, Token: u.Token}).JSON(t, &c)
	if strconv.Itoa(c.Year) != year {
		t.Fatalf("year = %d, want %s", c.Year, year)
	}
	return days(c.Holidays), days(c.WorkingDays)
}

func days(list []api.CalendarDay) []day {
	out := []day{}
	for _, d := range list {
		out = append(out, day{d.Date.Format(calendar.DateLayout), d.Name})
	}
	return out
}

func dates(list []day) []string {
	out := []string{}
	for _, d := range list {
		out = append(out, d.Date)
	}
	return out
}

func national(year int) (holidays, working []day) {
	y := calendar.National(year)
	holidays, working = []day{}, []day{}
	for _, d := range y.Holidays {
		holidays = append(holidays, day{d.Date, d.Name})
	}
	for _, d := range y.WorkingDays {
		working = append(working, day{d.Date, d.Name})
	}
	return holidays, working
}

func body(holidays, working []day) map[string]any {
	h, w := []map[string]string{}, []map[string]string{}
	for _, d := range holidays {
		h = append(h, map[string]string{"date": d.Date, "name": d.Name})
	}
	for _, d := range working {
		w = append(w, map[string]string{"date": d.Date, "name": d.Name})
	}
	return map[string]any{"holidays": h, "working_days": w}
}

// A ward nobody edited follows the national calendar, readable by every role of the ward.
func TestFreshWardFollowsTheNationalCalendar(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	wantH, wantW := national(2026)
	for _, role := range testkit.Roles {
		h, wd := get(t, e, e.NewUser(w, role), "2026")
		if !slices.Equal(h, wantH) || !slices.Equal(wd, wantW) {
			t.Fatalf("%s sees 2026 = %v / %v", role, h, wd)
		}
		if !slices.Contains(dates(h), "2026-02-17") || !slices.IsSorted(dates(h)) {
			t.Fatalf("2026 holidays %v: want Tết (2026-02-17), sorted", dates(h))
		}
	}
	// 2025 has a make-up Saturday; a year with no notice built in is empty, not null.
	admin := e.NewUser(w, auth.RoleAdmin)
	if _, wd := get(t, e, admin, "2025"); !slices.Equal(dates(wd), []string{"2025-04-26"}) {
		t.Fatalf("2025 working days = %v", wd)
	}
	if h, wd := get(t, e, admin, "2040"); len(h) != 0 || len(wd) != 0 {
		t.Fatalf("2040 = %v / %v", h, wd)
	}
	e.Expect(http.StatusUnauthorized, testkit.Req{Method: "GET", Path: "/v1/calendar/2026"})
	e.Expect(http.StatusBadRequest, testkit.Req{Method: "GET", Path: "/v1/calendar/1999", Token: admin.Token})
}

// PUT replaces the year for the admin's ward only; GET then shows exactly it.
func TestPutReplacesTheYearOfOneWard(t *testing.T) {
	e := testkit.New(t)
	a, b := e.NewWard("26734", 1), e.NewWard("00070", 1)
	adminA, officerA, citizenA, officerB := e.NewUser(a, auth.RoleAdmin), e.NewUser(a, auth.RoleOfficer), e.NewUser(a, auth.RoleCitizen), e.NewUser(b, auth.RoleOfficer)

	newH := []day{
		{"2026-09-02", "Quốc khánh"},
		{"2026-01-01", "  Tết   Dương lịch "},
		{"2026-02-16", "Tết Nguyên Đán"},
	}
	newW := []day{{"2026-01-10", "Làm bù"}}
	var c api.Calendar
	e.Expect(http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/calendar/2026", Token: adminA.Token, Body: body(newH, newW)}).JSON(t, &c)
	wantH := []day{{"2026-01-01", "Tết Dương lịch"}, {"2026-02-16", "Tết Nguyên Đán"}, {"2026-09-02", "Quốc khánh"}}
	if c.Year != 2026 || !slices.Equal(days(c.Holidays), wantH) || !slices.Equal(days(c.WorkingDays), newW) {
		t.Fatalf("PUT answered %+v", c)
	}
	for _, u := range []testkit.User{adminA, officerA, citizenA} {
		if h, wd := get(t, e, u, "2026"); !slices.Equal(h, wantH) || !slices.Equal(wd, newW) {
			t.Fatalf("%s sees %v / %v after PUT", u.Role, h, wd)
		}
	}
	// Another ward, and the ward's other years, still follow the national calendar.
	natH, natW := national(2026)
	if h, wd := get(t, e, officerB, "2026"); !slices.Equal(h, natH) || !slices.Equal(wd, natW) {
		t.Fatalf("ward B's 2026 changed: %v / %v", h, wd)
	}
	nat27, _ := national(2027)
	if h, _ := get(t, e, adminA, "2027"); !slices.Equal(h, nat27) {
		t.Fatalf("ward A's 2027 changed: %v", h)
	}

	// Only an admin may PUT; a refused PUT changes nothing.
	for _, u := range []testkit.User{officerA, citizenA} {
		e.Expect(http.StatusForbidden, testkit.Req{Method: "PUT", Path: "/v1/calendar/2026", Token: u.Token, Body: body(nil, nil)})
	}
	if h, _ := get(t, e, adminA, "2026"); !slices.Equal(h, wantH) {
		t.Fatalf("refused PUT changed 2026: %v", h)
	}

	// A second PUT replaces the first entirely; an empty year stays empty (not national).
	e.Expect(http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/calendar/2026", Token: adminA.Token, Body: body([]day{{"2026-05-01", "Quốc tế Lao động"}}, nil)})
	if h, wd := get(t, e, adminA, "2026"); !slices.Equal(dates(h), []string{"2026-05-01"}) || len(wd) != 0 {
		t.Fatalf("after second PUT: %v / %v", h, wd)
	}
	e.Expect(http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/calendar/2026", Token: adminA.Token, Body: body(nil, nil)})
	if h, wd := get(t, e, adminA, "2026"); len(h) != 0 || len(wd) != 0 {
		t.Fatalf("after emptying: %v / %v", h, wd)
	}
	if n := e.Count("SELECT count(*) FROM audit_events WHERE action = 'calendar.update' AND ward_id = $1 AND actor_id = $2", a.ID, adminA.ID); n != 3 {
		t.Fatalf("calendar.update audit events = %d, want 3", n)
	}
}

// Days that break the rules are 422 naming the entry, and the year is left as it was.
func TestInvalidDaysAreRefused(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin := e.NewUser(w, auth.RoleAdmin)
	cases := []struct {
		name              string
		holidays, working []day
		field, code       string
	}{
		{"working day on a weekday", nil, []day{{"2026-01-10", "Thứ Bảy"}, {"2026-01-12", "Thứ Hai"}}, "working_days/1/date", "not_a_weekend"},
		{"another year", []day{{"2027-01-01", "Tết"}}, nil, "holidays/0/date", "outside_year"},
		{"same day twice", []day{{"2026-01-01", "Tết"}, {"2026-01-01", "Tết lần hai"}}, nil, "holidays/1/date", "duplicate_date"},
		{"same day in both lists", []day{{"2026-01-01", "Tết"}}, []day{{"2026-01-01", "Làm bù"}}, "working_days/0/date", "duplicate_date"},
		{"blank name", []day{{"2026-01-01", " \u00a0 "}}, nil, "holidays/0/name", "blank"},
	}
	for _, c := range cases {
		p := e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "PUT", Path: "/v1/calendar/2026", Token: admin.Token,
			Body: body(c.holidays, c.working)}).Problem(t)
		found := false
		for _, f := range p.Errors {
			found = found || f.Field == c.field && f.Code == c.code && f.Message != ""
		}
		if p.Code != "validation_failed" || !found || len(p.Errors) != 1 {
			t.Errorf("%s: problem %+v, want %s %s", c.name, p, c.field, c.code)
		}
	}
	// English messages too.
	res := e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "PUT", Path: "/v1/calendar/2026", Token: admin.Token,
		Body: body(nil, []day{{"2026-01-05", "Mon"}}), Header: map[string]string{"Accept-Language": "en"}}).Problem(t)
	if len(res.Errors) != 1 || res.Errors[0].Message != "A make-up working day must fall on a Saturday or Sunday" {
		t.Errorf("English problem = %+v", res)
	}
	natH, _ := national(2026)
	if h, _ := get(t, e, admin, "2026"); !slices.Equal(h, natH) {
		t.Fatalf("refused PUTs changed 2026: %v", h)
	}
	if n := e.Count("SELECT (SELECT count(*) FROM calendar_years) + (SELECT count(*) FROM calendar_days)"); n != 0 {
		t.Fatalf("refused PUTs wrote %d rows", n)
	}
}

// Due dates follow the ward's edited calendar: an extra holiday pushes them back a day.
func TestDueDatesUseTheEditedCalendar(t *testing.T) {
	e := testkit.New(t)
	a, b := e.NewWard("26734", 1), e.NewWard("00070", 1)
	admin := e.NewUser(a, auth.RoleAdmin)
	received := time.Date(2026, 11, 30, 9, 0, 0, 0, calendar.Location) // a Monday
	due := func(w testkit.Ward) time.Time {
		cal, err := e.App.Calendars.ForWard(t.Context(), w.ID, received)
		if err != nil {
			t.Fatal(err)
		}
		return cal.DueAt(received, 3, nil)
	}
	thu := time.Date(2026, 12, 3, 17, 0, 0, 0, calendar.Location)
	fri := time.Date(2026, 12, 4, 17, 0, 0, 0, calendar.Location)
	if got := due(a); !got.Equal(thu) {
		t.Fatalf("before the edit: due %s, want %s", got, thu)
	}
	h, wd := national(2026)
	h = append(h, day{"2026-12-02", "Nghỉ theo quyết định của UBND"})
	e.Expect(http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/calendar/2026", Token: admin.Token, Body: body(h, wd)})
	if got := due(a); !got.Equal(fri) {
		t.Fatalf("after adding 2026-12-02: due %s, want %s", got, fri)
	}
	if got := due(b); !got.Equal(thu) {
		t.Fatalf("another ward's due date moved: %s", got)
	}
}

// Admins saving the same year at once never collide: every PUT succeeds and one of them wins whole.
func TestConcurrentPutsOfOneYear(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin := e.NewUser(w, auth.RoleAdmin)
	const n = 8
	statuses := make(chan int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := []day{{"2026-01-01", "Tết Dương lịch"}, {fmt.Sprintf("2026-03-%02d", 2+i%5), fmt.Sprintf("Nghỉ %d", i)}}
			statuses <- e.Do(testkit.Req{Method: "PUT", Path: "/v1/calendar/2026", Token: admin.Token, Body: body(h, nil)}).Status
		}()
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("a concurrent PUT answered %d", s)
		}
	}
	if h, _ := get(t, e, admin, "2026"); len(h) != 2 || h[0].Date != "2026-01-01" {
		t.Fatalf("2026 after concurrent PUTs = %v", h)
	}
}

// getCalendar reads a ward's whole year as the API gives it.
func getCalendar(t *testing.T, e *testkit.Env, u testkit.User, year string) api.Calendar {
	t.Helper()
	var c api.Calendar
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/calendar/" + year, Token: u.Token}).JSON(t, &c)
	return c
}

// 2027 has no government notice yet: the API says it is provisional (and what it follows) so the
// console can show it; an admin's year is provisional only when the admin says so.
func TestProvisionalYears(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin, citizen := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleCitizen)
	for year, want := range map[string]bool{"2025": false, "2026": false, "2027": true} {
		c := getCalendar(t, e, citizen, year)
		if c.Provisional != want || c.Source == nil || *c.Source == "" {
			t.Errorf("%s: provisional %v (want %v), source %v", year, c.Provisional, want, c.Source)
		}
	}
	if c := getCalendar(t, e, citizen, "2040"); !c.Provisional || c.Source != nil {
		t.Errorf("2040 (nothing built in) should be provisional: %+v", c)
	}

	h, wd := national(2027)
	put := body(h, wd)
	put["provisional"] = true
	var c api.Calendar
	e.Expect(http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/calendar/2027", Token: admin.Token, Body: put}).JSON(t, &c)
	if !c.Provisional || c.Source != nil {
		t.Fatalf("PUT provisional: %+v", c)
	}
	if c := getCalendar(t, e, citizen, "2027"); !c.Provisional || c.Source != nil {
		t.Fatalf("GET after PUT provisional: %+v", c)
	}
	// The notice is out: the admin saves the year without the flag.
	e.Expect(http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/calendar/2027", Token: admin.Token, Body: body(h, wd)})
	if c := getCalendar(t, e, citizen, "2027"); c.Provisional {
		t.Fatalf("GET after the notice: %+v", c)
	}
	e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "PUT", Path: "/v1/calendar/2027", Token: admin.Token,
		Body: map[string]any{"holidays": []any{}, "working_days": []any{}, "provisional": "yes"}})
}

// "Ngày Văn hóa Việt Nam" (24/11) is not built in; when it becomes law an admin adds it to a
// year with PUT, and from then on it is a holiday: due dates move and bookings are refused. A
// holiday on a weekend is accepted too: it refuses bookings but moves no due date.
func TestAdminAddsADayOffTheLawAddsLater(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin := e.NewUser(w, auth.RoleAdmin)
	h, wd := national(2026)
	if slices.Contains(dates(h), "2026-11-24") {
		t.Fatal("2026 already has 24/11")
	}
	received := time.Date(2026, 11, 23, 9, 0, 0, 0, calendar.Location) // a Monday
	cal := func() calendar.Calendar {
		c, err := e.App.Calendars.ForWard(t.Context(), w.ID, received)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tue := time.Date(2026, 11, 24, 10, 0, 0, 0, calendar.Location)
	sat := time.Date(2026, 11, 28, 10, 0, 0, 0, calendar.Location)
	before := cal()
	if before.IsHoliday(tue) || before.DueAt(received, 3, nil) != time.Date(2026, 11, 26, 17, 0, 0, 0, calendar.Location) {
		t.Fatal("24/11/2026 is already a holiday")
	}

	h = append(h, day{"2026-11-24", "Ngày Văn hóa Việt Nam"}, day{"2026-11-28", "Nghỉ theo quyết định của UBND (thứ Bảy)"})
	var c api.Calendar
	e.Expect(http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/calendar/2026", Token: admin.Token, Body: body(h, wd)}).JSON(t, &c)
	if got := dates(days(c.Holidays)); !slices.Contains(got, "2026-11-24") || !slices.Contains(got, "2026-11-28") || !slices.IsSorted(got) {
		t.Fatalf("holidays after PUT: %v", got)
	}
	after := cal()
	if !after.IsHoliday(tue) || !after.IsHoliday(sat) || after.IsWorkingDay(tue) {
		t.Fatal("the added days are not holidays")
	}
	// Mon counts; Tue 24 off: Wed 25, Thu 26, Fri 27. The Saturday holiday moves nothing.
	if got, want := after.DueAt(received, 3, nil), time.Date(2026, 11, 27, 17, 0, 0, 0, calendar.Location); !got.Equal(want) {
		t.Fatalf("due %s, want %s", got, want)
	}
	if got, want := after.DueAt(time.Date(2026, 11, 27, 9, 0, 0, 0, calendar.Location), 1, nil), time.Date(2026, 11, 30, 17, 0, 0, 0, calendar.Location); !got.Equal(want) {
		t.Fatalf("due across the Saturday holiday %s, want %s", got, want)
	}
}
