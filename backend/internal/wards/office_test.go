package wards_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	wardsfeature "github.com/motcuagandan/motcua/backend/internal/wards"
)

func TestOfficeNameDefault(t *testing.T) {
	custom := "Bộ phận một cửa UBND phường Bến Thành"
	blank := "  "
	for _, c := range []struct {
		ward string
		set  *string
		want string
	}{
		{"Phường Bến Thành", nil, "Trung tâm Phục vụ hành chính công phường Bến Thành"},
		{"Xã Bình Chánh", nil, "Trung tâm Phục vụ hành chính công xã Bình Chánh"},
		{"Đặc khu Côn Đảo", nil, "Trung tâm Phục vụ hành chính công đặc khu Côn Đảo"},
		{"Côn Đảo", nil, "Trung tâm Phục vụ hành chính công Côn Đảo"},
		{"Phường Bến Thành", &custom, custom},
		{"Phường Bến Thành", &blank, "Trung tâm Phục vụ hành chính công phường Bến Thành"},
	} {
		if got := wardsfeature.OfficeName(c.ward, c.set); got != c.want {
			t.Errorf("%s: %q, want %q", c.ward, got, c.want)
		}
	}
}

// The ward's admin names its receiving office (issue 11, "Words") and can go back to the default;
// the ward's answers show the name in effect; the change is audited. Nobody else may: another
// ward's admin finds nothing, the ward's officers and citizens are refused, anonymous callers
// must sign in; a blank or over-long name is refused in both languages.
func TestAdminSetsTheOfficeName(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	other := e.NewWard("00070", 1)
	admin, otherAdmin := e.NewUser(w, auth.RoleAdmin), e.NewUser(other, auth.RoleAdmin)
	path := "/v1/wards/" + w.ID.String()
	get := func() api.Ward {
		t.Helper()
		var out api.Ward
		e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: path}).JSON(t, &out)
		return out
	}
	def := get()
	if !strings.HasPrefix(def.OfficeName, "Trung tâm Phục vụ hành chính công ") || def.OfficeNameSet != nil {
		t.Fatalf("default %+v", def)
	}

	name := "Bộ phận Một cửa UBND phường Bến Thành"
	var set api.Ward
	e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(admin),
		Body: map[string]any{"office_name": "  " + name + " "}}).JSON(t, &set)
	if set.OfficeName != name || set.OfficeNameSet == nil || *set.OfficeNameSet != name {
		t.Fatalf("set %+v", set)
	}
	if g := get(); g.OfficeName != name {
		t.Fatalf("read back %+v", g)
	}
	var list api.WardList
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/wards"}).JSON(t, &list)
	for _, it := range list.Items {
		if (it.Id == w.ID) != (it.OfficeName == name) {
			t.Fatalf("listed %+v", it)
		}
	}
	if n := e.Count("SELECT count(*) FROM audit_events WHERE ward_id = $1 AND actor_id = $2 AND action = 'ward.office_name'", w.ID, admin.ID); n != 1 {
		t.Fatalf("%d audit rows", n)
	}

	// Refusals change nothing.
	for _, c := range []struct {
		status int
		token  string
		body   map[string]any
	}{
		{http.StatusUnauthorized, "", map[string]any{"office_name": "X"}},
		{http.StatusForbidden, e.Token(e.NewUser(w, auth.RoleOfficer)), map[string]any{"office_name": "X"}},
		{http.StatusForbidden, e.Token(e.NewUser(w, auth.RoleCitizen)), map[string]any{"office_name": "X"}},
		{http.StatusNotFound, e.Token(otherAdmin), map[string]any{"office_name": "X"}},
		{http.StatusNotFound, e.Token(otherAdmin), map[string]any{"office_name": nil}},
	} {
		e.Expect(c.status, testkit.Req{Method: "PATCH", Path: path, Token: c.token, Body: c.body})
	}
	for _, c := range []struct{ value, code string }{{"   ", "blank"}, {strings.Repeat("Trung tâm ", 25), ""}} {
		vi, en := e.ExpectProblem(http.StatusUnprocessableEntity, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(admin),
			Body: map[string]any{"office_name": c.value}})
		if len(vi.Errors) == 0 || vi.Errors[0].Field != "office_name" || c.code != "" && vi.Errors[0].Code != c.code ||
			vi.Errors[0].Message == "" || en.Errors[0].Message == vi.Errors[0].Message {
			t.Errorf("%q: vi %+v / en %+v", c.value, vi.Errors, en.Errors)
		}
	}
	if g := get(); g.OfficeName != name {
		t.Fatalf("after refusals %+v", g)
	}
	e.Expect(http.StatusNotFound, testkit.Req{Method: "PATCH", Path: "/v1/wards/01939000-0000-7000-8000-000000000000", Token: e.Token(admin),
		Body: map[string]any{"office_name": "X"}})
	e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: "/v1/wards/01939000-0000-7000-8000-000000000000"})

	// Cleared: back to the default.
	var cleared api.Ward
	e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(admin), Body: map[string]any{"office_name": nil}}).JSON(t, &cleared)
	if cleared.OfficeName != def.OfficeName || cleared.OfficeNameSet != nil {
		t.Fatalf("cleared %+v", cleared)
	}
}
