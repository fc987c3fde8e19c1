package session_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The staff's list of a session's bookings names each person (the account holder, or the
// walk-in) with the slot, status and check-in time; the phone goes to the office's officers
// and admins, not to volunteers; citizens still see only their own bookings, without names.
func TestStaffBookingsShowThePerson(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 5)
	admin := w.e.NewUser(w.ward, auth.RoleAdmin)
	citizen := w.e.NewUser(w.ward, auth.RoleCitizen)
	var b api.Booking
	w.book(citizen, s, 1).JSON(t, &b)
	w.e.Clock.Set(time.Date(2026, 11, 28, 7, 40, 0, 0, calendar.Location))
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/check-ins", Token: w.e.Token(w.officer), Body: map[string]any{"code": b.Code}})
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/check-ins", Token: w.e.Token(w.officer),
		Body: map[string]any{"name": "Trần Thị Bốn", "phone": "0912 345 678"}})

	list := func(u testkit.User) map[string]api.Booking {
		var l api.BookingList
		w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/sessions/" + s.Id.String() + "/bookings", Token: w.e.Token(u)}).JSON(t, &l)
		out := map[string]api.Booking{}
		for _, x := range l.Items {
			key := "walk-in"
			if !x.WalkIn {
				key = x.Code
			}
			out[key] = x
		}
		if len(out) != 2 {
			t.Fatalf("%s sees %+v", u.Role, l.Items)
		}
		return out
	}
	for _, u := range []testkit.User{w.officer, admin} {
		got := list(u)
		booked, walkIn := got[b.Code], got["walk-in"]
		if booked.Name == nil || *booked.Name != fullName(t, w.e, citizen) || booked.Phone == nil || *booked.Phone != citizen.Phone ||
			booked.SlotStartsAt == nil || !booked.SlotStartsAt.Equal(s.Slots[1].StartsAt) || booked.Status != api.BookingStatusCheckedIn ||
			booked.CheckedInAt == nil || !booked.CheckedInAt.Equal(w.e.Clock.Now()) {
			t.Fatalf("%s sees the booking as %+v", u.Role, booked)
		}
		if walkIn.Name == nil || *walkIn.Name != "Trần Thị Bốn" || walkIn.Phone == nil || *walkIn.Phone != "+84912345678" || walkIn.SlotStartsAt != nil {
			t.Fatalf("%s sees the walk-in as %+v", u.Role, walkIn)
		}
	}
	// A volunteer greets people by name but has no call to make: no phones.
	for _, x := range list(w.volunteer) {
		if x.Name == nil || *x.Name == "" || x.Phone != nil {
			t.Fatalf("volunteer sees %+v", x)
		}
	}
	// The citizen's own list has neither their name nor phone echoed, nor anyone else's.
	var mine api.BookingList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/me/bookings", Token: w.e.Token(citizen)}).JSON(t, &mine)
	if len(mine.Items) != 1 || mine.Items[0].Name != nil || mine.Items[0].Phone != nil {
		t.Fatalf("citizen's own list %+v", mine.Items)
	}
}

// Who may not read the staff's list: a citizen (even the one who booked), another ward's
// staff (as if the session did not exist), an anonymous caller.
func TestStaffBookingsRefusedToOthers(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 5)
	citizen := w.e.NewUser(w.ward, auth.RoleCitizen)
	if r := w.book(citizen, s, 0); r.Status != http.StatusCreated {
		t.Fatalf("booking: %d", r.Status)
	}
	wardB := w.e.NewWard("00070", 1)
	path := "/v1/sessions/" + s.Id.String() + "/bookings"
	for _, role := range []string{auth.RoleVolunteer, auth.RoleOfficer, auth.RoleAdmin} {
		w.e.Expect(404, testkit.Req{Method: "GET", Path: path, Token: w.e.Token(w.e.NewUser(wardB, role))})
	}
	w.e.Expect(403, testkit.Req{Method: "GET", Path: path, Token: w.e.Token(citizen)})
	w.e.Expect(401, testkit.Req{Method: "GET", Path: path})
}

// The list costs the same number of queries for 2 bookings as for 20 (one join, no query per person).
func TestStaffBookingsQueriesDoNotGrowWithBookings(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 10)
	svc, qc := countedService(t, w.e)
	caller := auth.Principal{UserID: w.officer.ID, WardID: w.ward.ID, Role: auth.RoleOfficer}
	count := func(want int) int64 {
		t.Helper()
		before := qc.n.Load()
		page, err := svc.SessionBookings(context.Background(), caller, s.Id)
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != want {
			t.Fatalf("%d bookings listed, want %d", len(page.Items), want)
		}
		for _, b := range page.Items {
			if b.Name == nil || b.Phone == nil {
				t.Fatalf("booking without its person: %+v", b)
			}
		}
		return qc.n.Load() - before
	}
	for i := 0; i < 2; i++ {
		w.book(w.e.NewUser(w.ward, auth.RoleCitizen), s, i%4)
	}
	two := count(2)
	for i := 2; i < 20; i++ {
		w.book(w.e.NewUser(w.ward, auth.RoleCitizen), s, i%4)
	}
	if twenty := count(20); two != twenty || twenty > 2 {
		t.Fatalf("queries: %d for 2 bookings, %d for 20 (want the same, at most 2)", two, twenty)
	}
}

func fullName(t *testing.T, e *testkit.Env, u testkit.User) string {
	t.Helper()
	var n string
	if err := e.Pool.QueryRow(context.Background(), "SELECT full_name FROM users WHERE id = $1", u.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
