package accounts_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func newStaff(phone, role string) map[string]any {
	return map[string]any{"phone": phone, "password": "Tinh-nguyen-2026", "full_name": "Phạm Quốc Bảo", "role": role}
}

// Who may create whom: admins any staff role, officers only volunteers, nobody citizens.
func TestCreateStaffByRole(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 2)
	admin, officer := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleOfficer)
	cases := []struct {
		caller testkit.User
		role   string
		want   int
	}{
		{admin, "officer", 201}, {admin, "volunteer", 201}, {admin, "admin", 201}, {admin, "citizen", 422},
		{officer, "volunteer", 201}, {officer, "officer", 403}, {officer, "admin", 403}, {officer, "citizen", 422},
	}
	for i, c := range cases {
		phone := fmt.Sprintf("09120000%02d", i)
		res := e.Expect(c.want, testkit.Req{Method: "POST", Path: "/v1/users", Token: c.caller.Token, Body: newStaff(phone, c.role)})
		if c.want == 201 {
			var u api.User
			res.JSON(t, &u)
			if u.WardId != w.ID || string(u.Role) != c.role {
				t.Errorf("created %+v", u)
			}
			if e.Count("SELECT count(*) FROM audit_events WHERE action = 'user.create' AND actor_id = $1 AND target_id = $2", c.caller.ID, u.Id) != 1 {
				t.Errorf("no audit event for %s creating %s", c.caller.Role, c.role)
			}
		} else if c.want == 422 {
			if p := res.Problem(t); len(p.Errors) == 0 || p.Errors[0].Field != "role" {
				t.Errorf("role error = %+v", p)
			}
		}
	}
}

// An officer of ward B sees and touches nothing of ward A.
func TestWardIsolation(t *testing.T) {
	e := testkit.New(t)
	a, b := e.NewWard("26734", 1), e.NewWard("00070", 1)
	volA := e.NewUser(a, auth.RoleVolunteer)
	officerB, adminB := e.NewUser(b, auth.RoleOfficer), e.NewUser(b, auth.RoleAdmin)
	e.NewUser(b, auth.RoleVolunteer)

	var list api.UserList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/users", Token: officerB.Token}).JSON(t, &list)
	if len(list.Items) != 3 {
		t.Fatalf("ward B list has %d users", len(list.Items))
	}
	for _, u := range list.Items {
		if u.WardId != b.ID {
			t.Fatalf("ward B officer sees %+v", u)
		}
	}
	for _, caller := range []testkit.User{officerB, adminB} {
		p := e.Expect(404, testkit.Req{Method: "PATCH", Path: "/v1/users/" + volA.ID.String(), Token: caller.Token,
			Body: map[string]any{"active": false}}).Problem(t)
		if p.Code != "not_found" {
			t.Errorf("code %q", p.Code)
		}
	}
	if e.Count("SELECT count(*) FROM users WHERE id = $1 AND active", volA.ID) != 1 {
		t.Fatal("ward A volunteer was changed by ward B")
	}
	// A neighbourhood of another ward is refused.
	p := e.Expect(422, testkit.Req{Method: "POST", Path: "/v1/users", Token: adminB.Token,
		Body: map[string]any{"phone": "0912999999", "password": "Tinh-nguyen-2026", "full_name": "X", "role": "volunteer", "neighborhood_id": a.Neighborhoods[0]}}).Problem(t)
	if len(p.Errors) != 1 || p.Errors[0].Field != "neighborhood_id" {
		t.Fatalf("errors = %+v", p.Errors)
	}
}

func TestOfficerManagesOnlyVolunteersAndNobodyLocksThemselvesOut(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin, officer, officer2, vol := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleVolunteer)
	e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: officer.Token, Body: map[string]any{"full_name": "Võ Thị Kim Ngân"}})
	e.Expect(403, testkit.Req{Method: "PATCH", Path: "/v1/users/" + officer2.ID.String(), Token: officer.Token, Body: map[string]any{"active": false}})
	e.Expect(403, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: officer.Token, Body: map[string]any{"role": "officer"}})
	for _, body := range []map[string]any{{"active": false}, {"role": "officer"}} {
		if p := e.Expect(409, testkit.Req{Method: "PATCH", Path: "/v1/users/" + admin.ID.String(), Token: admin.Token, Body: body}).Problem(t); p.Code != "cannot_change_self" {
			t.Errorf("code %q", p.Code)
		}
	}
	var u api.User
	e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: admin.Token, Body: map[string]any{"role": "officer"}}).JSON(t, &u)
	if u.Role != api.Officer {
		t.Fatalf("role = %s", u.Role)
	}
}

