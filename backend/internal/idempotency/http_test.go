package idempotency_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/backend/internal/testkit/race"
)

// These tests drive POST /v1/users, an x-idempotent operation, through the whole application.

func volunteer(phone string) map[string]any {
	return map[string]any{"phone": phone, "password": "Tinh-nguyen-2026", "full_name": "Hoàng Văn Sáu", "role": "volunteer"}
}

func create(e *testkit.Env, caller testkit.User, key string, body any) *testkit.Response {
	r := testkit.Req{Method: "POST", Path: "/v1/users", Token: caller.Token, Body: body}
	if key != "" {
		r.Header = map[string]string{"Idempotency-Key": key}
	}
	return e.Do(r)
}

func want(t *testing.T, res *testkit.Response, status int, code string) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("status %d, want %d: %s", res.Status, status, res.Body)
	}
	if code == "" {
		return
	}
	if ct := res.Header.Get("Content-Type"); ct != httpx.ProblemContentType {
		t.Fatalf("Content-Type %q, want problem+json", ct)
	}
	if p := res.Problem(t); p.Code != code {
		t.Fatalf("code %q, want %q", p.Code, code)
	}
}

func sameResponse(t *testing.T, first, again *testkit.Response) {
	t.Helper()
	if again.Status != first.Status || string(again.Body) != string(first.Body) ||
		again.Header.Get("Content-Type") != first.Header.Get("Content-Type") {
		t.Fatalf("replay differs:\n%d %s %s\n%d %s %s", first.Status, first.Header.Get("Content-Type"), first.Body,
			again.Status, again.Header.Get("Content-Type"), again.Body)
	}
	if first.Header.Get("Idempotent-Replayed") != "" || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("Idempotent-Replayed: first %q, replay %q", first.Header.Get("Idempotent-Replayed"), again.Header.Get("Idempotent-Replayed"))
	}
}

// A retried create (same key, same body) answers the first response again, byte for byte,
// and creates nothing more; the same key with another body is refused.
func TestRetrySameKeyReplaysAndCreatesOnce(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	admin := e.NewUser(e.NewWard("26734", 1), auth.RoleAdmin)
	const key = "3f0c2a9e-retry-0001"
	first := create(e, admin, key, volunteer("0916000001"))
	want(t, first, http.StatusCreated, "")
	var u api.User
	first.JSON(t, &u)
	for i := 0; i < 3; i++ {
		sameResponse(t, first, create(e, admin, key, volunteer("0916000001")))
	}
	if n := e.Count("SELECT count(*) FROM users WHERE phone = '+84916000001'"); n != 1 {
		t.Fatalf("%d users", n)
	}
	if n := e.Count("SELECT count(*) FROM audit_events WHERE action = 'user.create' AND target_id = $1", u.Id); n != 1 {
		t.Fatalf("%d audit events", n)
	}
	if n := e.Count("SELECT count(*) FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status_code = 201", admin.ID.String(), key); n != 1 {
		t.Fatal("the key's record is not completed with 201")
	}

	// Same key, another body: a client bug, refused rather than guessed at.
	users := e.Count("SELECT count(*) FROM users")
	for _, body := range []map[string]any{volunteer("0916000002"), {"phone": "0916000001", "password": "Tinh-nguyen-2026", "full_name": "Hoàng Văn Sáu", "role": "officer"}} {
		want(t, create(e, admin, key, body), http.StatusUnprocessableEntity, "idempotency_key_reused")
	}
	if n := e.Count("SELECT count(*) FROM users"); n != users {
		t.Fatalf("users %d → %d", users, n)
	}
	// The first response is still what the key replays.
	sameResponse(t, first, create(e, admin, key, volunteer("0916000001")))
}

// Keys belong to the caller: another admin's identical key is a different request. Without a
// key nothing is deduplicated (the second identical create is a duplicate phone).
func TestKeysAreScopedToTheCaller(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin, admin2, admin3 := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleAdmin)
	const key = "shared-key-0001"
	want(t, create(e, admin, key, volunteer("0916000001")), http.StatusCreated, "")
	// Another caller, another body, same key: created, not "key reused".
	want(t, create(e, admin2, key, volunteer("0916000002")), http.StatusCreated, "")
	// Another caller, same body, same key: really run (so the phone is taken), not replayed.
	res := create(e, admin3, key, volunteer("0916000001"))
	want(t, res, http.StatusConflict, "phone_taken")
	if res.Header.Get("Idempotent-Replayed") != "" {
		t.Fatal("another caller got the first caller's stored response")
	}
	if n := e.Count("SELECT count(*) FROM idempotency_keys WHERE key = $1", key); n != 3 {
		t.Fatalf("%d records for the key, want one per caller", n)
	}
	if n := e.Count("SELECT count(*) FROM users WHERE phone IN ('+84916000001', '+84916000002')"); n != 2 {
		t.Fatalf("%d users", n)
	}

	want(t, create(e, admin, "", volunteer("0916000003")), http.StatusCreated, "")
	want(t, create(e, admin, "", volunteer("0916000003")), http.StatusConflict, "phone_taken")
}

