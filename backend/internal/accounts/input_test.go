package accounts_test

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/valyala/fasthttp/fasthttputil"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// with returns a copy of body with the changes applied; a nil value removes the field.
func with(body map[string]any, changes map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range body {
		out[k] = v
	}
	for k, v := range changes {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// Every kind of bad body on the two account-creating endpoints gets a 4xx problem+json with a
// stable code and the offending field named, and writes nothing at all.
func TestBadAccountInputIsRefusedAndWritesNothing(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w, other := e.NewWard("26734", 1), e.NewWard("00070", 1)
	admin := e.NewUser(w, auth.RoleAdmin)
	taken := e.NewUser(other, auth.RoleCitizen) // phones are unique across all wards
	staff := staffBody("0914000001", auth.RoleVolunteer)
	citizen := map[string]any{"phone": "0914000002", "password": "Hoa-sen-2026", "full_name": "Nguyễn Thị Hoa", "ward_code": w.Code}
	takenLocal := "0" + strings.TrimPrefix(taken.Phone, "+84") // the same number as typed locally

	type want struct{ field, code string }
	cases := []struct {
		name        string
		path        string
		body        any
		contentType string
		status      int
		code        string
		fields      []want
	}{
		{"malformed JSON", "/v1/users", `{"phone": "0914`, "", 400, "malformed_json", nil},
		{"empty body", "/v1/users", "", "", 400, "malformed_json", nil},
		{"not an object", "/v1/users", `["phone"]`, "", 422, "validation_failed", []want{{"", "invalid_type"}}},
		{"phone as a number", "/v1/users", with(staff, map[string]any{"phone": 123}), "", 422, "validation_failed", []want{{"phone", "invalid_type"}}},
		{"locale as a number", "/v1/users", with(staff, map[string]any{"locale": 1}), "", 422, "validation_failed", []want{{"locale", "invalid_value"}}},
		{"missing password", "/v1/users", with(staff, map[string]any{"password": nil}), "", 422, "validation_failed", []want{{"password", "required"}}},
		{"missing role", "/v1/users", with(staff, map[string]any{"role": nil}), "", 422, "validation_failed", []want{{"role", "required"}}},
		{"unknown field", "/v1/users", with(staff, map[string]any{"is_admin": true}), "", 422, "validation_failed", []want{{"is_admin", "unknown_field"}}},
		{"unknown role", "/v1/users", with(staff, map[string]any{"role": "mayor"}), "", 422, "validation_failed", []want{{"role", "invalid_value"}}},
		{"invalid phone", "/v1/users", with(staff, map[string]any{"phone": "12345"}), "", 422, "validation_failed", []want{{"phone", "invalid_phone"}}},
		{"weak password", "/v1/users", with(staff, map[string]any{"password": "12345678"}), "", 422, "validation_failed", []want{{"password", "weak_password"}}},
		{"common password", "/v1/users", with(staff, map[string]any{"password": "abc12345"}), "", 422, "validation_failed", []want{{"password", "weak_password"}}},
		{"blank name", "/v1/users", with(staff, map[string]any{"full_name": " \u00a0 "}), "", 422, "validation_failed", []want{{"full_name", "blank"}}},
		{"name too long", "/v1/users", with(staff, map[string]any{"full_name": strings.Repeat("a", 121)}), "", 422, "validation_failed", []want{{"full_name", "too_long"}}},
		{"several problems at once", "/v1/users", with(staff, map[string]any{"phone": "12345", "password": "12345678", "full_name": ""}), "", 422, "validation_failed",
			[]want{{"phone", "invalid_phone"}, {"password", "weak_password"}, {"full_name", "blank"}}},
		{"duplicate phone", "/v1/users", with(staff, map[string]any{"phone": takenLocal}), "", 409, "phone_taken", []want{{"phone", "phone_taken"}}},
		{"wrong content type", "/v1/users", `{}`, "text/plain", 415, "unsupported_media_type", nil},
		{"register: unknown ward", "/v1/auth/register", with(citizen, map[string]any{"ward_code": "99999"}), "", 422, "validation_failed", []want{{"ward_code", "unknown_ward"}}},
		{"register: missing ward", "/v1/auth/register", with(citizen, map[string]any{"ward_code": nil}), "", 422, "validation_failed", []want{{"ward_code", "required"}}},
		{"register: duplicate phone", "/v1/auth/register", with(citizen, map[string]any{"phone": taken.Phone}), "", 409, "phone_taken", []want{{"phone", "phone_taken"}}},
		{"register: role smuggled in", "/v1/auth/register", with(citizen, map[string]any{"role": "admin"}), "", 422, "validation_failed", []want{{"role", "unknown_field"}}},
		{"register: wrong content type", "/v1/auth/register", `phone=0914000002`, "application/x-www-form-urlencoded", 415, "unsupported_media_type", nil},
	}
	users := e.Count("SELECT count(*) FROM users")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := testkit.Req{Method: "POST", Path: c.path, Body: c.body}
			if c.path == "/v1/users" {
				req.Token = admin.Token
			}
			if c.contentType != "" {
				req.Header = map[string]string{"Content-Type": c.contentType}
			}
			p := expectProblem(t, e, c.status, c.code, req)
			if len(p.Errors) != len(c.fields) {
				t.Fatalf("errors = %+v, want %v", p.Errors, c.fields)
			}
			for _, f := range c.fields {
				if !hasField(p, f.field, f.code) {
					t.Fatalf("errors = %+v, want %s/%s among them", p.Errors, f.field, f.code)
				}
			}
			for _, f := range p.Errors {
				if f.Message == "" {
					t.Fatalf("field error without a message: %+v", f)
				}
			}
		})
	}
	if n := e.Count("SELECT count(*) FROM users"); n != users {
		t.Fatalf("users %d → %d", users, n)
	}
	if n := e.Count("SELECT count(*) FROM audit_events") + e.Count("SELECT count(*) FROM refresh_tokens"); n != 0 {
		t.Fatalf("%d audit events or refresh tokens written by refused requests", n)
	}
}

