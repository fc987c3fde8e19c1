package session_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

type world struct {
	e         *testkit.Env
	ward      testkit.Ward
	officer   testkit.User
	volunteer testkit.User
}

// Wednesday 25 Nov 2026, 09:00: the session is on Saturday 28 Nov.
var wednesday = time.Date(2026, 11, 25, 9, 0, 0, 0, calendar.Location)

func newWorld(t *testing.T) *world {
	e := testkit.New(t)
	e.Clock.Set(wednesday)
	w := &world{e: e, ward: e.NewWard("26734", 2)}
	w.officer = e.NewUser(w.ward, auth.RoleOfficer)
	w.volunteer = e.NewUser(w.ward, auth.RoleVolunteer)
	return w
}

func (w *world) schedule(t *testing.T, capacity int) api.Session {
	t.Helper()
	var s api.Session
	w.e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: w.e.Token(w.officer), Body: map[string]any{
		"neighborhood_id": w.ward.Neighborhoods[0], "date": "2026-11-28", "venue": "Nhà văn hóa khu phố 1",
		"start_time": "07:30", "end_time": "09:30", "slot_minutes": 30, "capacity_per_slot": capacity,
		"staff_ids": []string{w.volunteer.ID.String(), w.officer.ID.String()},
	}}).JSON(t, &s)
	return s
}

func (w *world) book(citizen testkit.User, s api.Session, slot int) *testkit.Response {
	return w.e.Do(testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/bookings", Token: w.e.Token(citizen),
		Body: map[string]any{"slot_starts_at": s.Slots[slot].StartsAt.Format(time.RFC3339)}})
}

func (w *world) liveSeats(t *testing.T, s api.Session) (counter, live int) {
	counter = w.e.Count("SELECT coalesce(sum(booked), 0) FROM session_slots WHERE session_id = $1", s.Id)
	live = w.e.Count("SELECT count(*) FROM bookings WHERE session_id = $1 AND status IN ('booked', 'checked_in') AND NOT walk_in", s.Id)
	return counter, live
}

func TestScheduleValidatesAndAnnounces(t *testing.T) {
	w := newWorld(t)
	resident := w.e.NewUser(w.ward, auth.RoleCitizen) // lives in Neighborhoods[0]
	s := w.schedule(t, 10)
	if len(s.Slots) != 4 || s.Slots[0].Remaining != 10 || s.Status != "scheduled" || len(s.StaffIds) != 2 {
		t.Fatalf("session %+v", s)
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'session.published'", resident.ID); n != 1 {
		t.Fatalf("resident told %d times", n)
	}
	outsider := w.e.NewUser(w.e.NewWard("00070", 0), auth.RoleOfficer)
	bad := []struct {
		change map[string]any
		field  string
	}{
		{map[string]any{"date": "2026-11-27"}, "date"},       // a Friday
		{map[string]any{"date": "2026-11-21"}, "date"},       // a past Saturday
		{map[string]any{"end_time": "07:00"}, "end_time"},    // ends before it starts
		{map[string]any{"slot_minutes": 45}, "slot_minutes"}, // 120 min do not divide by 45
		{map[string]any{"neighborhood_id": "01900000-0000-7000-8000-000000000000"}, "neighborhood_id"},
		{map[string]any{"staff_ids": []string{outsider.ID.String()}}, "staff_ids/0"},
	}
	for _, c := range bad {
		body := map[string]any{"neighborhood_id": w.ward.Neighborhoods[0], "date": "2026-11-28", "venue": "Nhà văn hóa",
			"start_time": "07:30", "end_time": "09:30", "slot_minutes": 30, "capacity_per_slot": 5}
		for k, v := range c.change {
			body[k] = v
		}
		p := w.e.Expect(422, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: w.e.Token(w.officer), Body: body}).Problem(t)
		if len(p.Errors) != 1 || p.Errors[0].Field != c.field {
			t.Errorf("%v: errors %+v", c.change, p.Errors)
		}
	}
	// Public views, without a token.
	var list api.SessionList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/sessions?ward_code=26734&from=2026-11-01&to=2026-12-31"}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Id != s.Id {
		t.Fatalf("list %+v", list.Items)
	}
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/sessions/" + s.Id.String()})
}

