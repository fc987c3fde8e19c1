package dossier_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A dossier waiting for the citizen's supplement has its clock paused (Nghị định 61/2018/NĐ-CP,
// kept by 118/2025/NĐ-CP): past its due time it is neither overdue nor due soon, in the lists and
// in its own overdue flag. Back in review, the clock runs again.
func TestSupplementPauseIsNotOverdue(t *testing.T) {
	w := newWorld(t)
	e := w.e
	e.Clock.Set(vn("2026-11-23 09:00")) // Monday; due Thursday 26/11 17:00
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Hà Văn Một", "channel": "counter"})
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "in_review"})
	e.Clock.Set(vn("2026-11-25 10:00")) // Wednesday: due soon
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "supplement_requested", "note": "Bản sao giấy chứng nhận kết hôn"})
	paused := true
	ids := func(q string) map[string]bool {
		t.Helper()
		var l api.DossierList
		e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers?" + q, Token: e.Token(w.officer)}).JSON(t, &l)
		out := map[string]bool{}
		for _, it := range l.Items {
			out[it.Id.String()] = true
			if it.Id == d.Id && it.Overdue && paused {
				t.Errorf("%s: listed as overdue while paused", q)
			}
		}
		return out
	}
	if ids("due_soon=true")[d.Id.String()] || !ids("due_soon=false")[d.Id.String()] {
		t.Fatal("paused dossier listed as due soon")
	}
	e.Clock.Set(vn("2026-12-01 10:00")) // Tuesday, well past the first due date
	if ids("overdue=true")[d.Id.String()] || !ids("overdue=false")[d.Id.String()] {
		t.Fatal("paused dossier listed as overdue")
	}
	if w.get(t, w.officer, d.Id).Overdue {
		t.Fatal("paused dossier flagged overdue")
	}
	// Back in review: Thu, Fri, Mon, Tue waited, due Wed 2/12 17:00; past that it is overdue.
	var back api.DossierDetail
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "in_review"}).JSON(t, &back)
	paused = false
	if back.PausedDays != 4 || !back.DueAt.Equal(vn("2026-12-02 17:00")) {
		t.Fatalf("after the pause: %d days, due %s", back.PausedDays, back.DueAt)
	}
	e.Clock.Set(vn("2026-12-03 09:00"))
	if !ids("overdue=true")[d.Id.String()] || !w.get(t, w.officer, d.Id).Overdue {
		t.Fatal("running again past its new date, not overdue")
	}
}

// A procedure counted in calendar days (Luật Đất đai 2024, Điều 235) pauses in calendar days:
// the weekend waited counts, and a new date on a day off moves to the next working day (Bộ luật
// Dân sự 2015, Điều 147–148).
func TestCalendarDayProcedurePausesInCalendarDays(t *testing.T) {
	w := newWorld(t)
	e := w.e
	mediation := insertProcedure(t, e, w.ward.ID, "1.012345", "Hòa giải tranh chấp đất đai", 30, nil, "counter")
	e.Pool.Exec(context.Background(), "UPDATE procedures SET day_count = 'calendar' WHERE id = $1", mediation)
	e.Clock.Set(vn("2026-11-23 09:00")) // Monday; due Wednesday 23/12 17:00
	d := w.create(t, map[string]any{"procedure_id": mediation, "applicant_name": "Lâm Văn Mười Một", "channel": "counter"})
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "in_review"})
	e.Clock.Set(vn("2026-11-27 10:00")) // Friday
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "supplement_requested", "note": "Biên bản hòa giải lần trước"})
	e.Clock.Set(vn("2026-11-30 08:00")) // Monday: Sat, Sun, Mon waited
	var back api.DossierDetail
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "in_review"}).JSON(t, &back)
	// 23/12 + 3 = Saturday 26/12: due Monday 28/12 (in working days it would have been Thu 24/12).
	if back.PausedDays != 3 || !back.DueAt.Equal(vn("2026-12-28 17:00")) || !back.OriginalDueAt.Equal(vn("2026-12-23 17:00")) {
		t.Fatalf("after the pause: %d days, due %s, original %s", back.PausedDays, back.DueAt, back.OriginalDueAt)
	}
}
