package accounts_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// staffBody is a valid POST /v1/users body.
func staffBody(phone, role string) map[string]any {
	return map[string]any{"phone": phone, "password": "Tinh-nguyen-2026", "full_name": "Lê Văn Tám", "role": role}
}

// userRow is what a PATCH could change, read straight from the database so a refused request
// can be shown to have changed nothing (updated_at included: even a no-op UPDATE moves it).
type userRow struct {
	Role, FullName, Locale, Neighborhood string
	Active                               bool
	UpdatedAt                            time.Time
}

func readUser(t *testing.T, e *testkit.Env, id uuid.UUID) userRow {
	t.Helper()
	var r userRow
	err := e.Pool.QueryRow(context.Background(), `SELECT role, full_name, locale, coalesce(neighborhood_id::text, ''), active, updated_at
		FROM users WHERE id = $1`, id).Scan(&r.Role, &r.FullName, &r.Locale, &r.Neighborhood, &r.Active, &r.UpdatedAt)
	if err != nil {
		t.Fatalf("read user %s: %v", id, err)
	}
	return r
}

// expect is e.Expect failing t rather than the Env's test, so it can be used in subtests.
func expect(t *testing.T, e *testkit.Env, status int, r testkit.Req) *testkit.Response {
	t.Helper()
	res := e.Do(r)
	if res.Status != status {
		t.Fatalf("%s %s: status %d, want %d; body %s", r.Method, r.Path, res.Status, status, res.Body)
	}
	return res
}

// expectProblem sends r, wants status and a problem+json body with code, and returns it.
func expectProblem(t *testing.T, e *testkit.Env, status int, code string, r testkit.Req) httpx.Problem {
	t.Helper()
	res := expect(t, e, status, r)
	if ct := res.Header.Get("Content-Type"); ct != httpx.ProblemContentType {
		t.Fatalf("%s %s: Content-Type %q, want problem+json", r.Method, r.Path, ct)
	}
	p := res.Problem(t)
	if p.Code != code || p.Status != status {
		t.Fatalf("%s %s: problem %+v, want code %q status %d", r.Method, r.Path, p, code, status)
	}
	return p
}

func hasField(p httpx.Problem, field, code string) bool {
	for _, f := range p.Errors {
		if f.Field == field && f.Code == code {
			return true
		}
	}
	return false
}

// Citizens and volunteers are not staff managers: the user-management endpoints refuse them
// before anything is read or written, whatever they send.
func TestUserManagementRefusesCitizensAndVolunteers(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	target := e.NewUser(w, auth.RoleVolunteer)
	before := readUser(t, e, target.ID)
	users := e.Count("SELECT count(*) FROM users")
	for _, role := range []string{auth.RoleCitizen, auth.RoleVolunteer} {
		caller := e.NewUser(w, role)
		users++
		for _, r := range []testkit.Req{
			{Method: "POST", Path: "/v1/users", Body: staffBody("0912000001", auth.RoleVolunteer)},
			{Method: "POST", Path: "/v1/users", Body: staffBody("0912000002", auth.RoleAdmin)},
			{Method: "GET", Path: "/v1/users"},
			{Method: "GET", Path: "/v1/users?role=volunteer"},
			{Method: "PATCH", Path: "/v1/users/" + target.ID.String(), Body: map[string]any{"active": false}},
			{Method: "PATCH", Path: "/v1/users/" + caller.ID.String(), Body: map[string]any{"role": "admin"}},
		} {
			t.Run(role+" "+r.Method+" "+r.Path, func(t *testing.T) {
				r.Token = caller.Token
				expectProblem(t, e, http.StatusForbidden, "forbidden", r)
			})
		}
	}
	// And without a token at all: 401, not 403.
	expectProblem(t, e, http.StatusUnauthorized, "unauthorized", testkit.Req{Method: "GET", Path: "/v1/users"})
	if n := e.Count("SELECT count(*) FROM users"); n != users {
		t.Fatalf("users %d, want %d: a refused create wrote a row", n, users)
	}
	if after := readUser(t, e, target.ID); after != before {
		t.Fatalf("refused PATCH changed the volunteer: %+v → %+v", before, after)
	}
	if n := e.Count("SELECT count(*) FROM audit_events"); n != 0 {
		t.Fatalf("%d audit events after refused requests", n)
	}
}

