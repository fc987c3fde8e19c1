package stats_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// "Overdue now" leaves out a dossier waiting for the citizen's supplement: its clock is paused
// (Nghị định 61/2018/NĐ-CP, kept by 118/2025/NĐ-CP). Back in review past its date, it counts.
func TestOverdueNowLeavesOutPausedDossiers(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	proc := uuid.Must(uuid.NewV7())
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES ($1, $2, '1.001193', 'Đăng ký khai sinh', 'x', 'Hộ tịch', 2, ARRAY['counter'], now(), now())`, proc, w.ID); err != nil {
		t.Fatal(err)
	}
	vn := func(s string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", s, calendar.Location)
		return t
	}
	move := func(id uuid.UUID, body map[string]any) {
		e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + id.String() + "/transitions", Token: e.Token(officer), Body: body})
	}
	overdue := func() int {
		var s api.Stats
		e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-11-01&to=2026-11-30", Token: e.Token(officer)}).JSON(t, &s)
		return s.OverdueNow
	}
	e.Clock.Set(vn("2026-11-02 09:00")) // Monday, due Wednesday 4/11
	var d api.Dossier
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer),
		Body: map[string]any{"procedure_id": proc, "applicant_name": "Hà Văn Một", "channel": "counter"}}).JSON(t, &d)
	move(d.Id, map[string]any{"to": "in_review"})
	move(d.Id, map[string]any{"to": "supplement_requested", "note": "Tờ khai có chữ ký"})
	e.Clock.Set(vn("2026-11-10 09:00"))
	if n := overdue(); n != 0 {
		t.Fatalf("paused dossier counted overdue: %d", n)
	}
	move(d.Id, map[string]any{"to": "in_review"}) // 6 working days waited: due Thu 12/11
	e.Clock.Set(vn("2026-11-13 09:00"))
	if n := overdue(); n != 1 {
		t.Fatalf("overdue now %d, want 1", n)
	}
}