// 500 citizens book a 10-place slot at the same moment: exactly 10 get it, the others are told
// slot_full, and the counter equals the bookings.
func TestNoOverbookingUnderARealRace(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 10)
	citizens := make([]testkit.User, 500)
	for i := range citizens {
		citizens[i] = w.e.NewUser(w.ward, auth.RoleCitizen)
	}
	statuses := make(chan int, len(citizens))
	codes := make(chan string, len(citizens))
	var start, wg sync.WaitGroup
	start.Add(1)
	for _, c := range citizens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start.Wait()
			res := w.book(c, s, 1)
			statuses <- res.Status
			if res.Status == 409 {
				codes <- res.Problem(t).Code
			}
		}()
	}
	start.Done()
	wg.Wait()
	close(statuses)
	close(codes)
	byStatus := map[int]int{}
	for st := range statuses {
		byStatus[st]++
	}
	for c := range codes {
		if c != "slot_full" {
			t.Fatalf("409 with code %q", c)
		}
	}
	if byStatus[201] != 10 || byStatus[409] != 490 {
		t.Fatalf("statuses %v", byStatus)
	}
	if counter, live := w.liveSeats(t, s); counter != 10 || live != 10 {
		t.Fatalf("counter %d, live bookings %d", counter, live)
	}
}

// One citizen tapping "book" twice at once (or in two slots) ends with one booking.
func TestOneLiveBookingPerCitizenUnderARace(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 10)
	c := w.e.NewUser(w.ward, auth.RoleCitizen)
	var wg sync.WaitGroup
	results := make(chan *testkit.Response, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- w.book(c, s, i%4)
		}()
	}
	wg.Wait()
	close(results)
	ok := 0
	for r := range results {
		switch {
		case r.Status == 201:
			ok++
		case r.Status == 409 && r.Problem(t).Code == "already_booked":
		default:
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	}
	if counter, live := w.liveSeats(t, s); ok != 1 || counter != 1 || live != 1 {
		t.Fatalf("ok %d, counter %d, live %d", ok, counter, live)
	}
}

// Cancelling frees the place at once; cancel and rebook racing keep the counter equal to the
// live bookings and never above capacity.
func TestCancelAndRebookRaces(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 3)
	holders := make([]testkit.User, 3)
	bookings := make([]api.Booking, 3)
	for i := range holders {
		holders[i] = w.e.NewUser(w.ward, auth.RoleCitizen)
		w.book(holders[i], s, 0).JSON(t, &bookings[i])
	}
	if r := w.book(w.e.NewUser(w.ward, auth.RoleCitizen), s, 0); r.Status != 409 {
		t.Fatalf("4th booking: %d", r.Status)
	}
	waiting := make([]testkit.User, 30)
	for i := range waiting {
		waiting[i] = w.e.NewUser(w.ward, auth.RoleCitizen)
	}
	var wg sync.WaitGroup
	for i, h := range holders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/bookings/" + bookings[i].Id.String() + "/transitions",
				Token: w.e.Token(h), Body: map[string]any{"to": "cancelled"}})
		}()
	}
	for _, c := range waiting {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if r := w.book(c, s, 0); r.Status != 201 && r.Status != 409 {
				t.Errorf("rebook: %d %s", r.Status, r.Body)
			}
		}()
	}
	wg.Wait()
	counter, live := w.liveSeats(t, s)
	if counter != live || live > 3 {
		t.Fatalf("counter %d, live bookings %d (capacity 3)", counter, live)
	}
	// Cancelling twice is an illegal move, not a second freed seat.
	w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/bookings/" + bookings[0].Id.String() + "/transitions",
		Token: w.e.Token(holders[0]), Body: map[string]any{"to": "cancelled"}})
	if c2, l2 := w.liveSeats(t, s); c2 != counter || l2 != live {
		t.Fatalf("double cancel moved the counter: %d/%d", c2, l2)
	}
}