// Who may create whom, in each of two wards: an account always lands in the creator's ward with
// an audit event naming the creator; refusals write neither a user nor an audit event.
func TestCreateStaffMatrixAcrossWards(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	a, b := e.NewWard("26734", 1), e.NewWard("00070", 1)
	phone := 0
	for _, w := range []testkit.Ward{a, b} {
		officer, admin := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleAdmin)
		cases := []struct {
			caller testkit.User
			role   string
			status int
			code   string
		}{
			{officer, auth.RoleVolunteer, 201, ""},
			{officer, auth.RoleOfficer, 403, "forbidden"},
			{officer, auth.RoleAdmin, 403, "forbidden"},
			{officer, auth.RoleCitizen, 422, "validation_failed"},
			{admin, auth.RoleVolunteer, 201, ""},
			{admin, auth.RoleOfficer, 201, ""},
			{admin, auth.RoleAdmin, 201, ""},
			{admin, auth.RoleCitizen, 422, "validation_failed"},
		}
		for _, c := range cases {
			phone++
			num := fmt.Sprintf("09130000%02d", phone)
			t.Run(fmt.Sprintf("%s/%s creates %s", w.Code, c.caller.Role, c.role), func(t *testing.T) {
				body := staffBody(num, c.role)
				body["full_name"] = " Lê  Văn Ta\u0301m\u00a0" // stored trimmed, folded and NFC
				req := testkit.Req{Method: "POST", Path: "/v1/users", Token: c.caller.Token, Body: body}
				if c.status != 201 {
					p := expectProblem(t, e, c.status, c.code, req)
					if c.status == 422 && (len(p.Errors) != 1 || p.Errors[0].Field != "role" || p.Errors[0].Code != "role_not_allowed") {
						t.Fatalf("errors = %+v, want role/role_not_allowed", p.Errors)
					}
					if n := e.Count("SELECT count(*) FROM users WHERE phone = $1", "+84"+num[1:]); n != 0 {
						t.Fatalf("refused create wrote %d users", n)
					}
					return
				}
				var u api.User
				expect(t, e, 201, req).JSON(t, &u)
				if u.WardId != w.ID || u.WardCode != w.Code || string(u.Role) != c.role || !u.Active || u.Phone != "+84"+num[1:] || u.FullName != "Lê Văn Tám" {
					t.Fatalf("created %+v in ward %s", u, w.Code)
				}
				if n := e.Count("SELECT count(*) FROM users WHERE id = $1 AND ward_id = $2 AND role = $3", u.Id, w.ID, c.role); n != 1 {
					t.Fatal("row not in the creator's ward with the asked role")
				}
				if n := e.Count(`SELECT count(*) FROM audit_events WHERE action = 'user.create' AND actor_id = $1
					AND target_id = $2 AND ward_id = $3 AND detail->>'role' = $4`, c.caller.ID, u.Id, w.ID, c.role); n != 1 {
					t.Fatalf("want one user.create audit event by the %s", c.caller.Role)
				}
			})
		}
	}
	if n := e.Count("SELECT count(*) FROM audit_events"); n != 8 {
		t.Fatalf("%d audit events, want 8 (one per created account)", n)
	}
	// The body cannot pick another ward.
	admin := e.NewUser(a, auth.RoleAdmin)
	body := staffBody("0913000099", auth.RoleVolunteer)
	body["ward_id"] = b.ID
	p := expectProblem(t, e, 422, "validation_failed", testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: body})
	if !hasField(p, "ward_id", "unknown_field") {
		t.Fatalf("errors = %+v", p.Errors)
	}
}