// A request refused by the feature's own rules (4xx) is stored like a success and replayed;
// correcting the body needs a new key. A request the contract check refuses never reaches the
// idempotency store, so the same key can be used for the corrected request.
func TestRefusalsAndTheKey(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	admin := e.NewUser(e.NewWard("26734", 1), auth.RoleAdmin)

	first := create(e, admin, "bad-phone-0001", volunteer("12345"))
	want(t, first, http.StatusUnprocessableEntity, "validation_failed")
	sameResponse(t, first, create(e, admin, "bad-phone-0001", volunteer("12345")))
	want(t, create(e, admin, "bad-phone-0001", volunteer("0916000001")), http.StatusUnprocessableEntity, "idempotency_key_reused")
	want(t, create(e, admin, "bad-phone-0002", volunteer("0916000001")), http.StatusCreated, "")

	withExtra := volunteer("0916000002")
	withExtra["is_admin"] = true
	want(t, create(e, admin, "schema-0001", withExtra), http.StatusUnprocessableEntity, "validation_failed")
	if n := e.Count("SELECT count(*) FROM idempotency_keys WHERE key = 'schema-0001'"); n != 0 {
		t.Fatal("a request refused by the contract check was recorded")
	}
	res := create(e, admin, "schema-0001", volunteer("0916000002"))
	want(t, res, http.StatusCreated, "")
	if res.Header.Get("Idempotent-Replayed") != "" {
		t.Fatal("corrected request was replayed")
	}

	// The key itself must be 8–100 characters; a bad one is refused before anything runs.
	users := e.Count("SELECT count(*) FROM users")
	for key, code := range map[string]string{"short": "too_short", strings.Repeat("k", 101): "too_long"} {
		res := create(e, admin, key, volunteer("0916000003"))
		want(t, res, http.StatusBadRequest, "validation_failed")
		if p := res.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "Idempotency-Key" || p.Errors[0].Code != code {
			t.Fatalf("errors = %+v", p.Errors)
		}
	}
	if n := e.Count("SELECT count(*) FROM users"); n != users {
		t.Fatalf("users %d → %d", users, n)
	}
}

// A server error is not stored: nothing was created, so the retry with the same key runs the
// request again (here it succeeds). The error shows no internals.
func TestServerErrorReleasesTheKey(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	admin := e.NewUser(e.NewWard("26734", 1), auth.RoleAdmin)
	// The next insert into users fails once, as a database hiccup would (a sequence is not
	// rolled back with the failed transaction, so only the first attempt fails).
	if _, err := e.Pool.Exec(context.Background(), `
		CREATE SEQUENCE hiccup;
		CREATE FUNCTION hiccup() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF nextval('hiccup') = 1 THEN RAISE EXCEPTION 'disk on fire'; END IF;
			RETURN NEW;
		END $$;
		CREATE TRIGGER hiccup BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION hiccup();`); err != nil {
		t.Fatal(err)
	}
	const key = "hiccup-key-0001"
	res := create(e, admin, key, volunteer("0916000001"))
	want(t, res, http.StatusInternalServerError, "internal")
	if strings.Contains(string(res.Body), "disk on fire") {
		t.Fatalf("500 shows the database error: %s", res.Body)
	}
	if n := e.Count("SELECT count(*) FROM idempotency_keys WHERE key = $1", key); n != 0 {
		t.Fatal("the failed request's key is still held")
	}
	again := create(e, admin, key, volunteer("0916000001"))
	want(t, again, http.StatusCreated, "")
	if again.Header.Get("Idempotent-Replayed") != "" {
		t.Fatal("the retry was replayed instead of run")
	}
	sameResponse(t, again, create(e, admin, key, volunteer("0916000001")))
	if n := e.Count("SELECT count(*) FROM users WHERE phone = '+84916000001'"); n != 1 {
		t.Fatalf("%d users", n)
	}
}

// Ten copies of one request sent at once (a phone retrying on a flaky network): one account,
// and every answer is the created account or "still in progress, retry" — never a 5xx or a
// duplicate-phone error.
func TestConcurrentRetriesCreateOnce(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	admin := e.NewUser(e.NewWard("26734", 1), auth.RoleAdmin)
	const key, n = "race-key-0001", 10
	results := make(chan *testkit.Response, n)
	race.Run(n, func(int) { results <- create(e, admin, key, volunteer("0916000001")) })
	close(results)
	var created []*testkit.Response
	waited := 0
	for res := range results {
		switch res.Status {
		case http.StatusCreated:
			created = append(created, res)
		case http.StatusConflict:
			if p := res.Problem(t); p.Code != "idempotency_in_progress" {
				t.Errorf("409 %q: %s", p.Code, res.Body)
			}
			waited++
			if res.Header.Get("Retry-After") != "1" {
				t.Errorf("in-progress answer without Retry-After: %v", res.Header)
			}
		default:
			t.Errorf("status %d: %s", res.Status, res.Body)
		}
	}
	t.Logf("%d answered 201 (first or replay), %d told to wait", len(created), waited)
	if len(created) == 0 {
		t.Fatal("no request created the account")
	}
	for _, res := range created[1:] {
		if string(res.Body) != string(created[0].Body) {
			t.Fatalf("two different 201 bodies:\n%s\n%s", created[0].Body, res.Body)
		}
	}
	if c := e.Count("SELECT count(*) FROM users WHERE phone = '+84916000001'"); c != 1 {
		t.Fatalf("%d users", c)
	}
	if c := e.Count("SELECT count(*) FROM audit_events WHERE action = 'user.create'"); c != 1 {
		t.Fatalf("%d audit events", c)
	}
	// Once settled, a late retry replays the one account.
	late := create(e, admin, key, volunteer("0916000001"))
	want(t, late, http.StatusCreated, "")
	if string(late.Body) != string(created[0].Body) || late.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("late retry: %s %v", late.Body, late.Header)
	}
}