func TestCapacityCannotShrinkBelowBookings(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 5)
	for i := 0; i < 3; i++ {
		w.book(w.e.NewUser(w.ward, auth.RoleCitizen), s, 2)
	}
	p := w.e.Expect(409, testkit.Req{Method: "PATCH", Path: "/v1/sessions/" + s.Id.String(), Token: w.e.Token(w.officer),
		Body: map[string]any{"capacity_per_slot": 2}}).Problem(t)
	if p.Code != "capacity_below_booked" {
		t.Fatalf("code %q", p.Code)
	}
	var after api.Session
	w.e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/sessions/" + s.Id.String(), Token: w.e.Token(w.officer),
		Body: map[string]any{"capacity_per_slot": 3, "venue": "Trường tiểu học Bến Thành"}}).JSON(t, &after)
	if after.Slots[2].Remaining != 0 || after.Slots[0].Capacity != 3 || after.Venue != "Trường tiểu học Bến Thành" {
		t.Fatalf("after %+v", after)
	}
}

func TestCheckInCompleteAndCancel(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 5)
	came, stayedHome := w.e.NewUser(w.ward, auth.RoleCitizen), w.e.NewUser(w.ward, auth.RoleCitizen)
	var b1, b2 api.Booking
	w.book(came, s, 0).JSON(t, &b1)
	w.book(stayedHome, s, 1).JSON(t, &b2)
	path := "/v1/sessions/" + s.Id.String() + "/check-ins"
	// Not the session's day yet.
	w.e.Expect(409, testkit.Req{Method: "POST", Path: path, Token: w.e.Token(w.volunteer), Body: map[string]any{"code": b1.Code}})
	w.e.Clock.Set(time.Date(2026, 11, 28, 7, 40, 0, 0, calendar.Location))
	// A volunteer not on duty may not; the one on duty may, by code (case-insensitive), twice harmlessly.
	other := w.e.NewUser(w.ward, auth.RoleVolunteer)
	if p := w.e.Expect(403, testkit.Req{Method: "POST", Path: path, Token: w.e.Token(other), Body: map[string]any{"code": b1.Code}}).Problem(t); p.Code != "not_on_duty" {
		t.Fatalf("code %q", p.Code)
	}
	for i := 0; i < 2; i++ {
		var got api.Booking
		w.e.Expect(200, testkit.Req{Method: "POST", Path: path, Token: w.e.Token(w.volunteer), Body: map[string]any{"code": b1.Code}}).JSON(t, &got)
		if got.Status != "checked_in" || got.CheckedInAt == nil {
			t.Fatalf("check-in %+v", got)
		}
	}
	w.e.Expect(422, testkit.Req{Method: "POST", Path: path, Token: w.e.Token(w.volunteer), Body: map[string]any{"code": "ZZZZZZ"}})
	var walkIn api.Booking
	w.e.Expect(200, testkit.Req{Method: "POST", Path: path, Token: w.e.Token(w.volunteer), Body: map[string]any{"name": "Bà Năm", "phone": "0912000111"}}).JSON(t, &walkIn)
	if !walkIn.WalkIn || walkIn.SlotStartsAt != nil || walkIn.Name == nil || *walkIn.Name != "Bà Năm" {
		t.Fatalf("walk-in %+v", walkIn)
	}
	// The citizen cannot cancel once it started; completing before the end is refused.
	w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/bookings/" + b2.Id.String() + "/transitions", Token: w.e.Token(stayedHome), Body: map[string]any{"to": "cancelled"}})
	w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": "completed"}})
	w.e.Clock.Set(time.Date(2026, 11, 28, 10, 0, 0, 0, calendar.Location))
	var done api.Session
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": "completed"}}).JSON(t, &done)
	if done.Status != "completed" || done.Attendance != (api.Attendance{Booked: 2, CheckedIn: 2, WalkIns: 1, NoShow: 1, Cancelled: 0}) {
		t.Fatalf("completed %+v", done.Attendance)
	}
	w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": "cancelled"}})
}

