package accounts_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// Paging through 25 volunteers ten at a time gives 10, 10 and 5, newest first, each exactly
// once, and the ward's other accounts and other wards' volunteers never appear. An account
// created while paging does not shift later pages (the cursor is a position, not an offset).
func TestListUsersPagesNewestFirst(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w, other := e.NewWard("26734", 1), e.NewWard("00070", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	var created []uuid.UUID // in creation order
	for i := 0; i < 25; i++ {
		e.Clock.Advance(time.Second) // distinct created_at, so "newest first" is observable
		created = append(created, e.NewUser(w, auth.RoleVolunteer).ID)
		if i%5 == 0 { // noise in between: other roles, and volunteers of another ward
			e.NewUser(w, auth.RoleCitizen)
			e.NewUser(other, auth.RoleVolunteer)
		}
	}

	var got []api.User
	var sizes []int
	path := "/v1/users?role=volunteer&limit=10"
	for page := 0; ; page++ {
		if page == 5 {
			t.Fatalf("still paging after %d pages: %v", page, sizes)
		}
		var list api.UserList
		expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: path, Token: officer.Token}).JSON(t, &list)
		sizes = append(sizes, len(list.Items))
		got = append(got, list.Items...)
		if page == 0 {
			// A volunteer joining now is newer than every cursor: it must not show up later.
			e.Clock.Advance(time.Second)
			e.NewUser(w, auth.RoleVolunteer)
		}
		if list.NextCursor == nil {
			break
		}
		if *list.NextCursor == "" {
			t.Fatal("empty next_cursor: omit it instead")
		}
		path = "/v1/users?role=volunteer&limit=10&cursor=" + *list.NextCursor
	}
	if fmt.Sprint(sizes) != "[10 10 5]" {
		t.Fatalf("page sizes %v, want [10 10 5]", sizes)
	}
	for i, u := range got {
		want := created[len(created)-1-i]
		if u.Id != want {
			t.Fatalf("item %d is %s, want %s (newest first, no duplicates, no gaps)", i, u.Id, want)
		}
		if u.Role != api.Volunteer || u.WardId != w.ID {
			t.Fatalf("item %d = %+v", i, u)
		}
		if i > 0 && u.CreatedAt.After(got[i-1].CreatedAt) {
			t.Fatalf("item %d created %s after item %d (%s)", i, u.CreatedAt, i-1, got[i-1].CreatedAt)
		}
	}
}

// A cursor is only a position: handed to an officer of another ward it pages through that
// officer's own ward, never the ward it came from.
func TestListCursorDoesNotCrossWards(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	a, b := e.NewWard("26734", 1), e.NewWard("00070", 1)
	officerA, officerB := e.NewUser(a, auth.RoleOfficer), e.NewUser(b, auth.RoleOfficer)
	for i := 0; i < 3; i++ {
		e.NewUser(a, auth.RoleVolunteer)
		e.NewUser(b, auth.RoleVolunteer)
	}
	var pageA api.UserList
	expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/users?role=volunteer&limit=1", Token: officerA.Token}).JSON(t, &pageA)
	if pageA.NextCursor == nil {
		t.Fatal("no next_cursor on a full page")
	}
	var pageB api.UserList
	expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/users?role=volunteer&limit=100&cursor=" + *pageA.NextCursor, Token: officerB.Token}).JSON(t, &pageB)
	for _, u := range pageB.Items {
		if u.WardId != b.ID {
			t.Fatalf("ward A's cursor showed ward B's officer %+v", u)
		}
	}
}

// The staff's list says which volunteers are on duty (so the console can assign pickups to
// them); the field is absent for other roles.
func TestListUsersSaysWhichVolunteersAreOnDuty(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	on, off, never := e.NewUser(w, auth.RoleVolunteer), e.NewUser(w, auth.RoleVolunteer), e.NewUser(w, auth.RoleVolunteer)
	for _, x := range []struct {
		v    testkit.User
		duty bool
	}{{on, true}, {off, false}} {
		expect(t, e, http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + x.v.ID.String() + "/duty", Token: officer.Token, Body: map[string]any{"on_duty": x.duty}})
	}
	var list api.UserList
	expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/users?limit=100", Token: officer.Token}).JSON(t, &list)
	want := map[uuid.UUID]string{on.ID: "true", off.ID: "false", never.ID: "false", officer.ID: "absent"}
	for _, u := range list.Items {
		got := "absent"
		if u.OnDuty != nil {
			got = fmt.Sprint(*u.OnDuty)
		}
		if w, ok := want[u.Id]; ok && got != w {
			t.Errorf("%s (%s): on_duty %s, want %s", u.FullName, u.Role, got, w)
		}
	}
}
