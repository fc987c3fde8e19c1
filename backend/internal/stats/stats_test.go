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

func TestDashboardFigures(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	proc := uuid.Must(uuid.NewV7())
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES ($1, $2, '1.001193', 'Đăng ký khai sinh', 'x', 'Hộ tịch', 2, ARRAY['counter','online','home_pickup'], now(), now())`, proc, w.ID); err != nil {
		t.Fatal(err)
	}
	create := func(at time.Time, channel string) api.Dossier {
		e.Clock.Set(at)
		var d api.Dossier
		e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer),
			Body: map[string]any{"procedure_id": proc, "applicant_id": citizen.ID, "channel": channel}}).JSON(t, &d)
		return d
	}
	ready := func(d api.Dossier, at time.Time) {
		e.Clock.Set(at)
		for _, to := range []string{"in_review", "approved", "result_ready"} {
			e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(officer), Body: map[string]any{"to": to}})
		}
	}
	vn := func(s string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", s, calendar.Location)
		return t
	}
	a := create(vn("2026-11-02 09:00"), "counter") // week of 2 Nov, due Wed 4 Nov
	b := create(vn("2026-11-03 09:00"), "online")
	create(vn("2026-11-10 09:00"), "online") // week of 9 Nov, never finished: overdue
	ready(a, vn("2026-11-04 10:00"))         // on time
	ready(b, vn("2026-11-09 10:00"))         // late
	e.Clock.Set(vn("2026-11-20 09:00"))

	var s api.Stats
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-11-01&to=2026-11-30", Token: e.Token(officer)}).JSON(t, &s)
	if s.Received != 3 || len(s.Weeks) != 2 || s.Weeks[0].Counter != 1 || s.Weeks[0].Online != 1 || s.Weeks[1].Online != 1 {
		t.Fatalf("received %+v", s)
	}
	if s.OnlineShare < 0.66 || s.OnlineShare > 0.67 || s.WithResult != 2 || s.OnTime != 1 || s.OnTimeRate != 0.5 || s.OverdueNow != 1 {
		t.Fatalf("figures %+v", s)
	}
	// Another ward's officer sees their own (empty) ward; citizens are refused; ranges are checked.
	var other api.Stats
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-11-01&to=2026-11-30", Token: e.Token(e.NewUser(e.NewWard("00070", 0), auth.RoleOfficer))}).JSON(t, &other)
	if other.Received != 0 || other.OverdueNow != 0 || other.OnTimeRate != 1 || len(other.Weeks) != 0 {
		t.Fatalf("other ward %+v", other)
	}
	e.Expect(403, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-11-01&to=2026-11-30", Token: e.Token(citizen)})
	e.Expect(422, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-11-30&to=2026-11-01", Token: e.Token(officer)})
}
