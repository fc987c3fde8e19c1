package dossier_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

var allStates = []string{"received", "in_review", "supplement_requested", "approved", "result_ready", "returned", "rejected", "withdrawn"}

// lifecycle is the dossier machine as DESIGN.md §4 and the contract state it, written out here
// independently of machine.go: who may make each legal move.
var lifecycle = map[[2]string]string{
	{"received", "in_review"}:             "staff",
	{"in_review", "supplement_requested"}: "staff",
	{"supplement_requested", "in_review"}: "staff",
	{"in_review", "approved"}:             "staff",
	{"in_review", "rejected"}:             "staff",
	{"approved", "result_ready"}:          "staff",
	{"result_ready", "returned"}:          "staff",
	{"received", "withdrawn"}:             "applicant",
	{"in_review", "withdrawn"}:            "applicant",
	{"supplement_requested", "withdrawn"}: "applicant",
}

// notifying are the states whose reaching tells the applicant (received is told on creation).
var notifying = map[string]bool{"supplement_requested": true, "rejected": true, "result_ready": true, "returned": true}

var seqCode int

// putDossier writes a dossier straight into state with SQL, with result_at and closed_at as
// the CHECK constraints require, and no events.
func putDossier(t *testing.T, e *testkit.Env, ward, procedure uuid.UUID, applicant *testkit.User, state string) uuid.UUID {
	t.Helper()
	seqCode++
	code := fmt.Sprintf("2611-%06d", seqCode) // digits are Crockford characters
	id := uuid.Must(uuid.NewV7())
	now := e.Clock.Now()
	var resultAt, closedAt *time.Time
	if state == "result_ready" || state == "returned" {
		resultAt = &now
	}
	if state == "returned" || state == "rejected" || state == "withdrawn" {
		closedAt = &now
	}
	var applicantID uuid.NullUUID
	name, phone := "Trần Thị Bảy", "+84912345678"
	if applicant != nil {
		applicantID = uuid.NullUUID{UUID: applicant.ID, Valid: true}
		phone = applicant.Phone
	}
	_, err := e.Pool.Exec(context.Background(), `INSERT INTO dossiers (id, ward_id, code, procedure_id, procedure_code, procedure_name,
		applicant_id, applicant_name, applicant_phone, channel, return_method, status, received_at, due_at, result_at, closed_at,
		created_at, updated_at)
		VALUES ($1, $2, $3, $4, '1.001193', 'Đăng ký khai sinh', $5, $6, $7, 'counter', 'counter', $8, $9, $10, $11, $12, $9, $9)`,
		id, ward, code, procedure, applicantID, name, phone, state, now.Add(-time.Hour), now.Add(72*time.Hour), resultAt, closedAt)
	if err != nil {
		t.Fatalf("put dossier in %s: %v", state, err)
	}
	return id
}