// PATCH bodies are checked the same way, and a refused PATCH changes nothing, not even the
// fields of it that were valid.
func TestBadPatchInputChangesNothing(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin, vol := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleVolunteer)
	before := readUser(t, e, vol.ID)
	cases := []struct {
		body         any
		status       int
		code         string
		field, fcode string
	}{
		{`{"active": fals`, 400, "malformed_json", "", ""},
		{map[string]any{"active": "no"}, 422, "validation_failed", "active", "invalid_type"},
		{map[string]any{"role": "mayor"}, 422, "validation_failed", "role", "invalid_value"},
		{map[string]any{"ward_id": w.ID}, 422, "validation_failed", "ward_id", "unknown_field"},
		{map[string]any{"phone": "0914000009"}, 422, "validation_failed", "phone", "unknown_field"},
		{map[string]any{"full_name": "   ", "active": false}, 422, "validation_failed", "full_name", "blank"},
	}
	for i, c := range cases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			p := expectProblem(t, e, c.status, c.code, testkit.Req{Method: "PATCH", Path: "/v1/users/" + vol.ID.String(), Token: admin.Token, Body: c.body})
			if c.field != "" && !hasField(p, c.field, c.fcode) {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})
	}
	// A malformed id in the path is a 400 naming it, before anything is looked up.
	if p := expectProblem(t, e, 400, "validation_failed", testkit.Req{Method: "PATCH", Path: "/v1/users/not-a-uuid", Token: admin.Token, Body: map[string]any{"active": false}}); !hasField(p, "id", "invalid_format") {
		t.Fatalf("errors = %+v", p.Errors)
	}
	if after := readUser(t, e, vol.ID); after != before {
		t.Fatalf("refused PATCH changed the volunteer: %+v → %+v", before, after)
	}
	if n := e.Count("SELECT count(*) FROM audit_events"); n != 0 {
		t.Fatalf("%d audit events", n)
	}
}