func TestCancellingASessionCancelsBookingsAndTellsEveryone(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 5)
	var booked []testkit.User
	for i := 0; i < 4; i++ {
		c := w.e.NewUser(w.ward, auth.RoleCitizen)
		w.book(c, s, i%4)
		booked = append(booked, c)
	}
	var after api.Session
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/transitions", Token: w.e.Token(w.officer),
		Body: map[string]any{"to": "cancelled", "note": "Mưa bão"}}).JSON(t, &after)
	if after.Status != "cancelled" || after.Attendance.Cancelled != 4 {
		t.Fatalf("after %+v", after)
	}
	for _, c := range booked {
		if n := w.e.Count("SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'session.cancelled' AND body_vi LIKE '%Mưa bão%'", c.ID); n != 1 {
			t.Fatalf("citizen told %d times", n)
		}
	}
	if counter, live := w.liveSeats(t, s); counter != 0 || live != 0 {
		t.Fatalf("counter %d live %d", counter, live)
	}
	if r := w.book(w.e.NewUser(w.ward, auth.RoleCitizen), s, 0); r.Status != 409 || r.Problem(t).Code != "session_not_open" {
		t.Fatalf("booking a cancelled session: %d", r.Status)
	}
}

// Two workers run the reminder job at the same moment: every booking is reminded exactly once.
func TestRemindersExactlyOnceWithTwoWorkers(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 10)
	for i := 0; i < 25; i++ {
		w.book(w.e.NewUser(w.ward, auth.RoleCitizen), s, i%4)
	}
	w.e.Clock.Set(time.Date(2026, 11, 27, 18, 0, 0, 0, calendar.Location)) // Friday evening
	var wg sync.WaitGroup
	counts := make(chan int, 20)
	for worker := 0; worker < 2; worker++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 10; round++ {
				n, err := w.e.App.Sessions.SendReminders(t.Context())
				if err != nil {
					t.Error(err)
				}
				counts <- n
			}
		}()
	}
	wg.Wait()
	close(counts)
	total := 0
	for n := range counts {
		total += n
	}
	if total != 25 || w.e.Count("SELECT count(*) FROM notifications WHERE type = 'booking.reminder'") != 25 ||
		w.e.Count("SELECT count(DISTINCT user_id) FROM notifications WHERE type = 'booking.reminder'") != 25 {
		t.Fatalf("reminded %d times for 25 bookings", total)
	}
}

