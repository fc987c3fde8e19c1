package stats_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func (f *fixture) rate(dossierID uuid.UUID, by testkit.User, score int, at time.Time) {
	f.t.Helper()
	if _, err := f.e.Pool.Exec(context.Background(), `INSERT INTO dossier_ratings (id, dossier_id, ward_id, rated_by, rating, channel, procedure_field, created_at)
		SELECT $1, d.id, d.ward_id, $3, $4, d.channel, p.field, $5 FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE d.id = $2`,
		uuid.Must(uuid.NewV7()), dossierID, by.ID, score, at); err != nil {
		f.t.Fatal(err)
	}
}

// Dossier ratings given in the period, per month of the rating (Vietnam time), per channel and
// per procedure field; the pickups' own average stays apart; other wards' ratings never count.
func TestDossierSatisfactionPerMonthChannelAndField(t *testing.T) {
	e := testkit.New(t)
	f := &fixture{t: t, e: e, ward: e.NewWard("26734", 0)}
	officer, citizen := e.NewUser(f.ward, auth.RoleOfficer), e.NewUser(f.ward, auth.RoleCitizen)
	civil, land := f.procedure("Hộ tịch"), f.procedure("Đất đai")
	returned := func(proc uuid.UUID, channel string) uuid.UUID {
		return f.dossier(dossier{proc: proc, channel: channel, status: "returned", received: vn("2026-09-01 09:00"),
			orig: vn("2026-09-04 17:00"), due: vn("2026-09-04 17:00"), result: ptr(vn("2026-09-03 09:00")),
			applicant: uuid.NullUUID{UUID: citizen.ID, Valid: true}})
	}
	f.rate(returned(civil, "counter"), citizen, 5, vn("2026-10-05 10:00"))
	f.rate(returned(civil, "online"), citizen, 4, vn("2026-10-31 23:30")) // still October in Vietnam (16:30 UTC)
	f.rate(returned(land, "online"), citizen, 2, vn("2026-11-01 00:30"))  // November in Vietnam, 31 Oct in UTC
	f.rate(returned(land, "home_pickup"), citizen, 3, vn("2026-11-20 10:00"))
	f.rate(returned(civil, "counter"), citizen, 1, vn("2026-09-30 10:00")) // before the period

	other := &fixture{t: t, e: e, ward: e.NewWard("00070", 0)}
	oc := e.NewUser(other.ward, auth.RoleCitizen)
	op := other.procedure("Hộ tịch")
	other.rate(other.dossier(dossier{proc: op, channel: "counter", status: "returned", received: vn("2026-09-01 09:00"),
		orig: vn("2026-09-04 17:00"), due: vn("2026-09-04 17:00"), result: ptr(vn("2026-09-03 09:00")),
		applicant: uuid.NullUUID{UUID: oc.ID, Valid: true}}), oc, 1, vn("2026-10-10 10:00"))

	e.Clock.Set(vn("2026-12-01 09:00"))
	var s api.Stats
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-10-01&to=2026-11-30", Token: e.Token(officer)}).JSON(t, &s)
	ds := s.DossierSatisfaction
	if ds.Rated != 4 || ds.Average == nil || *ds.Average != 3.5 || s.Satisfaction != nil {
		t.Fatalf("overall %+v (pickups %v)", ds, s.Satisfaction)
	}
	want := func(name string, got []api.SatisfactionGroup, w []api.SatisfactionGroup) {
		t.Helper()
		if len(got) != len(w) {
			t.Fatalf("%s: %+v, want %+v", name, got, w)
		}
		for i := range w {
			if got[i] != w[i] {
				t.Fatalf("%s: %+v, want %+v", name, got, w)
			}
		}
	}
	want("by month", ds.ByMonth, []api.SatisfactionGroup{{Key: "2026-10", Rated: 2, Average: 4.5}, {Key: "2026-11", Rated: 2, Average: 2.5}})
	want("by channel", ds.ByChannel, []api.SatisfactionGroup{{Key: "online", Rated: 2, Average: 3},
		{Key: "counter", Rated: 1, Average: 5}, {Key: "home_pickup", Rated: 1, Average: 3}})
	want("by field", ds.ByField, []api.SatisfactionGroup{{Key: "Hộ tịch", Rated: 2, Average: 4.5}, {Key: "Đất đai", Rated: 2, Average: 2.5}})

	// Nothing rated: no average, empty groups.
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-12-01&to=2026-12-01", Token: e.Token(officer)}).JSON(t, &s)
	if s.DossierSatisfaction.Rated != 0 || s.DossierSatisfaction.Average != nil || len(s.DossierSatisfaction.ByMonth) != 0 {
		t.Fatalf("empty %+v", s.DossierSatisfaction)
	}
}
