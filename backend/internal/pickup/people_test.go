package pickup_test

import (
	"context"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func (w *world) body(change map[string]any) map[string]any {
	b := map[string]any{"address": "25 Lê Thánh Tôn", "neighborhood_id": w.ward.Neighborhoods[0], "reason": "elderly",
		"procedure_id": w.proc, "preferred_date": "2026-11-26", "window_start": "09:00", "window_end": "11:00", "contact_phone": "0901000101"}
	for k, v := range change {
		b[k] = v
	}
	return b
}

// No home pickup on a public holiday of the ward's calendar, nor on a day the ward itself made a
// day off, whoever asks; the refusal names the rule in both languages.
func TestPickupRefusedOnHolidays(t *testing.T) {
	w := newWorld(t)
	w.e.Clock.Set(time.Date(2026, 8, 25, 8, 0, 0, 0, calendar.Location))
	y := calendar.National(2026)
	y.Holidays = append(append([]calendar.Day{}, y.Holidays...), calendar.Day{Date: "2026-08-28", Name: "Ngày nghỉ của phường"})
	if err := w.e.App.Calendars.Replace(context.Background(), w.ward.ID, w.officer.ID, 2026, y); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2026-09-02", "2026-09-01", "2026-08-28"} {
		for _, u := range []testkit.User{w.citizen, w.officer} {
			change := map[string]any{"preferred_date": day}
			if u.Role == auth.RoleOfficer {
				change["citizen_id"] = w.citizen.ID
			}
			vi, en := w.e.ExpectProblem(422, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: w.e.Token(u), Body: w.body(change)})
			if len(vi.Errors) != 1 || vi.Errors[0].Field != "preferred_date" || vi.Errors[0].Code != "pickup_holiday" ||
				vi.Errors[0].Message != "Không tiếp nhận hồ sơ tại nhà vào ngày nghỉ lễ, Tết" ||
				en.Errors[0].Message != "There are no home pickups on public holidays" {
				t.Errorf("%s by %s: vi %+v / en %+v", day, u.Role, vi.Errors, en.Errors)
			}
		}
	}
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: w.e.Token(w.citizen), Body: w.body(map[string]any{"preferred_date": "2026-09-03"})})
}

// An officer asks, after a hotline call, for a person without an account: the pickup carries
// their name and phone, the ward's volunteers and officers see it, no citizen does, and the
// hand-over makes a dossier for that name and phone.
func TestOfficerRequestsForAPersonWithoutAccount(t *testing.T) {
	w := newWorld(t)
	vol := w.volunteer(t, true)
	var p api.Pickup
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: w.e.Token(w.officer), Body: w.body(map[string]any{
		"applicant_name": "  Trần Thị Hoa ", "applicant_phone": "0912 345 678"})}).JSON(t, &p)
	if p.CitizenId != nil || p.ApplicantName == nil || *p.ApplicantName != "Trần Thị Hoa" || p.ApplicantPhone == nil ||
		*p.ApplicantPhone != "+84912345678" || p.Status != "assigned" {
		t.Fatalf("created %+v", p)
	}
	// Without a phone of their own, the person is reached on the contact phone.
	var q api.Pickup
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: w.e.Token(w.officer), Body: w.body(map[string]any{
		"applicant_name": "Lê Văn Nam"})}).JSON(t, &q)
	if q.ApplicantPhone == nil || *q.ApplicantPhone != "+84901000101" {
		t.Fatalf("phone defaulted to %v", q.ApplicantPhone)
	}

	otherCitizen := w.e.NewUser(w.ward, auth.RoleCitizen)
	wardB := w.e.NewWard("00070", 1)
	officerB := w.e.NewUser(wardB, auth.RoleOfficer)
	for _, u := range []testkit.User{w.citizen, otherCitizen, officerB} {
		w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(u)})
		if r := w.move(u, p, map[string]any{"to": "cancelled", "reason": "thử"}); r.Status != 404 {
			t.Fatalf("%s cancelled it: %d", u.Role, r.Status)
		}
	}
	w.e.Expect(401, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String()})
	var list api.PickupList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups", Token: w.e.Token(w.citizen)}).JSON(t, &list)
	if len(list.Items) != 0 {
		t.Fatalf("a citizen lists %d pickups of others", len(list.Items))
	}
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(w.officer)})
	var seen api.Pickup
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(vol)}).JSON(t, &seen)
	if seen.ApplicantName == nil || seen.ApplicantPhone == nil {
		t.Fatal("the volunteer holding it cannot see whom to call")
	}

	// The volunteer does the round; the person confirms in person; the dossier is theirs by name.
	for _, body := range []map[string]any{{"to": "accepted"}, {"to": "en_route"},
		{"to": "collected", "collected_documents": []string{"Tờ khai đăng ký khai sinh"}, "confirmed_in_person": true}, {"to": "handed_over"}} {
		if r := w.move(vol, p, body); r.Status != 200 {
			t.Fatalf("%v: %d %s", body, r.Status, r.Body)
		}
	}
	if n := w.e.Count(`SELECT count(*) FROM dossiers d JOIN pickups p ON p.dossier_id = d.id WHERE p.id = $1 AND d.applicant_id IS NULL
		AND d.applicant_name = 'Trần Thị Hoa' AND d.applicant_phone = '+84912345678' AND d.channel = 'home_pickup' AND d.status = $2`,
		p.Id, "submitted"); n != 1 {
		t.Fatal("the hand-over did not make the dossier for the name and phone")
	}
	// Without an account the person is told on their phone (issue 16): Zalo jobs, no inbox.
	if n := w.e.Count(`SELECT count(*) FROM message_jobs j JOIN notifications n ON n.id = j.notification_id
		WHERE n.user_id IS NULL AND j.channel = 'zns' AND j.phone = '+84912345678' AND j.ward_id = $1
		AND n.type IN ('pickup.accepted', 'pickup.en_route', 'pickup.handed_over')`, w.ward.ID); n != 3 {
		t.Fatalf("%d Zalo jobs for the person without an account, want 3", n)
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE type LIKE 'pickup.%' AND user_id IS NOT NULL AND user_id NOT IN ($1, $2)", vol.ID, w.officer.ID); n != 0 {
		t.Fatalf("%d pickup notifications to someone else", n)
	}
}

