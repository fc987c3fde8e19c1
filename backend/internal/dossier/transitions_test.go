package dossier_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

var allStates = []string{"submitted", "received", "refused_at_intake", "in_review", "supplement_requested", "approved", "result_ready",
	"returned", "rejected", "withdrawn"}

// lifecycle is the dossier machine as DESIGN.md §4 and the contract state it, written out here
// independently of machine.go (never computed with dossier.Machine, so a wrong table there is
// caught): who may make each legal move.
var lifecycle = map[[2]string]string{
	{"submitted", "received"}:             "staff",
	{"submitted", "refused_at_intake"}:    "staff",
	{"received", "in_review"}:             "staff",
	{"in_review", "supplement_requested"}: "staff",
	{"supplement_requested", "in_review"}: "staff",
	{"in_review", "approved"}:             "staff",
	{"in_review", "rejected"}:             "staff",
	{"approved", "result_ready"}:          "staff",
	{"result_ready", "returned"}:          "staff",
	{"submitted", "withdrawn"}:            "applicant",
	{"received", "withdrawn"}:             "applicant",
	{"in_review", "withdrawn"}:            "applicant",
	{"supplement_requested", "withdrawn"}: "applicant",
}

// notifying are the states whose reaching tells the applicant (received at the counter is told on
// creation, received from submitted by the move).
var notifying = map[string]bool{"received": true, "refused_at_intake": true, "supplement_requested": true, "rejected": true,
	"result_ready": true, "returned": true}

// reason is sent with every move: refusals, rejections and supplement requests need one.
const reason = "Thiếu giấy chứng sinh bản chính"

var seqCode int

// putDossier writes a dossier straight into state with SQL, with result_at and closed_at as
// the CHECK constraints require, a due date in the future (none while submitted or refused at
// intake), a receipt snapshot once received, and no events.
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
	if state == "returned" || state == "rejected" || state == "withdrawn" || state == "refused_at_intake" {
		closedAt = &now
	}
	receivedAt, dueAt := ptr(now.Add(-time.Hour)), ptr(now.Add(72*time.Hour))
	receipt := []byte(`{"procedure_code":"1.001193","procedure_name":"Đăng ký khai sinh","fee_vnd":null,"documents_received":["Tờ khai"],
		"office_name":"","ward_name":"Phường thử","received_at":"2026-01-05T09:00:00+07:00","due_at":"2026-01-08T17:00:00+07:00","return_method":"counter"}`)
	if state == "submitted" || state == "refused_at_intake" {
		receivedAt, dueAt, receipt = nil, nil, nil
	}
	var applicantID uuid.NullUUID
	name, phone := "Trần Thị Bảy", "+84912345678"
	if applicant != nil {
		applicantID = uuid.NullUUID{UUID: applicant.ID, Valid: true}
		phone = applicant.Phone
	}
	_, err := e.Pool.Exec(context.Background(), `INSERT INTO dossiers (id, ward_id, code, procedure_id, procedure_code, procedure_name,
		applicant_id, applicant_name, applicant_phone, channel, return_method, status, received_at, due_at, result_at, closed_at,
		created_at, updated_at, submitted_at, original_due_at, paused_at, receipt)
		VALUES ($1, $2, $3, $4, '1.001193', 'Đăng ký khai sinh', $5, $6, $7, 'counter', 'counter', $8, $9, $10, $11, $12, $13, $13, $13, $10,
		CASE WHEN $8 = 'supplement_requested' THEN $13::timestamptz END, $14)`,
		id, ward, code, procedure, applicantID, name, phone, state, receivedAt, dueAt, resultAt, closedAt, now.Add(-time.Hour), receipt)
	if err != nil {
		t.Fatalf("put dossier in %s: %v", state, err)
	}
	return id
}

