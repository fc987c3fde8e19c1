package dossier_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The apology letter with a new date (Nghị định 61/2018 Điều 12, kept by 118/2025): no later than
// one working day before the due date, once per dossier, and original_due_at never moves. Around
// Tết 2026: received Monday 9 February, due Thursday 12 February 17:00, so the letter may go out
// until Wednesday 11 February.
func TestRescheduleRefusals(t *testing.T) {
	w := newWorld(t)
	e := w.e
	e.Clock.Set(vn("2026-02-09 09:00"))
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	if !d.DueAt.Equal(vn("2026-02-12 17:00")) || !d.OriginalDueAt.Equal(vn("2026-02-12 17:00")) {
		t.Fatalf("due %s, original %s", d.DueAt, d.OriginalDueAt)
	}
	path := "/v1/dossiers/" + d.Id.String() + "/transitions"
	apology := "Xin lỗi ông/bà: hồ sơ cần xác minh thêm tại nơi đăng ký thường trú"
	post := func(u testkit.User, body map[string]any) *testkit.Response {
		return e.Do(testkit.Req{Method: "POST", Path: path, Token: e.Token(u), Body: body})
	}
	admin := e.NewUser(w.ward, auth.RoleAdmin)
	resched := map[string]any{"to": "received", "new_due_date": "2026-02-23", "note": apology}

	// On the due day, or after it, it is too late: the letter had to go out the day before.
	for _, now := range []string{"2026-02-12 08:00", "2026-02-13 09:00"} {
		e.Clock.Set(vn(now))
		if p := e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: path, Token: e.Token(w.officer), Body: resched}).Problem(t); p.Code != "too_late_for_apology" {
			t.Fatalf("at %s: code %q", now, p.Code)
		}
	}

	e.Clock.Set(vn("2026-02-10 09:00"))
	fieldCases := []struct {
		name, field, code string
		body              map[string]any
	}{
		{"today", "new_due_date", "not_after_today", map[string]any{"to": "received", "new_due_date": "2026-02-10", "note": apology}},
		{"in the past", "new_due_date", "not_after_today", map[string]any{"to": "received", "new_due_date": "2026-02-06", "note": apology}},
		{"the current due date", "new_due_date", "not_after_due", map[string]any{"to": "received", "new_due_date": "2026-02-12", "note": apology}},
		{"Tết holiday", "new_due_date", "not_working_day", map[string]any{"to": "received", "new_due_date": "2026-02-17", "note": apology}},
		{"Sunday", "new_due_date", "not_working_day", map[string]any{"to": "received", "new_due_date": "2026-02-15", "note": apology}},
		{"no apology", "note", "apology_required", map[string]any{"to": "received", "new_due_date": "2026-02-23"}},
		{"blank apology", "note", "apology_required", map[string]any{"to": "received", "new_due_date": "2026-02-23", "note": "   "}},
		{"date with another state", "new_due_date", "not_a_reschedule", map[string]any{"to": "in_review", "new_due_date": "2026-02-23", "note": apology}},
	}
	for _, c := range fieldCases {
		res := post(w.officer, c.body)
		if res.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d: %s", c.name, res.Status, res.Body)
			continue
		}
		if p := res.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != c.field || p.Errors[0].Code != c.code {
			t.Errorf("%s: errors %+v", c.name, p.Errors)
		}
	}
	// Without a new date, "to the same state" is just an illegal move.
	if p := e.Expect(http.StatusConflict, testkit.Req{Method: "POST", Path: path, Token: e.Token(w.officer), Body: map[string]any{"to": "received", "note": apology}}).Problem(t); p.Code != "illegal_transition" {
		t.Fatalf("code %q", p.Code)
	}
	if s := post(w.citizen, resched).Status; s != http.StatusForbidden {
		t.Fatalf("the applicant rescheduled: %d", s)
	}
	if s := post(e.NewUser(w.ward, auth.RoleVolunteer), resched).Status; s != http.StatusForbidden {
		t.Fatalf("a volunteer rescheduled: %d", s)
	}
	if s := post(e.NewUser(e.NewWard("00072", 1), auth.RoleOfficer), resched).Status; s != http.StatusNotFound {
		t.Fatalf("another ward's officer: %d", s)
	}
	if n := e.Count("SELECT count(*) FROM dossier_events WHERE dossier_id = $1", d.Id); n != 1 {
		t.Fatalf("refusals wrote %d events", n)
	}

	// The last day it may go out (Wednesday 11, late in the day): accepted, recorded, audited, told.
	e.Clock.Set(vn("2026-02-11 16:30"))
	var after api.DossierDetail
	post(admin, resched).JSON(t, &after)
	if !after.DueAt.Equal(vn("2026-02-23 17:00")) || !after.OriginalDueAt.Equal(vn("2026-02-12 17:00")) || after.RescheduleCount != 1 ||
		after.Overdue || after.Status != "received" {
		t.Fatalf("after %+v", after)
	}
	last := after.Events[len(after.Events)-1]
	if last.Kind != "rescheduled" || last.DueAt == nil || !last.DueAt.Equal(vn("2026-02-23 17:00")) || last.Note == nil || *last.Note != apology {
		t.Fatalf("event %+v", last)
	}
	if n := e.Count("SELECT count(*) FROM audit_events WHERE target_id = $1 AND action = 'dossier.reschedule' AND actor_id = $2", d.Id, admin.ID); n != 1 {
		t.Fatalf("%d audit rows", n)
	}
	var title, body string
	e.Pool.QueryRow(context.Background(), "SELECT title_vi, body_vi FROM notifications WHERE type = 'dossier.rescheduled' AND user_id = $1", w.citizen.ID).Scan(&title, &body)
	if title != "Thư xin lỗi và hẹn lại ngày trả kết quả" || !strings.Contains(body, d.Code) || !strings.Contains(body, "23/02/2026") ||
		!strings.Contains(body, "Lý do: "+apology) {
		t.Fatalf("rescheduled notification %q / %q", title, body)
	}

	// Once only, even with time to spare before the new date.
	e.Clock.Set(vn("2026-02-16 09:00"))
	if p := e.Expect(http.StatusConflict, testkit.Req{Method: "POST", Path: path, Token: e.Token(w.officer),
		Body: map[string]any{"to": "received", "new_due_date": "2026-02-26", "note": apology}}).Problem(t); p.Code != "apology_already_sent" {
		t.Fatalf("code %q", p.Code)
	}
	// The database refuses a second one too, whatever the code does.
	if _, err := e.Pool.Exec(context.Background(), "UPDATE dossiers SET reschedule_count = 2 WHERE id = $1", d.Id); err == nil {
		t.Fatal("the schema allowed a second apology")
	}

	// A dossier with its result, or not received yet, has no running clock to reschedule.
	for _, state := range []string{"result_ready", "submitted", "returned"} {
		id := putDossier(t, e, w.ward.ID, w.birth, &w.citizen, state)
		if p := e.Expect(http.StatusConflict, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + id.String() + "/transitions", Token: e.Token(w.officer),
			Body: map[string]any{"to": state, "new_due_date": "2026-02-26", "note": apology}}).Problem(t); p.Code != "not_in_progress" {
			t.Fatalf("%s: code %q", state, p.Code)
		}
	}
}

// Two officers sending the letter at once: the row lock lets one through, the other sees it sent.
func TestConcurrentApologiesSendOne(t *testing.T) {
	w := newWorld(t)
	w.e.Clock.Set(vn("2026-11-23 09:00"))
	admin := w.e.NewUser(w.ward, auth.RoleAdmin)
	for round := 0; round < 3; round++ {
		d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
		statuses := make(chan int, 2)
		for _, u := range []testkit.User{w.officer, admin} {
			go func(u testkit.User) {
				statuses <- w.e.Do(testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: w.e.Token(u),
					Body: map[string]any{"to": "received", "new_due_date": "2026-12-01", "note": "Xin lỗi ông/bà vì chậm trả kết quả"}}).Status
			}(u)
		}
		if a, b := <-statuses, <-statuses; a+b != 200+409 {
			t.Fatalf("round %d: statuses %d and %d", round, a, b)
		}
		if n := w.e.Count("SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND kind = 'rescheduled'", d.Id); n != 1 {
			t.Fatalf("round %d: %d letters", round, n)
		}
	}
}