// Deactivation stops the user's access token on the next request and ends their logins.
func TestDeactivationEndsAccessAndLogins(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin, vol := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleVolunteer)
	var login api.AuthResponse
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": vol.Phone, "password": vol.Password}}).JSON(t, &login)
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/me", Token: login.AccessToken})

	e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: admin.Token, Body: map[string]any{"active": false}})
	if p := e.Expect(401, testkit.Req{Method: "GET", Path: "/v1/me", Token: login.AccessToken}).Problem(t); p.Code != "account_inactive" {
		t.Fatalf("code %q", p.Code)
	}
	e.Expect(401, testkit.Req{Method: "POST", Path: "/v1/auth/refresh", Body: map[string]any{"refresh_token": login.RefreshToken}})
	e.Expect(401, testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": vol.Phone, "password": vol.Password}})
	if e.Count("SELECT count(*) FROM audit_events WHERE action = 'user.deactivate' AND target_id = $1", vol.ID) != 1 {
		t.Fatal("no deactivation audit event")
	}
	e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: admin.Token, Body: map[string]any{"active": true}})
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": vol.Phone, "password": vol.Password}})
}

// Bad input answers problem+json naming the field, and writes nothing.
func TestBadInputWritesNothing(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/auth/register", Body: map[string]any{
		"phone": "0987654321", "password": "Hoa-sen-2026", "full_name": "Có Rồi", "ward_code": w.Code}})
	before := e.Count("SELECT count(*) FROM users")
	valid := func(change map[string]any) map[string]any {
		b := map[string]any{"phone": "0912345678", "password": "Hoa-sen-2026", "full_name": "Nguyễn Thị Hoa", "ward_code": w.Code}
		for k, v := range change {
			if v == nil {
				delete(b, k)
			} else {
				b[k] = v
			}
		}
		return b
	}
	cases := []struct {
		name        string
		body        any
		contentType string
		status      int
		code, field string
		fieldCode   string
	}{
		{"malformed JSON", `{"phone": "0912`, "", 400, "malformed_json", "", ""},
		{"wrong type", valid(map[string]any{"phone": 912345678}), "", 422, "validation_failed", "phone", "invalid_type"},
		{"missing field", valid(map[string]any{"password": nil}), "", 422, "validation_failed", "password", "required"},
		{"unknown field", valid(map[string]any{"is_admin": true}), "", 422, "validation_failed", "is_admin", "unknown_field"},
		{"invalid phone", valid(map[string]any{"phone": "12345"}), "", 422, "validation_failed", "phone", "invalid_phone"},
		{"weak password", valid(map[string]any{"password": "12345678"}), "", 422, "validation_failed", "password", "weak_password"},
		{"blank name", valid(map[string]any{"full_name": "   "}), "", 422, "validation_failed", "full_name", "blank"},
		{"unknown ward", valid(map[string]any{"ward_code": "99999"}), "", 422, "validation_failed", "ward_code", "unknown_ward"},
		{"duplicate phone", valid(map[string]any{"phone": "+84 987 654 321"}), "", 409, "phone_taken", "phone", "phone_taken"},
		{"wrong content type", "phone=0912345678", "text/plain", 415, "unsupported_media_type", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := testkit.Req{Method: "POST", Path: "/v1/auth/register", Body: c.body}
			if c.contentType != "" {
				req.Header = map[string]string{"Content-Type": c.contentType}
			}
			res := e.Expect(c.status, req)
			p := res.Problem(t)
			if p.Code != c.code || res.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("problem = %+v", p)
			}
			if c.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != c.field || p.Errors[0].Code != c.fieldCode) {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})
	}
	if after := e.Count("SELECT count(*) FROM users"); after != before {
		t.Fatalf("users %d → %d", before, after)
	}
	// English on request.
	res := e.Expect(422, testkit.Req{Method: "POST", Path: "/v1/auth/register", Body: valid(map[string]any{"password": "12345678"}),
		Header: map[string]string{"Accept-Language": "en"}})
	if p := res.Problem(t); p.Title != "Some fields are not valid" || !strings.Contains(p.Errors[0].Message, "at least 8") {
		t.Fatalf("english problem = %+v", p)
	}
	// Bad query and path parameters.
	admin := e.NewUser(w, auth.RoleAdmin)
	for _, path := range []string{"/v1/users?limit=0", "/v1/users?limit=abc", "/v1/users?cursor=%%%"} {
		e.Expect(400, testkit.Req{Method: "GET", Path: path, Token: admin.Token})
	}
	e.Expect(400, testkit.Req{Method: "PATCH", Path: "/v1/users/not-a-uuid", Token: admin.Token, Body: map[string]any{"active": false}})
}