// GET /v1/users shows exactly the caller's ward, and its filters narrow within it.
func TestListUsersIsWardScopedAndFiltered(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	a, b := e.NewWard("26734", 1), e.NewWard("00070", 1)
	wardUsers := map[uuid.UUID][]testkit.User{}
	for _, w := range []testkit.Ward{a, b} {
		for _, role := range []string{auth.RoleAdmin, auth.RoleOfficer, auth.RoleVolunteer, auth.RoleVolunteer, auth.RoleVolunteer, auth.RoleCitizen, auth.RoleCitizen} {
			wardUsers[w.ID] = append(wardUsers[w.ID], e.NewUser(w, role))
		}
	}
	adminB, officerB := wardUsers[b.ID][0], wardUsers[b.ID][1]
	sleeper := wardUsers[b.ID][4] // a volunteer of B, deactivated
	e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/users/" + sleeper.ID.String(), Token: adminB.Token, Body: map[string]any{"active": false}})

	ids := func(path string, caller testkit.User) map[uuid.UUID]api.User {
		t.Helper()
		var list api.UserList
		e.Expect(200, testkit.Req{Method: "GET", Path: path, Token: caller.Token}).JSON(t, &list)
		if list.NextCursor != nil {
			t.Fatalf("%s: unexpected next page", path)
		}
		out := map[uuid.UUID]api.User{}
		for _, u := range list.Items {
			out[u.Id] = u
		}
		return out
	}
	expect := func(w testkit.Ward, keep func(testkit.User) bool) map[uuid.UUID]bool {
		out := map[uuid.UUID]bool{}
		for _, u := range wardUsers[w.ID] {
			if keep(u) {
				out[u.ID] = true
			}
		}
		return out
	}
	all := func(testkit.User) bool { return true }
	cases := []struct {
		name   string
		caller testkit.User
		path   string
		want   map[uuid.UUID]bool
	}{
		{"officer B, all", officerB, "/v1/users", expect(b, all)},
		{"admin A, all", wardUsers[a.ID][0], "/v1/users", expect(a, all)},
		{"officer B, volunteers", officerB, "/v1/users?role=volunteer", expect(b, func(u testkit.User) bool { return u.Role == auth.RoleVolunteer })},
		{"officer B, admins", officerB, "/v1/users?role=admin", map[uuid.UUID]bool{adminB.ID: true}},
		{"officer B, inactive", officerB, "/v1/users?active=false", map[uuid.UUID]bool{sleeper.ID: true}},
		{"officer B, active volunteers", officerB, "/v1/users?role=volunteer&active=true",
			expect(b, func(u testkit.User) bool { return u.Role == auth.RoleVolunteer && u.ID != sleeper.ID })},
		{"officer A, inactive", wardUsers[a.ID][1], "/v1/users?active=false", map[uuid.UUID]bool{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ids(c.path, c.caller)
			if len(got) != len(c.want) {
				t.Fatalf("got %d users, want %d", len(got), len(c.want))
			}
			for id, u := range got {
				if !c.want[id] {
					t.Fatalf("unexpected user %+v", u)
				}
				if u.WardId != c.caller.Ward.ID {
					t.Fatalf("user of another ward listed: %+v", u)
				}
			}
		})
	}
}

// Staff of ward B cannot change ward A's accounts, and cannot even tell them from ids that do
// not exist: 404 for every kind of change, and the row stays exactly as it was.
func TestPatchAcrossWardsIsNotFound(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	a, b := e.NewWard("26734", 1), e.NewWard("00070", 1)
	volA, officerA := e.NewUser(a, auth.RoleVolunteer), e.NewUser(a, auth.RoleOfficer)
	officerB, adminB := e.NewUser(b, auth.RoleOfficer), e.NewUser(b, auth.RoleAdmin)
	snapshot := map[uuid.UUID]userRow{volA.ID: readUser(t, e, volA.ID), officerA.ID: readUser(t, e, officerA.ID)}
	cases := []struct {
		caller testkit.User
		target uuid.UUID
		body   map[string]any
	}{
		{officerB, volA.ID, map[string]any{"active": false}},
		{officerB, volA.ID, map[string]any{"full_name": "Bị đổi tên"}},
		{officerB, volA.ID, map[string]any{"neighborhood_id": b.Neighborhoods[0]}},
		{officerB, officerA.ID, map[string]any{"full_name": "Bị đổi tên"}}, // 404, not a 403 that reveals the role
		{adminB, volA.ID, map[string]any{"active": false}},
		{adminB, volA.ID, map[string]any{"role": "officer"}},
		{adminB, officerA.ID, map[string]any{"role": "volunteer", "active": false}},
		{adminB, uuid.Must(uuid.NewV7()), map[string]any{"active": false}}, // really absent: same answer
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			expectProblem(t, e, http.StatusNotFound, "not_found", testkit.Req{Method: "PATCH",
				Path: "/v1/users/" + c.target.String(), Token: c.caller.Token, Body: c.body})
		})
	}
	for id, before := range snapshot {
		if after := readUser(t, e, id); after != before {
			t.Fatalf("ward A user %s changed: %+v → %+v", id, before, after)
		}
	}
	if n := e.Count("SELECT count(*) FROM audit_events"); n != 0 {
		t.Fatalf("%d audit events for refused changes", n)
	}
}