// Bad list parameters are a 400 naming the parameter, never a silently clamped page.
func TestBadListParameters(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	admin := e.NewUser(e.NewWard("26734", 1), auth.RoleAdmin)
	notUUID := base64.RawURLEncoding.EncodeToString([]byte("not-a-uuid"))
	cases := []struct{ query, problem, field, code string }{
		{"limit=0", "validation_failed", "limit", "too_small"},
		{"limit=-5", "validation_failed", "limit", "too_small"},
		{"limit=101", "validation_failed", "limit", "too_large"},
		{"limit=abc", "validation_failed", "limit", "invalid_format"},
		{"role=mayor", "validation_failed", "role", "invalid_value"},
		{"active=maybe", "validation_failed", "active", "invalid_format"},
		// Whatever is wrong with a cursor, every list answers invalid_cursor.
		{"cursor=!!!", "invalid_cursor", "cursor", "invalid_cursor"},        // not base64
		{"cursor=" + notUUID, "invalid_cursor", "cursor", "invalid_cursor"}, // base64, but not a position in this list
		{"cursor=" + strings.Repeat("A", 201), "invalid_cursor", "cursor", "invalid_cursor"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			p := expectProblem(t, e, 400, c.problem, testkit.Req{Method: "GET", Path: "/v1/users?" + c.query, Token: admin.Token})
			if len(p.Errors) != 1 || p.Errors[0].Field != c.field || p.Errors[0].Code != c.code {
				t.Fatalf("errors = %+v, want %s/%s", p.Errors, c.field, c.code)
			}
		})
	}
}

// Problems are in Vietnamese unless the client prefers English; the codes do not change.
func TestProblemLanguage(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	admin := e.NewUser(e.NewWard("26734", 1), auth.RoleAdmin)
	body := with(staffBody("12345", auth.RoleVolunteer), map[string]any{"password": "12345678"})
	cases := []struct {
		acceptLanguage, lang, title, phoneMsg, passwordMsg string
	}{
		{"", "vi", "Dữ liệu gửi lên chưa hợp lệ", "Số điện thoại không hợp lệ", "Mật khẩu cần ít nhất 8 ký tự"},
		{"vi-VN,vi;q=0.9", "vi", "Dữ liệu gửi lên chưa hợp lệ", "Số điện thoại không hợp lệ", "Mật khẩu cần ít nhất 8 ký tự"},
		{"en", "en", "Some fields are not valid", "Not a valid phone number", "Use at least 8 characters"},
		{"en-US,en;q=0.9,vi;q=0.8", "en", "Some fields are not valid", "Not a valid phone number", "Use at least 8 characters"},
	}
	for _, c := range cases {
		t.Run(c.lang+" "+c.acceptLanguage, func(t *testing.T) {
			req := testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: body}
			if c.acceptLanguage != "" {
				req.Header = map[string]string{"Accept-Language": c.acceptLanguage}
			}
			res := expect(t, e, 422, req)
			p := res.Problem(t)
			if res.Header.Get("Content-Language") != c.lang || p.Title != c.title || p.Code != "validation_failed" {
				t.Fatalf("Content-Language %q, problem %+v", res.Header.Get("Content-Language"), p)
			}
			msgs := map[string]string{}
			for _, f := range p.Errors {
				msgs[f.Field] = f.Message
			}
			if msgs["phone"] != c.phoneMsg || !strings.HasPrefix(msgs["password"], c.passwordMsg) {
				t.Fatalf("field messages = %v", msgs)
			}
		})
	}
}