func TestIsolationAcrossCitizensAndWards(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 5)
	owner, other := w.e.NewUser(w.ward, auth.RoleCitizen), w.e.NewUser(w.ward, auth.RoleCitizen)
	var b api.Booking
	w.book(owner, s, 0).JSON(t, &b)
	wardB := w.e.NewWard("00070", 1)
	officerB, citizenB := w.e.NewUser(wardB, auth.RoleOfficer), w.e.NewUser(wardB, auth.RoleCitizen)
	cancel := testkit.Req{Method: "POST", Path: "/v1/bookings/" + b.Id.String() + "/transitions", Body: map[string]any{"to": "cancelled"}}
	for _, u := range []testkit.User{other, officerB} {
		cancel.Token = w.e.Token(u)
		w.e.Expect(404, cancel)
	}
	cancel.Token = ""
	w.e.Expect(401, cancel)
	// Another ward's citizen cannot book, another ward's officer cannot manage or list.
	if r := w.book(citizenB, s, 0); r.Status != 404 {
		t.Fatalf("other ward's citizen booking: %d", r.Status)
	}
	w.e.Expect(404, testkit.Req{Method: "PATCH", Path: "/v1/sessions/" + s.Id.String(), Token: w.e.Token(officerB), Body: map[string]any{"venue": "x"}})
	w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/sessions/" + s.Id.String() + "/bookings", Token: w.e.Token(officerB)})
	w.e.Expect(404, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/transitions", Token: w.e.Token(officerB), Body: map[string]any{"to": "cancelled"}})
	// A citizen lists only their own bookings; staff of the ward see the session's list.
	var mine api.BookingList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/me/bookings", Token: w.e.Token(other)}).JSON(t, &mine)
	if len(mine.Items) != 0 {
		t.Fatalf("other citizen sees %+v", mine.Items)
	}
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/me/bookings", Token: w.e.Token(owner)}).JSON(t, &mine)
	if len(mine.Items) != 1 || mine.Items[0].Code != b.Code {
		t.Fatalf("owner sees %+v", mine.Items)
	}
	var list api.BookingList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/sessions/" + s.Id.String() + "/bookings", Token: w.e.Token(w.volunteer)}).JSON(t, &list)
	if len(list.Items) != 1 {
		t.Fatalf("staff list %+v", list.Items)
	}
}