// Only officers may name someone else: a citizen cannot ask for another person, with or without
// an account, unless they represent that citizen (representative_test.go), and an officer must say
// who it is for.
func TestWhoAPickupIsFor(t *testing.T) {
	w := newWorld(t)
	other := w.e.NewUser(w.ward, auth.RoleCitizen)
	wardB := w.e.NewWard("00070", 1)
	citizenB := w.e.NewUser(wardB, auth.RoleCitizen)
	for _, c := range []struct {
		who         testkit.User
		change      map[string]any
		field, code string
	}{
		{w.citizen, map[string]any{"applicant_name": "Trần Thị Hoa", "applicant_phone": "0912345678"}, "applicant_name", "officers_only"},
		{w.citizen, map[string]any{"citizen_id": other.ID}, "citizen_id", "not_represented"}, // no representation held
		{w.officer, map[string]any{}, "applicant_name", "citizen_or_applicant"},
		{w.officer, map[string]any{"applicant_phone": "0912345678"}, "applicant_name", "citizen_or_applicant"},
		{w.officer, map[string]any{"citizen_id": w.citizen.ID, "applicant_name": "Trần Thị Hoa"}, "citizen_id", "citizen_or_applicant"},
		{w.officer, map[string]any{"citizen_id": citizenB.ID}, "citizen_id", "unknown_citizen"},
		{w.officer, map[string]any{"applicant_name": "   "}, "applicant_name", "blank"},
		{w.officer, map[string]any{"applicant_name": "Trần Thị Hoa", "applicant_phone": "12"}, "applicant_phone", "invalid_phone"},
	} {
		vi, _ := w.e.ExpectProblem(422, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: w.e.Token(c.who), Body: w.body(c.change)})
		if len(vi.Errors) == 0 || vi.Errors[0].Field != c.field || vi.Errors[0].Code != c.code || vi.Errors[0].Message == "" {
			t.Errorf("%s %v: %+v", c.who.Role, c.change, vi.Errors)
		}
	}
	if n := w.e.Count("SELECT count(*) FROM pickups"); n != 0 {
		t.Fatalf("%d pickups created", n)
	}
}

// While a request for a person without an account is open to the neighbourhood, its volunteers
// see where and when, but the person's name and phone only once one of them holds it.
func TestOpenRequestHidesThePerson(t *testing.T) {
	w := newWorld(t)
	w.e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/pickup-settings", Token: w.e.Token(w.officer), Body: map[string]any{"dispatch_mode": "open", "escalate_after_minutes": 60}})
	a, b := w.volunteer(t, true), w.volunteer(t, true)
	var p api.Pickup
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: w.e.Token(w.officer), Body: w.body(map[string]any{
		"applicant_name": "Trần Thị Hoa", "applicant_phone": "0912345678"})}).JSON(t, &p)
	var seen api.Pickup
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(b)}).JSON(t, &seen)
	if seen.ApplicantName != nil || seen.ApplicantPhone != nil || seen.ContactPhone != nil {
		t.Fatalf("an open request shows the person: %+v", seen)
	}
	w.move(a, p, map[string]any{"to": "accepted"}).JSON(t, &seen)
	if seen.ApplicantName == nil || *seen.ApplicantName != "Trần Thị Hoa" {
		t.Fatalf("the holder cannot see the person: %+v", seen)
	}
	w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(b)})
}

// The volunteer at the door is told whom to ask for: the account holder's name, in the task and
// in the list, once they hold it; a volunteer who does not hold it sees neither name nor phones.
func TestVolunteerSeesTheAccountHoldersName(t *testing.T) {
	w := newWorld(t)
	var want string
	if err := w.e.Pool.QueryRow(context.Background(), "SELECT full_name FROM users WHERE id = $1", w.citizen.ID).Scan(&want); err != nil {
		t.Fatal(err)
	}
	p := w.request(t)
	vol, other := w.volunteer(t, true), w.volunteer(t, true)
	if r := w.move(vol, p, map[string]any{"to": "accepted"}); r.Status != 200 {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	var seen api.Pickup
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(vol)}).JSON(t, &seen)
	if seen.ApplicantName == nil || *seen.ApplicantName != want {
		t.Fatalf("holder sees applicant_name %v, want %q", seen.ApplicantName, want)
	}
	var list api.PickupList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups", Token: w.e.Token(vol)}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].ApplicantName == nil || *list.Items[0].ApplicantName != want {
		t.Fatalf("holder's list: %+v", list.Items)
	}
	res := w.e.Do(testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(other)})
	if res.Status == 200 {
		var o api.Pickup
		res.JSON(t, &o)
		if o.ApplicantName != nil || o.ContactPhone != nil {
			t.Fatalf("a volunteer who does not hold it sees %v / %v", o.ApplicantName, o.ContactPhone)
		}
	}
}
