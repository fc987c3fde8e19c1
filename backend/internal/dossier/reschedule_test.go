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

// Around Tết 2026: received Monday 9 February, due Thursday 12 February 17:00; on Friday the 13th
// it is late, and the office may only promise a working day after today.
func TestRescheduleRefusals(t *testing.T) {
	w := newWorld(t)
	e := w.e
	e.Clock.Set(vn("2026-02-09 09:00"))
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	if !d.DueAt.Equal(vn("2026-02-12 17:00")) {
		t.Fatalf("due %s", d.DueAt)
	}
	path := "/v1/dossiers/" + d.Id.String() + "/transitions"
	apology := "Xin lỗi ông/bà: hồ sơ cần xác minh thêm tại nơi đăng ký thường trú"
	post := func(u testkit.User, body map[string]any) *testkit.Response {
		return e.Do(testkit.Req{Method: "POST", Path: path, Token: e.Token(u), Body: body})
	}
	e.Clock.Set(vn("2026-02-13 09:00"))
	admin := e.NewUser(w.ward, auth.RoleAdmin)

	fieldCases := []struct {
		name, field, code string
		body              map[string]any
	}{
		{"today", "new_due_date", "not_after_today", map[string]any{"to": "received", "new_due_date": "2026-02-13", "note": apology}},
		{"in the past", "new_due_date", "not_after_today", map[string]any{"to": "received", "new_due_date": "2026-02-10", "note": apology}},
		{"Tết holiday", "new_due_date", "not_working_day", map[string]any{"to": "received", "new_due_date": "2026-02-17", "note": apology}},
		{"Sunday", "new_due_date", "not_working_day", map[string]any{"to": "received", "new_due_date": "2026-02-15", "note": apology}},
		{"no apology", "note", "required", map[string]any{"to": "received", "new_due_date": "2026-02-23"}},
		{"blank apology", "note", "required", map[string]any{"to": "received", "new_due_date": "2026-02-23", "note": "   "}},
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
	resched := map[string]any{"to": "received", "new_due_date": "2026-02-23", "note": apology}
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

	// The first working day after Tết: accepted, recorded, audited and told.
	var after api.DossierDetail
	post(admin, resched).JSON(t, &after)
	if !after.DueAt.Equal(vn("2026-02-23 17:00")) || after.RescheduleCount != 1 || after.Overdue || after.Status != "received" {
		t.Fatalf("after %+v", after)
	}
	last := after.Events[len(after.Events)-1]
	if last.Kind != "rescheduled" || last.DueAt == nil || !last.DueAt.Equal(vn("2026-02-23 17:00")) || last.Note == nil || *last.Note != apology {
		t.Fatalf("event %+v", last)
	}
	if n := e.Count("SELECT count(*) FROM audit_events WHERE target_id = $1 AND action = 'dossier.reschedule' AND actor_id = $2", d.Id, admin.ID); n != 1 {
		t.Fatalf("%d audit rows", n)
	}
	var body string
	e.Pool.QueryRow(context.Background(), "SELECT body_vi FROM notifications WHERE type = 'dossier.rescheduled' AND user_id = $1", w.citizen.ID).Scan(&body)
	if !strings.Contains(body, "23/02/2026") || !strings.Contains(body, apology) {
		t.Fatalf("rescheduled notification %q", body)
	}

	// No longer late: another reschedule is refused until the new date passes too.
	if p := e.Expect(http.StatusConflict, testkit.Req{Method: "POST", Path: path, Token: e.Token(w.officer),
		Body: map[string]any{"to": "received", "new_due_date": "2026-02-24", "note": apology}}).Problem(t); p.Code != "not_overdue" {
		t.Fatalf("code %q", p.Code)
	}
	e.Clock.Set(vn("2026-02-24 08:00"))
	var again api.DossierDetail
	e.Expect(200, testkit.Req{Method: "POST", Path: path, Token: e.Token(w.officer),
		Body: map[string]any{"to": "received", "new_due_date": "2026-02-25", "note": apology}}).JSON(t, &again)
	if again.RescheduleCount != 2 {
		t.Fatalf("reschedule count %d", again.RescheduleCount)
	}

	// A dossier with its result is not overdue, however late: nothing to reschedule.
	e.Clock.Set(vn("2026-02-24 08:00"))
	ready := putDossier(t, e, w.ward.ID, w.birth, &w.citizen, "result_ready")
	e.Pool.Exec(context.Background(), "UPDATE dossiers SET received_at = $2, due_at = $2 WHERE id = $1", ready, vn("2026-02-10 17:00"))
	e.Expect(http.StatusConflict, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + ready.String() + "/transitions", Token: e.Token(w.officer),
		Body: map[string]any{"to": "result_ready", "new_due_date": "2026-02-26", "note": apology}})
}
