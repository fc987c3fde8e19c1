package accounts_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The staff list searches on the server: words of the name typed without diacritics, in another
// case or order, or part of the phone number as people type it (with its leading 0, spaces,
// +84); LIKE's wildcards are literal; the role and active filters still apply; another ward's
// accounts never show, whoever matches there.
func TestListUsersSearch(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w, other := e.NewWard("26734", 1), e.NewWard("00070", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	named := func(ward testkit.Ward, role, name, phone string) string {
		u := e.NewUser(ward, role)
		if _, err := e.Pool.Exec(context.Background(), "UPDATE users SET full_name = $2, phone = $3 WHERE id = $1", u.ID, name, phone); err != nil {
			t.Fatal(err)
		}
		return name
	}
	an := named(w, auth.RoleVolunteer, "Nguyễn Văn An", "+84912345678")
	binh := named(w, auth.RoleOfficer, "ĐẶNG THỊ BÌNH", "+84987000111")
	named(w, auth.RoleVolunteer, "Trần 100% Lan", "+84903111222")
	named(other, auth.RoleVolunteer, "Nguyễn Văn Anh", "+84912345000")
	search := func(query string) []string {
		t.Helper()
		var l api.UserList
		expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/users?limit=100&" + query, Token: officer.Token}).JSON(t, &l)
		out := make([]string, 0, len(l.Items))
		for _, u := range l.Items {
			if u.WardId != w.ID {
				t.Fatalf("another ward's account %+v", u)
			}
			out = append(out, u.FullName)
		}
		sort.Strings(out)
		return out
	}
	q := func(s string) string { return "q=" + url.QueryEscape(s) }
	for _, c := range []struct {
		query string
		want  []string
	}{
		{q("nguyen van"), []string{an}},
		{q("  AN   nguyễn "), []string{an}},
		{q("dang thi binh"), []string{binh}},
		{q("Bình"), []string{binh}},
		{q("0912"), []string{an}},
		{q("912 345"), []string{an}},
		{q("0912 345 678"), []string{an}},
		{q("+84 912 345 678"), []string{an}},
		{q("84912345678"), []string{an}},
		{q("0987"), []string{binh}},
		{q("%"), []string{"Trần 100% Lan"}},
		{q("_"), nil},
		{q("không có ai"), nil},
		{q("nguyen") + "&role=officer", nil},
		{q("nguyen") + "&role=volunteer&active=true", []string{an}},
		{q("nguyen") + "&active=false", nil},
	} {
		if got := search(c.query); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.query, got, c.want)
		}
	}
	if got := search(q("   ") + "&role=volunteer"); len(got) != 2 {
		t.Errorf("a blank search filters: %v", got)
	}
	e.Expect(http.StatusBadRequest, testkit.Req{Method: "GET", Path: "/v1/users?" + q(string(bytes.Repeat([]byte("a"), 101))), Token: officer.Token})
	if strings.Contains(e.Log.String(), "912345") || strings.Contains(e.Log.String(), "912 345") {
		t.Fatal("a searched phone number reached the log")
	}
	e.Expect(http.StatusUnauthorized, testkit.Req{Method: "GET", Path: "/v1/users?" + q("nguyen")})
	e.Expect(http.StatusForbidden, testkit.Req{Method: "GET", Path: "/v1/users?" + q("nguyen"), Token: e.NewUser(w, auth.RoleCitizen).Token})
	e.Expect(http.StatusForbidden, testkit.Req{Method: "GET", Path: "/v1/users?" + q("nguyen"), Token: e.NewUser(w, auth.RoleVolunteer).Token})
}

// A search pages like the plain list: 30 matches, 10 at a time, each once.
func TestListUsersSearchPages(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	for i := 0; i < 30; i++ {
		u := e.NewUser(w, auth.RoleVolunteer)
		if _, err := e.Pool.Exec(context.Background(), "UPDATE users SET full_name = $2 WHERE id = $1", u.ID, fmt.Sprintf("Lê Thị Hoa %02d", i)); err != nil {
			t.Fatal(err)
		}
		e.NewUser(w, auth.RoleVolunteer) // not a match
	}
	seen := map[string]bool{}
	path := "/v1/users?q=le+thi+hoa&limit=10"
	for page := 0; page < 5; page++ {
		var l api.UserList
		expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: path, Token: officer.Token}).JSON(t, &l)
		for _, u := range l.Items {
			if seen[u.FullName] {
				t.Fatalf("%s twice", u.FullName)
			}
			seen[u.FullName] = true
		}
		if l.NextCursor == nil {
			break
		}
		path = "/v1/users?q=le+thi+hoa&limit=10&cursor=" + *l.NextCursor
	}
	if len(seen) != 30 {
		t.Fatalf("%d found, want 30", len(seen))
	}
}