// An officer manages the ward's volunteers and nobody else, and never roles.
func TestOfficerPatchesOnlyVolunteers(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 2)
	officer := e.NewUser(w, auth.RoleOfficer)
	vol, otherOfficer, admin, citizen := e.NewUser(w, auth.RoleVolunteer), e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleCitizen)

	var u api.User
	e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: officer.Token,
		Body: map[string]any{"full_name": " Đỗ  Thị Mai ", "neighborhood_id": w.Neighborhoods[1]}}).JSON(t, &u)
	if u.FullName != "Đỗ Thị Mai" || u.NeighborhoodId == nil || *u.NeighborhoodId != w.Neighborhoods[1] || u.Role != api.Volunteer {
		t.Fatalf("patched volunteer = %+v", u)
	}
	if n := e.Count(`SELECT count(*) FROM audit_events WHERE action = 'user.update' AND actor_id = $1 AND target_id = $2`, officer.ID, vol.ID); n != 1 {
		t.Fatal("no user.update audit event by the officer")
	}

	snapshot := map[uuid.UUID]userRow{}
	for _, id := range []uuid.UUID{vol.ID, otherOfficer.ID, admin.ID, citizen.ID, officer.ID} {
		snapshot[id] = readUser(t, e, id)
	}
	cases := []struct {
		name   string
		target uuid.UUID
		body   map[string]any
	}{
		{"another officer", otherOfficer.ID, map[string]any{"active": false}},
		{"an admin", admin.ID, map[string]any{"full_name": "Bị đổi tên"}},
		{"a citizen", citizen.ID, map[string]any{"full_name": "Bị đổi tên"}},
		{"themselves", officer.ID, map[string]any{"full_name": "Tự đổi tên"}}, // that is PATCH /v1/me
		{"a volunteer's role", vol.ID, map[string]any{"role": "officer"}},
		{"a volunteer's role, kept the same", vol.ID, map[string]any{"role": "volunteer"}},
		{"role with a name change", vol.ID, map[string]any{"role": "admin", "full_name": "Bị đổi tên"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			expectProblem(t, e, http.StatusForbidden, "forbidden", testkit.Req{Method: "PATCH",
				Path: "/v1/users/" + c.target.String(), Token: officer.Token, Body: c.body})
		})
	}
	for id, before := range snapshot {
		if after := readUser(t, e, id); after != before {
			t.Fatalf("refused PATCH changed %s: %+v → %+v", id, before, after)
		}
	}
}