// A body over the limit (1 MiB by default) is refused with 413 problem+json before it is read,
// whether its size is announced (Content-Length) or only discovered while reading (chunked).
// testkit's in-memory transport turns the server's early refusal into a client error, so the
// request goes through an in-memory listener instead: the full body is offered, the answer read.
func TestOversizedBodyIsRefused(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	admin := e.NewUser(e.NewWard("26734", 1), auth.RoleAdmin)
	body, err := json.Marshal(with(staffBody("0914000001", auth.RoleVolunteer), map[string]any{"full_name": strings.Repeat("Nguyễn ", e.Cfg.BodyLimitBytes/7)}))
	if err != nil {
		t.Fatal(err)
	}
	if len(body) <= e.Cfg.BodyLimitBytes {
		t.Fatalf("body of %d bytes is not over the limit", len(body))
	}
	ln := fasthttputil.NewInmemoryListener()
	go func() { _ = e.App.Fiber.Listener(ln) }()
	t.Cleanup(func() { _ = e.App.Fiber.Shutdown() })

	send := func(t *testing.T, framing string, payload func(io.Writer)) {
		conn, err := ln.Dial()
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // the server stops reading early; this writer just gives up when it closes
			defer wg.Done()
			bw := bufio.NewWriter(conn)
			fmt.Fprintf(bw, "POST /v1/users HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n%s\r\n", admin.Token, framing)
			payload(bw)
			_ = bw.Flush()
		}()
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		conn.Close()
		wg.Wait()
		var p httpx.Problem
		if res.StatusCode != http.StatusRequestEntityTooLarge || res.Header.Get("Content-Type") != httpx.ProblemContentType ||
			json.Unmarshal(raw, &p) != nil || p.Code != "payload_too_large" || p.Status != 413 {
			t.Fatalf("%d %s %s", res.StatusCode, res.Header.Get("Content-Type"), raw)
		}
	}
	t.Run("content-length", func(t *testing.T) {
		send(t, fmt.Sprintf("Content-Length: %d\r\n", len(body)), func(w io.Writer) { _, _ = w.Write(body) })
	})
	t.Run("chunked", func(t *testing.T) {
		send(t, "Transfer-Encoding: chunked\r\n", func(w io.Writer) {
			for rest := body; len(rest) > 0; {
				n := min(len(rest), 64<<10)
				if _, err := fmt.Fprintf(w, "%x\r\n%s\r\n", n, rest[:n]); err != nil {
					return
				}
				rest = rest[n:]
			}
			_, _ = io.WriteString(w, "0\r\n\r\n")
		})
	})
	if n := e.Count("SELECT count(*) FROM users"); n != 1 {
		t.Fatalf("%d users, want only the admin", n)
	}
}

// Racing creates of one phone number (two officers, double taps without an Idempotency-Key)
// make exactly one account; the others get the 409 phone_taken, never a 500 from the unique
// constraint.
func TestConcurrentDuplicatePhoneIsOneAccount(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	callers := []testkit.User{e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleOfficer)}
	const n = 8
	statuses := make(chan *testkit.Response, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			phone := []string{"0914000001", "+84914000001", "+84 914 000 001"}[i%3] // one number, three spellings
			statuses <- e.Do(testkit.Req{Method: "POST", Path: "/v1/users", Token: callers[i%2].Token, Body: staffBody(phone, auth.RoleVolunteer)})
		}(i)
	}
	wg.Wait()
	close(statuses)
	created := 0
	for res := range statuses {
		switch res.Status {
		case http.StatusCreated:
			created++
		case http.StatusConflict:
			if p := res.Problem(t); p.Code != "phone_taken" {
				t.Errorf("409 with code %q", p.Code)
			}
		default:
			t.Errorf("status %d: %s", res.Status, res.Body)
		}
	}
	if created != 1 {
		t.Fatalf("%d creates succeeded, want 1", created)
	}
	if c := e.Count("SELECT count(*) FROM users WHERE phone = '+84914000001'"); c != 1 {
		t.Fatalf("%d accounts with the number", c)
	}
	if c := e.Count("SELECT count(*) FROM audit_events WHERE action = 'user.create'"); c != 1 {
		t.Fatalf("%d user.create audit events", c)
	}
}