// putProcedure adds the birth registration procedure to a ward's catalogue.
func putProcedure(t *testing.T, e *testkit.Env, ward uuid.UUID) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	err := e.Pool.QueryRow(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field,
		processing_days, channels, created_at, updated_at)
		VALUES (gen_random_uuid(), $1, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh 1.001193', 'Hộ tịch', 3,
		ARRAY['counter','online'], now(), now()) RETURNING id`, ward).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Every (from, to) pair of the eight states, by every kind of caller: exactly the table's
// answer; on success the new state, one transition event, one audit row and (for the told
// states) one notification; on a refusal nothing at all changes.
func TestTransitionsExhaustively(t *testing.T) {
	e := testkit.New(t)
	ctx := context.Background()
	wardA, wardB := e.NewWard("26734", 1), e.NewWard("00072", 1)
	birth := putProcedure(t, e, wardA.ID)
	applicant := e.NewUser(wardA, auth.RoleCitizen)
	callers := []struct {
		name string
		user testkit.User
	}{
		{"applicant", applicant},
		{"other_citizen", e.NewUser(wardA, auth.RoleCitizen)},
		{"volunteer", e.NewUser(wardA, auth.RoleVolunteer)},
		{"officer", e.NewUser(wardA, auth.RoleOfficer)},
		{"admin", e.NewUser(wardA, auth.RoleAdmin)},
		{"officer_ward_b", e.NewUser(wardB, auth.RoleOfficer)},
	}
	expect := func(caller, from, to string) int {
		switch caller {
		case "volunteer":
			return http.StatusForbidden // refused by the gate: not a role of the operation
		case "other_citizen", "officer_ward_b":
			return http.StatusNotFound // someone else's dossier does not exist for them
		}
		who, legal := lifecycle[[2]string{from, to}]
		switch {
		case !legal: // includes to == from without a new due date
			return http.StatusConflict
		case who == "applicant" && caller == "applicant", who == "staff" && (caller == "officer" || caller == "admin"):
			return http.StatusOK
		default:
			return http.StatusForbidden
		}
	}

	successes := map[string]int{}
	cases := 0
	for _, from := range allStates {
		for _, to := range allStates {
			for _, c := range callers {
				cases++
				from, to, c := from, to, c
				t.Run(from+"→"+to+"/"+c.name, func(t *testing.T) {
					id := putDossier(t, e, wardA.ID, birth, &applicant, from)
					res := e.Do(testkit.Req{Method: "POST", Path: "/v1/dossiers/" + id.String() + "/transitions", Token: c.user.Token,
						Body: map[string]any{"to": to, "note": reason}})
					want := expect(c.name, from, to)
					if res.Status != want {
						t.Fatalf("status %d, want %d (%s)", res.Status, want, res.Body)
					}
					if want == http.StatusConflict {
						if code := res.Problem(t).Code; code != "illegal_transition" {
							t.Errorf("problem code %q, want illegal_transition", code)
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
							t.Errorf("refused but status %s (was %s), %d events, %d audit rows, %d notifications", status, from, events, audits, told)
						}
						return
					}

					successes[c.name]++
					var got struct {
						Status string `json:"status"`
					}
					res.JSON(t, &got)
					if got.Status != to || status != to {
						t.Errorf("answered status %q, stored %q, want %q", got.Status, status, to)
					}
					if events != 1 || audits != 1 {
						t.Errorf("%d events, %d audit rows; want 1 and 1", events, audits)
					}
					if n := e.Count(`SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND kind = 'transition'
						AND from_status = $2 AND to_status = $3 AND actor_id = $4 AND actor_role = $5`,
						id, from, to, c.user.ID, c.user.Role); n != 1 {
						t.Errorf("%d transition events from %s to %s by the caller, want 1", n, from, to)
					}
					if hasResult := to == "result_ready" || to == "returned"; hasResult != (resultAt != nil) {
						t.Errorf("result_at %v", resultAt)
					}
					if closed := to == "returned" || to == "rejected" || to == "withdrawn" || to == "refused_at_intake"; closed != (closedAt != nil) {
						t.Errorf("closed_at %v", closedAt)
					}
					wantTold := 0
					if notifying[to] {
						wantTold = 1
					}
					if told != wantTold || e.Count("SELECT count(*) FROM notifications WHERE user_id = $1 AND type = $2 AND data->>'dossier_id' = $3",
						applicant.ID, "dossier."+to, id.String()) != wantTold {
						t.Errorf("%d notifications, want %d of type dossier.%s to the applicant", told, wantTold, to)
					}
				})
			}
		}
	}
	// 10×10 pairs by 6 callers; 9 staff moves for each staff role, 4 withdrawals for the applicant.
	if cases != 600 {
		t.Fatalf("%d cases, want 600", cases)
	}
	if successes["officer"] != 9 || successes["admin"] != 9 || successes["applicant"] != 4 || len(successes) != 3 {
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

// A dossier in any state is invisible to everyone but its applicant and its ward's staff:
// anonymous callers are turned away, another citizen and another ward's officer get 404 on
// the dossier and its receipt, and their lists leave it out.
func TestDossierIsolation(t *testing.T) {
	e := testkit.New(t)
	wardA, wardB := e.NewWard("26734", 1), e.NewWard("00072", 1)
	birthA, birthB := putProcedure(t, e, wardA.ID), putProcedure(t, e, wardB.ID)
	applicant := e.NewUser(wardA, auth.RoleCitizen)
	other := e.NewUser(wardA, auth.RoleCitizen)
	officerA := e.NewUser(wardA, auth.RoleOfficer)
	officerB := e.NewUser(wardB, auth.RoleOfficer)

	mine := map[uuid.UUID]bool{}
	for _, s := range allStates {
		mine[putDossier(t, e, wardA.ID, birthA, &applicant, s)] = true
	}
	// Each outsider has something of their own, so an empty list would not pass by accident.
	othersOwn := putDossier(t, e, wardA.ID, birthA, &other, "received")
	wardBs := putDossier(t, e, wardB.ID, birthB, nil, "in_review")

	for id := range mine {
		base := "/v1/dossiers/" + id.String()
		// The rightful readers see it: the refusals below are about who asks, not a broken route.
		// A dossier never received has no receipt yet.
		var status string
		e.Pool.QueryRow(context.Background(), "SELECT status FROM dossiers WHERE id = $1", id).Scan(&status)
		receipt := http.StatusOK
		if status == "submitted" || status == "refused_at_intake" {
			receipt = http.StatusConflict
		}
		for _, tok := range []string{applicant.Token, officerA.Token} {
			for _, p := range []string{base, base + "/receipt.png"} {
				e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: p, Token: tok})
			}
			e.Expect(receipt, testkit.Req{Method: "GET", Path: base + "/receipt", Token: tok})
		}
		e.Expect(receipt, testkit.Req{Method: "GET", Path: base + "/receipt.html", Token: officerA.Token})
		e.Expect(http.StatusForbidden, testkit.Req{Method: "GET", Path: base + "/receipt.html", Token: applicant.Token})
		for _, r := range []testkit.Req{
			{Method: "POST", Path: base + "/transitions", Body: map[string]any{"to": "in_review"}},
			{Method: "GET", Path: base},
			{Method: "GET", Path: base + "/receipt"},
			{Method: "GET", Path: base + "/receipt.png"},
			{Method: "GET", Path: base + "/receipt.html"},
			{Method: "PATCH", Path: base, Body: map[string]any{"portal_code": nil}},
		} {
			if res := e.Do(r); res.Status != http.StatusUnauthorized {
				t.Errorf("anonymous %s %s: status %d, want 401", r.Method, r.Path, res.Status)
			}
		}
		for _, c := range []struct {
			name  string
			token string
		}{{"other citizen", other.Token}, {"officer of ward B", officerB.Token}} {
			for _, p := range []string{base, base + "/receipt", base + "/receipt.png", base + "/receipt.html"} {
				want := http.StatusNotFound
				if c.token == other.Token && strings.HasSuffix(p, ".html") {
					want = http.StatusForbidden // the printable receipt is for staff only
				}
				if res := e.Do(testkit.Req{Method: "GET", Path: p, Token: c.token}); res.Status != want {
					t.Errorf("%s GET %s: status %d, want %d (%s)", c.name, p, res.Status, want, res.Body)
				}
			}
		}
		if res := e.Do(testkit.Req{Method: "PATCH", Path: base, Token: officerB.Token, Body: map[string]any{"portal_code": "H29-261123-0001"}}); res.Status != http.StatusNotFound {
			t.Errorf("officer of ward B PATCH %s: status %d, want 404", base, res.Status)
		}
	}

	if res := e.Do(testkit.Req{Method: "GET", Path: "/v1/dossiers"}); res.Status != http.StatusUnauthorized {
		t.Errorf("anonymous list: status %d, want 401", res.Status)
	}
	list := func(tok string) []uuid.UUID {
		t.Helper()
		var l api.DossierList
		e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers?limit=100", Token: tok}).JSON(t, &l)
		ids := make([]uuid.UUID, 0, len(l.Items))
		for _, d := range l.Items {
			ids = append(ids, d.Id)
		}
		return ids
	}
	if ids := list(other.Token); len(ids) != 1 || ids[0] != othersOwn {
		t.Errorf("other citizen lists %v, want only their own %v", ids, othersOwn)
	}
	if ids := list(officerB.Token); len(ids) != 1 || ids[0] != wardBs {
		t.Errorf("officer of ward B lists %v, want only ward B's %v", ids, wardBs)
	}
	if n := len(list(applicant.Token)); n != len(mine) {
		t.Errorf("applicant lists %d dossiers, want %d", n, len(mine))
	}
}

func ptr[T any](v T) *T { return &v }
