package pickup_test

import (
	"net/http"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A representative (người được ủy quyền) books a home pickup for the applicant they act for: the
// pickup is the applicant's, who gets its messages; the representative sees, follows and may
// cancel it. A stranger, another ward, and the representative once the link is revoked are
// refused.
func TestRepresentativeBooksAPickup(t *testing.T) {
	w := newWorld(t)
	e := w.e
	vol := w.volunteer(t, true)
	relative, stranger := e.NewUser(w.ward, auth.RoleCitizen), e.NewUser(w.ward, auth.RoleCitizen)
	wardB := e.NewWard("00070", 1)
	citizenB, officerB := e.NewUser(wardB, auth.RoleCitizen), e.NewUser(wardB, auth.RoleOfficer)
	forApplicant := w.body(map[string]any{"citizen_id": w.citizen.ID})
	refused := func(u testkit.User) {
		t.Helper()
		vi, _ := e.ExpectProblem(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: e.Token(u), Body: forApplicant})
		if len(vi.Errors) == 0 || vi.Errors[0].Field != "citizen_id" || vi.Errors[0].Code != "not_represented" || vi.Errors[0].Message == "" {
			t.Errorf("%s: %+v", u.Phone, vi.Errors)
		}
	}
	listed := func(u testkit.User) int {
		t.Helper()
		var l api.PickupList
		e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/pickups", Token: e.Token(u)}).JSON(t, &l)
		return len(l.Items)
	}
	refused(relative) // no link yet
	var link api.Representation
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/representations", Token: e.Token(w.officer),
		Body: map[string]any{"representative_id": relative.ID, "applicant_id": w.citizen.ID, "relationship": "con trai",
			"consent_note": "Ông/bà ký giấy ủy quyền tại Trung tâm"}}).JSON(t, &link)
	refused(stranger)
	refused(citizenB)

	var p api.Pickup
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: e.Token(relative), Body: forApplicant}).JSON(t, &p)
	if p.CitizenId == nil || *p.CitizenId != w.citizen.ID || p.Status != "assigned" {
		t.Fatalf("booked for %v, status %s", p.CitizenId, p.Status)
	}
	if n := e.Count("SELECT count(*) FROM pickups WHERE id = $1 AND created_by = $2", p.Id, relative.ID); n != 1 {
		t.Fatal("the representative is not recorded as who asked")
	}
	path := "/v1/pickups/" + p.Id.String()
	for _, u := range []testkit.User{relative, w.citizen} {
		e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: path, Token: e.Token(u)})
		if n := listed(u); n != 1 {
			t.Fatalf("%s lists %d pickups, want 1", u.Phone, n)
		}
	}
	for _, u := range []testkit.User{stranger, citizenB, officerB} {
		e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: path, Token: e.Token(u)})
		if u.Role == auth.RoleCitizen && listed(u) != 0 {
			t.Fatalf("%s lists the pickup", u.Phone)
		}
		if r := w.move(u, p, map[string]any{"to": "cancelled"}); r.Status != http.StatusNotFound {
			t.Fatalf("%s cancelled: %d", u.Phone, r.Status)
		}
	}
	// The applicant gets the pickup's messages, the representative none.
	if r := w.move(vol, p, map[string]any{"to": "accepted"}); r.Status != http.StatusOK {
		t.Fatalf("accept: %d", r.Status)
	}
	if n := e.Count("SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'pickup.accepted'", w.citizen.ID); n != 1 {
		t.Fatalf("the applicant got %d acceptance messages", n)
	}
	if n := e.Count("SELECT count(*) FROM notifications WHERE user_id = $1", relative.ID); n != 0 {
		t.Fatalf("the representative got %d messages", n)
	}
	// The representative may call it off; the confirmation of the form stays the applicant's.
	var cancelled api.Pickup
	if r := w.move(relative, p, map[string]any{"to": "cancelled", "reason": "Bà đã tự đến Trung tâm"}); r.Status != http.StatusOK {
		t.Fatalf("the representative could not cancel: %d", r.Status)
	} else {
		r.JSON(t, &cancelled)
	}
	if cancelled.Status != "cancelled" {
		t.Fatalf("status %s", cancelled.Status)
	}

	// Revoked: the representative neither books, sees nor lists the applicant's pickups any more.
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/representations/" + link.Id.String() + "/transitions",
		Token: e.Token(w.citizen), Body: map[string]any{"to": "revoked"}})
	refused(relative)
	e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: path, Token: e.Token(relative)})
	if n := listed(relative); n != 0 {
		t.Fatalf("after revocation the representative lists %d pickups", n)
	}
}