func TestIdempotentCreate(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin, admin2 := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleAdmin)
	key := map[string]string{"Idempotency-Key": "create-vol-0001"}
	first := e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: newStaff("0913000001", "volunteer"), Header: key})
	again := e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: newStaff("0913000001", "volunteer"), Header: key})
	if string(first.Body) != string(again.Body) || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("replay differs:\n%s\n%s", first.Body, again.Body)
	}
	if n := e.Count("SELECT count(*) FROM users WHERE phone = '+84913000001'"); n != 1 {
		t.Fatalf("%d users", n)
	}
	p := e.Expect(422, testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: newStaff("0913000002", "volunteer"), Header: key}).Problem(t)
	if p.Code != "idempotency_key_reused" {
		t.Fatalf("code %q", p.Code)
	}
	// Keys are per caller: another admin's same key is a new request.
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/users", Token: admin2.Token, Body: newStaff("0913000003", "volunteer"), Header: key})

	// Ten retries racing with one key create one account; the others replay or are told to wait.
	race := map[string]string{"Idempotency-Key": "create-vol-race"}
	var wg sync.WaitGroup
	statuses := make(chan int, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- e.Do(testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: newStaff("0913000004", "volunteer"), Header: race}).Status
		}()
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != 201 && s != 409 {
			t.Errorf("racing retry got %d", s)
		}
	}
	if n := e.Count("SELECT count(*) FROM users WHERE phone = '+84913000004'"); n != 1 {
		t.Fatalf("%d users after the race", n)
	}
}

func TestListPagesNewestFirst(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin := e.NewUser(w, auth.RoleAdmin)
	for i := 0; i < 25; i++ {
		e.NewUser(w, auth.RoleVolunteer)
	}
	seen := map[string]bool{}
	var pages []int
	path := "/v1/users?role=volunteer&limit=10"
	for {
		var page api.UserList
		e.Expect(200, testkit.Req{Method: "GET", Path: path, Token: admin.Token}).JSON(t, &page)
		pages = append(pages, len(page.Items))
		for i, u := range page.Items {
			if seen[u.Id.String()] || u.Role != api.Volunteer {
				t.Fatalf("duplicate or wrong role %+v", u)
			}
			seen[u.Id.String()] = true
			if i > 0 && page.Items[i-1].Id.String() < u.Id.String() {
				t.Fatal("not newest first")
			}
		}
		if page.NextCursor == nil {
			break
		}
		path = "/v1/users?role=volunteer&limit=10&cursor=" + *page.NextCursor
	}
	if fmt.Sprint(pages) != "[10 10 5]" || len(seen) != 25 {
		t.Fatalf("pages %v, %d users", pages, len(seen))
	}
	var inactive api.UserList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/users?active=false", Token: admin.Token}).JSON(t, &inactive)
	if len(inactive.Items) != 0 {
		t.Fatalf("inactive = %d", len(inactive.Items))
	}
}

func TestUpdateMe(t *testing.T) {
	e := testkit.New(t)
	w, other := e.NewWard("26734", 2), e.NewWard("00070", 1)
	c := e.NewUser(w, auth.RoleCitizen)
	var u api.User
	// "Hoà" typed with a combining accent is stored composed (NFC).
	e.Expect(200, testkit.Req{Method: "PATCH", Path: "/v1/me", Token: c.Token, Body: map[string]any{
		"full_name": "  Trần Thị Hoa\u0300  ", "locale": "en", "neighborhood_id": w.Neighborhoods[1]}}).JSON(t, &u)
	if u.FullName != "Trần Thị Hoà" || u.Locale != api.En || *u.NeighborhoodId != w.Neighborhoods[1] {
		t.Fatalf("me = %+v", u)
	}
	e.Expect(422, testkit.Req{Method: "PATCH", Path: "/v1/me", Token: c.Token, Body: map[string]any{"neighborhood_id": other.Neighborhoods[0]}})
	e.Expect(422, testkit.Req{Method: "PATCH", Path: "/v1/me", Token: c.Token, Body: map[string]any{"full_name": " "}})
	e.Expect(http.StatusUnauthorized, testkit.Req{Method: "PATCH", Path: "/v1/me", Body: map[string]any{"locale": "vi"}})
}

// A body over HTTP_BODY_LIMIT_BYTES is refused by the HTTP server from its Content-Length, before
// reading it, still as problem+json. It is sent over a real socket by hand: the in-memory test
// transport cannot carry the refusal, and a client still writing the body would see the
// connection closed under it.
func TestOversizedBody(t *testing.T) {
	e := testkit.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go e.App.Fiber.Listener(ln)
	defer e.App.Fiber.Shutdown()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	size := e.Cfg.BodyLimitBytes + 1
	fmt.Fprintf(conn, "POST /v1/auth/register HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"full_name\":\"", size)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusRequestEntityTooLarge || res.Header.Get("Content-Type") != "application/problem+json" ||
		!strings.Contains(string(raw), `"code":"payload_too_large"`) {
		t.Fatalf("%d %s %s", res.StatusCode, res.Header.Get("Content-Type"), raw)
	}
	if n := e.Count("SELECT count(*) FROM users"); n != 0 {
		t.Fatalf("%d users written", n)
	}
}