// Nobody can lock themselves out: no changing one's own role or active flag (409), though one's
// own name is fine; another admin may do what one cannot do to oneself.
func TestAdminCannotChangeOwnRoleOrActive(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin, admin2 := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleAdmin)
	before := readUser(t, e, admin.ID)
	for _, body := range []map[string]any{
		{"active": false},
		{"active": true},
		{"role": "officer"},
		{"role": "admin"},
		{"role": "volunteer", "full_name": "Tự hạ cấp"},
	} {
		t.Run(fmt.Sprint(body), func(t *testing.T) {
			expectProblem(t, e, http.StatusConflict, "cannot_change_self", testkit.Req{Method: "PATCH",
				Path: "/v1/users/" + admin.ID.String(), Token: admin.Token, Body: body})
		})
	}
	if after := readUser(t, e, admin.ID); after != before {
		t.Fatalf("admin changed themselves: %+v → %+v", before, after)
	}
	// The message is translated like every other.
	p := expectProblem(t, e, http.StatusConflict, "cannot_change_self", testkit.Req{Method: "PATCH", Path: "/v1/users/" + admin.ID.String(),
		Token: admin.Token, Body: map[string]any{"active": false}, Header: map[string]string{"Accept-Language": "en"}})
	if p.Title != "You cannot change your own role or deactivate yourself" {
		t.Fatalf("english title %q", p.Title)
	}

	var u api.User
	e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/users/" + admin.ID.String(), Token: admin.Token,
		Body: map[string]any{"full_name": "Nguyễn Văn Quản Trị"}}).JSON(t, &u)
	if u.FullName != "Nguyễn Văn Quản Trị" || u.Role != api.Admin || !u.Active {
		t.Fatalf("self rename = %+v", u)
	}
	// Another admin demotes the first; the demoted account at once loses staff management.
	e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/users/" + admin.ID.String(), Token: admin2.Token, Body: map[string]any{"role": "officer"}}).JSON(t, &u)
	if u.Role != api.Officer {
		t.Fatalf("demoted = %+v", u)
	}
	expectProblem(t, e, http.StatusForbidden, "forbidden", testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: staffBody("0913000001", auth.RoleAdmin)})
}

// A neighbourhood must belong to the ward the account is in: on create, on update and on
// registration; a made-up id is refused the same way.
func TestNeighborhoodFromAnotherWardIsRefused(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	a, b := e.NewWard("26734", 2), e.NewWard("00070", 1)
	admin, vol := e.NewUser(a, auth.RoleAdmin), e.NewUser(a, auth.RoleVolunteer)
	before := readUser(t, e, vol.ID)
	users := e.Count("SELECT count(*) FROM users")
	for _, nb := range []uuid.UUID{b.Neighborhoods[0], uuid.Must(uuid.NewV7())} {
		body := staffBody("0913000001", auth.RoleVolunteer)
		body["neighborhood_id"] = nb
		p := expectProblem(t, e, 422, "validation_failed", testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: body})
		if len(p.Errors) != 1 || p.Errors[0].Field != "neighborhood_id" || p.Errors[0].Code != "unknown_neighborhood" {
			t.Fatalf("create errors = %+v", p.Errors)
		}
		p = expectProblem(t, e, 422, "validation_failed", testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: admin.Token,
			Body: map[string]any{"neighborhood_id": nb, "full_name": "Tên mới hợp lệ"}})
		if !hasField(p, "neighborhood_id", "unknown_neighborhood") {
			t.Fatalf("update errors = %+v", p.Errors)
		}
		p = expectProblem(t, e, 422, "validation_failed", testkit.Req{Method: "POST", Path: "/v1/auth/register", Body: map[string]any{
			"phone": "0913000002", "password": "Hoa-sen-2026", "full_name": "Dân Phường A", "ward_code": a.Code, "neighborhood_id": nb}})
		if !hasField(p, "neighborhood_id", "unknown_neighborhood") {
			t.Fatalf("register errors = %+v", p.Errors)
		}
	}
	if n := e.Count("SELECT count(*) FROM users"); n != users {
		t.Fatalf("users %d → %d", users, n)
	}
	// The valid name sent together with the bad neighbourhood was not applied either.
	if after := readUser(t, e, vol.ID); after != before {
		t.Fatalf("volunteer changed: %+v → %+v", before, after)
	}
	// The ward's own neighbourhood is accepted.
	var u api.User
	body := staffBody("0913000003", auth.RoleVolunteer)
	body["neighborhood_id"] = a.Neighborhoods[1]
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: body}).JSON(t, &u)
	if u.NeighborhoodId == nil || *u.NeighborhoodId != a.Neighborhoods[1] {
		t.Fatalf("created %+v", u)
	}
}