// Every (from, to) pair of the eight states, by every kind of caller: exactly the table's
// answer, and an event, an audit row and (for the told states) a notification only on success.
func TestTransitionsExhaustively(t *testing.T) {
	w := newWorld(t)
	e := w.e
	otherWard := e.NewWard("00072", 1)
	callers := []struct {
		name string
		user testkit.User
	}{
		{"applicant", w.citizen},
		{"other citizen", e.NewUser(w.ward, auth.RoleCitizen)},
		{"volunteer", e.NewUser(w.ward, auth.RoleVolunteer)},
		{"officer", w.officer},
		{"admin", e.NewUser(w.ward, auth.RoleAdmin)},
		{"officer of another ward", e.NewUser(otherWard, auth.RoleOfficer)},
	}
	expect := func(caller, from, to string) int {
		switch caller {
		case "volunteer":
			return http.StatusForbidden // refused by the gate: not a role of the operation
		case "other citizen", "officer of another ward":
			return http.StatusNotFound // someone else's dossier does not exist for them
		}
		who, legal := lifecycle[[2]string{from, to}]
		switch {
		case !legal:
			return http.StatusConflict
		case who == "applicant" && caller == "applicant", who == "staff" && (caller == "officer" || caller == "admin"):
			return http.StatusOK
		default:
			return http.StatusForbidden
		}
	}
	ctx := context.Background()
	successes := map[string]int{}
	for _, from := range allStates {
		for _, to := range allStates {
			for _, c := range callers {
				name := fmt.Sprintf("%s: %s → %s", c.name, from, to)
				id := putDossier(t, e, w.ward.ID, w.birth, &w.citizen, from)
				body := map[string]any{"to": to}
				if to == "supplement_requested" || to == "rejected" {
					body["note"] = "Thiếu bản chính giấy chứng sinh"
				}
				res := e.Do(testkit.Req{Method: "POST", Path: "/v1/dossiers/" + id.String() + "/transitions", Token: c.user.Token, Body: body})
				want := expect(c.name, from, to)
				if res.Status != want {
					t.Errorf("%s: status %d, want %d (%s)", name, res.Status, want, res.Body)
					continue
				}
				if want != http.StatusOK {
					if code := res.Problem(t).Code; want == http.StatusConflict && code != "illegal_transition" {
						t.Errorf("%s: code %q", name, code)
					}
				}

				var status string
				var resultAt, closedAt *time.Time
				if err := e.Pool.QueryRow(ctx, "SELECT status, result_at, closed_at FROM dossiers WHERE id = $1", id).Scan(&status, &resultAt, &closedAt); err != nil {
					t.Fatal(err)
				}
				events := e.Count("SELECT count(*) FROM dossier_events WHERE dossier_id = $1", id)
				audits := e.Count("SELECT count(*) FROM audit_events WHERE target_id = $1", id)
				told := e.Count("SELECT count(*) FROM notifications WHERE data->>'dossier_id' = $1", id.String())
				if want != http.StatusOK {
					if status != from || events != 0 || audits != 0 || told != 0 {
						t.Errorf("%s refused but status %s, %d events, %d audit rows, %d notifications", name, status, events, audits, told)
					}
					continue
				}
				successes[c.name]++
				if status != to || events != 1 || audits != 1 {
					t.Errorf("%s: status %s, %d events, %d audit rows", name, status, events, audits)
				}
				if hasResult := to == "result_ready" || to == "returned"; hasResult != (resultAt != nil) {
					t.Errorf("%s: result_at %v", name, resultAt)
				}
				if closed := to == "returned" || to == "rejected" || to == "withdrawn"; closed != (closedAt != nil) {
					t.Errorf("%s: closed_at %v", name, closedAt)
				}
				if n := e.Count(`SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND kind = 'transition'
					AND from_status = $2 AND to_status = $3 AND actor_id = $4 AND actor_role = $5
					AND note IS NOT DISTINCT FROM $6`, id, from, to, c.user.ID, c.user.Role, body["note"]); n != 1 {
					t.Errorf("%s: the event does not say who moved it from where to where", name)
				}
				wantTold := 0
				if notifying[to] {
					wantTold = 1
				}
				if told != wantTold || e.Count("SELECT count(*) FROM notifications WHERE user_id = $1 AND type = $2 AND data->>'dossier_id' = $3",
					w.citizen.ID, "dossier."+to, id.String()) != wantTold {
					t.Errorf("%s: %d notifications, want %d of type dossier.%s to the applicant", name, told, wantTold, to)
				}
			}
		}
	}
	// 7 staff moves for each staff role, 3 withdrawals for the applicant.
	if successes["officer"] != 7 || successes["admin"] != 7 || successes["applicant"] != 3 || len(successes) != 3 {
		t.Fatalf("successful moves by caller: %v", successes)
	}
}

// Two officers racing the same move: the row lock lets exactly one through; the other sees the
// new state and is refused as an illegal move, so the timeline has one event.
func TestConcurrentTransitionsSerialise(t *testing.T) {
	w := newWorld(t)
	admin := w.e.NewUser(w.ward, auth.RoleAdmin)
	for round := 0; round < 5; round++ {
		id := putDossier(t, w.e, w.ward.ID, w.birth, &w.citizen, "approved")
		statuses := make(chan int, 2)
		for _, u := range []testkit.User{w.officer, admin} {
			go func(u testkit.User) {
				statuses <- w.e.Do(testkit.Req{Method: "POST", Path: "/v1/dossiers/" + id.String() + "/transitions", Token: u.Token,
					Body: map[string]any{"to": "result_ready"}}).Status
			}(u)
		}
		a, b := <-statuses, <-statuses
		if a+b != 200+409 {
			t.Fatalf("round %d: statuses %d and %d, want one 200 and one 409", round, a, b)
		}
		if n := w.e.Count("SELECT count(*) FROM dossier_events WHERE dossier_id = $1", id); n != 1 {
			t.Fatalf("round %d: %d events", round, n)
		}
		if n := w.e.Count("SELECT count(*) FROM notifications WHERE data->>'dossier_id' = $1", id.String()); n != 1 {
			t.Fatalf("round %d: %d notifications", round, n)
		}
	}
}