// The booking lifecycle: booked → checked_in | cancelled | no_show, and nothing else.
func TestBookingMovesByState(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 5)
	mk := func() (testkit.User, api.Booking) {
		c := w.e.NewUser(w.ward, auth.RoleCitizen)
		var b api.Booking
		w.book(c, s, 0).JSON(t, &b)
		return c, b
	}
	cancel := func(c testkit.User, b api.Booking) int {
		return w.e.Do(testkit.Req{Method: "POST", Path: "/v1/bookings/" + b.Id.String() + "/transitions", Token: w.e.Token(c), Body: map[string]any{"to": "cancelled"}}).Status
	}
	checkIn := func(b api.Booking) int {
		return w.e.Do(testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/check-ins", Token: w.e.Token(w.officer), Body: map[string]any{"code": b.Code}}).Status
	}
	cancelledC, cancelled := mk()
	checkedC, checked := mk()
	if st := cancel(cancelledC, cancelled); st != 200 {
		t.Fatalf("cancel booked: %d", st)
	}
	// An officer may cancel for a citizen (e.g. after a phone call) — but not twice.
	staffCancelC, staffCancel := mk()
	if st := w.e.Do(testkit.Req{Method: "POST", Path: "/v1/bookings/" + staffCancel.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": "cancelled"}}).Status; st != 200 {
		t.Fatalf("officer cancel: %d", st)
	}
	if st := cancel(staffCancelC, staffCancel); st != 409 {
		t.Fatalf("cancel cancelled: %d", st)
	}
	w.e.Clock.Set(time.Date(2026, 11, 28, 7, 35, 0, 0, calendar.Location))
	if st := checkIn(cancelled); st != 409 {
		t.Fatalf("check in a cancelled booking: %d", st)
	}
	if st := checkIn(checked); st != 200 {
		t.Fatalf("check in: %d", st)
	}
	if st := w.e.Do(testkit.Req{Method: "POST", Path: "/v1/bookings/" + checked.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": "cancelled"}}).Status; st != 409 {
		t.Fatalf("cancel a checked-in booking: %d", st)
	}
	_ = checkedC
	w.e.Clock.Set(time.Date(2026, 11, 28, 12, 0, 0, 0, calendar.Location))
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": "completed"}})
	states := map[string]string{}
	rows, _ := w.e.Pool.Query(t.Context(), "SELECT code, status FROM bookings WHERE session_id = $1", s.Id)
	for rows.Next() {
		var code, st string
		rows.Scan(&code, &st)
		states[code] = st
	}
	rows.Close()
	if states[cancelled.Code] != "cancelled" || states[checked.Code] != "checked_in" || states[staffCancel.Code] != "cancelled" {
		t.Fatalf("states %v", states)
	}
	if counter, live := w.liveSeats(t, s); counter != live {
		t.Fatalf("counter %d, live %d", counter, live)
	}
}

func TestBookingQR(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 5)
	c, other := w.e.NewUser(w.ward, auth.RoleCitizen), w.e.NewUser(w.ward, auth.RoleCitizen)
	var b api.Booking
	w.book(c, s, 0).JSON(t, &b)
	res := w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/bookings/" + b.Id.String() + "/qr.png", Token: w.e.Token(c)})
	if len(res.Body) < 100 || string(res.Body[1:4]) != "PNG" {
		t.Fatalf("not a PNG: %d bytes", len(res.Body))
	}
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/bookings/" + b.Id.String() + "/qr.png", Token: w.e.Token(w.volunteer)})
	w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/bookings/" + b.Id.String() + "/qr.png", Token: w.e.Token(other)})
	w.e.Expect(401, testkit.Req{Method: "GET", Path: "/v1/bookings/" + b.Id.String() + "/qr.png"})
}

// A full slot whose holders all cancel while others try to book it: the counter never passes
// the capacity and always equals the live bookings, and once the cancellations have committed
// the freed seats are offered at once (no "full" remembered from before them is answered).
func TestCancellationsRaceBookingsOnAFullSlot(t *testing.T) {
	w := newWorld(t)
	const capacity = 5
	s := w.schedule(t, capacity)
	holders := make([]testkit.User, capacity)
	bookings := make([]api.Booking, capacity)
	for i := range holders {
		holders[i] = w.e.NewUser(w.ward, auth.RoleCitizen)
		w.book(holders[i], s, 2).JSON(t, &bookings[i])
	}
	newcomers := make([]testkit.User, 60)
	for i := range newcomers {
		newcomers[i] = w.e.NewUser(w.ward, auth.RoleCitizen)
	}
	// The slot is known full: refusals now come from the remembered answer.
	for _, c := range newcomers[:3] {
		if r := w.book(c, s, 2); r.Status != 409 || r.Problem(t).Code != "slot_full" {
			t.Fatalf("booking a full slot: %d %s", r.Status, r.Body)
		}
	}
	var start, wg sync.WaitGroup
	start.Add(1)
	won := make(chan int, len(newcomers))
	for i, h := range holders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start.Wait()
			w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/bookings/" + bookings[i].Id.String() + "/transitions",
				Token: w.e.Token(h), Body: map[string]any{"to": "cancelled"}})
		}()
	}
	for i, c := range newcomers[3:40] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start.Wait()
			switch r := w.book(c, s, 2); {
			case r.Status == 201:
				won <- i
			case r.Status == 409 && r.Problem(t).Code == "slot_full":
			default:
				t.Errorf("booking during the cancellations: %d %s", r.Status, r.Body)
			}
		}()
	}
	start.Done()
	wg.Wait()
	close(won)
	counter, live := w.liveSeats(t, s)
	if counter != live || live > capacity || live != len(won) {
		t.Fatalf("counter %d, live bookings %d, won %d (capacity %d)", counter, live, len(won), capacity)
	}
	// Every seat still free is bookable now, one by one, and then the slot is full again.
	for _, c := range newcomers[40 : 40+capacity-live] {
		if r := w.book(c, s, 2); r.Status != 201 {
			t.Fatalf("a freed seat refused after the cancellations committed: %d %s", r.Status, r.Body)
		}
	}
	if r := w.book(newcomers[59], s, 2); r.Status != 409 {
		t.Fatalf("booking past capacity: %d %s", r.Status, r.Body)
	}
	if counter, live := w.liveSeats(t, s); counter != capacity || live != capacity {
		t.Fatalf("counter %d, live bookings %d (capacity %d)", counter, live, capacity)
	}
}
