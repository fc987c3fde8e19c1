package stats_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// fixture writes rows straight into the tables the dashboard reads, so each case states exactly
// the dates it is about (the dossier feature's own rules are tested there).
type fixture struct {
	t    *testing.T
	e    *testkit.Env
	ward testkit.Ward
	seq  int
}

func vn(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Location)
	if err != nil {
		panic(err)
	}
	return t
}

func (f *fixture) procedure(field string) uuid.UUID {
	f.t.Helper()
	id := uuid.Must(uuid.NewV7())
	f.seq++
	if _, err := f.e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES ($1, $2, $3, 'Thủ tục thử', 'x', $4, 3, ARRAY['counter','online','home_pickup','postal_return'], now(), now())`,
		id, f.ward.ID, fmt.Sprintf("9.%06d", f.seq), field); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// dossier is one row: received, first due date, current due date (after any apology letter),
// and the time its result was ready (nil: none yet).
type dossier struct {
	proc                uuid.UUID
	channel, status     string
	received, orig, due time.Time
	result              *time.Time
	applicant           uuid.NullUUID
}

func (f *fixture) dossier(d dossier) uuid.UUID {
	f.t.Helper()
	f.seq++
	id := uuid.Must(uuid.NewV7())
	rescheduled := 0
	if !d.due.Equal(d.orig) {
		rescheduled = 1
	}
	var closed *time.Time
	if d.status == "returned" {
		closed = d.result
	}
	if _, err := f.e.Pool.Exec(context.Background(), `INSERT INTO dossiers (id, ward_id, code, procedure_id, procedure_code, procedure_name,
		applicant_id, applicant_name, channel, return_method, status, submitted_at, received_at, due_at, original_due_at, result_at, closed_at,
		reschedule_count, created_at, updated_at)
		VALUES ($1, $2, $3, $4, '9.0', 'Thủ tục thử', $5, 'Nguyễn Thị Lan', $6, 'counter', $7, $8, $8, $9, $10, $11, $12, $13, $8, $8)`,
		id, f.ward.ID, fmt.Sprintf("9000-%06d", codes.Add(1)), d.proc, d.applicant, d.channel, d.status, d.received, d.due, d.orig,
		d.result, closed, rescheduled); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// codes keeps dossier codes unique across the fixtures of one database.
var codes atomic.Int64

func ptr[T any](v T) *T { return &v }

// Early / on the due day / late against the FIRST due date, by the day in Vietnam time: an
// apology letter's new date never makes a dossier on time (Nghị định 61/2018 Điều 12, kept by
// 118/2025), and a result at any hour of the promised day is on time.
func TestResultsAgainstTheOriginalDueDay(t *testing.T) {
	e := testkit.New(t)
	received, due := vn("2026-11-02 09:00"), vn("2026-11-05 17:00") // a Monday; due Thursday 5 Nov
	for i, c := range []struct {
		name        string
		newDue      time.Time // the apology letter's date, or due
		result      string
		early, day  int
		late, inRng int
	}{
		{"a day before", due, "2026-11-04 10:00", 1, 0, 0, 1},
		{"on the day, early morning", due, "2026-11-05 07:30", 0, 1, 0, 1},
		{"on the day, after closing time", due, "2026-11-05 19:45", 0, 1, 0, 1},
		{"on the day, 23:30 (16:30 UTC)", due, "2026-11-05 23:30", 0, 1, 0, 1},
		{"the next day at 00:30 (still 5 Nov in UTC)", due, "2026-11-06 00:30", 0, 0, 1, 1},
		{"a day late", due, "2026-11-06 09:00", 0, 0, 1, 1},
		{"late after reschedule: before the new date, after the first", vn("2026-11-12 17:00"), "2026-11-10 09:00", 0, 0, 1, 1},
		{"late after reschedule: on the new date", vn("2026-11-12 17:00"), "2026-11-12 10:00", 0, 0, 1, 1},
		{"rescheduled, yet ready on the first date", vn("2026-11-12 17:00"), "2026-11-05 16:00", 0, 1, 0, 1},
		{"rescheduled, yet ready early", vn("2026-11-12 17:00"), "2026-11-03 16:00", 1, 0, 0, 1},
		{"ready after the period", due, "2026-12-01 09:00", 0, 0, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &fixture{t: t, e: e, ward: e.NewWard(fmt.Sprintf("%05d", 30000+i), 0)}
			officer := e.NewUser(f.ward, auth.RoleOfficer)
			f.dossier(dossier{proc: f.procedure("Hộ tịch"), channel: "counter", status: "result_ready", received: received,
				orig: due, due: c.newDue, result: ptr(vn(c.result))})
			e.Clock.Set(vn("2026-12-15 09:00"))
			var s api.Stats
			e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-11-01&to=2026-11-30", Token: e.Token(officer)}).JSON(t, &s)
			if s.Early != c.early || s.OnDueDay != c.day || s.Late != c.late || s.WithResult != c.inRng ||
				s.OnTime != c.early+c.day || s.WithResult != s.OnTime+s.Late {
				t.Fatalf("early %d on-day %d late %d on-time %d with-result %d; want %d %d %d", s.Early, s.OnDueDay, s.Late, s.OnTime, s.WithResult,
					c.early, c.day, c.late)
			}
			wantRate := float32(1)
			if c.inRng > 0 {
				wantRate = float32(c.early+c.day) / float32(c.inRng)
			}
			if s.OnTimeRate != wantRate {
				t.Fatalf("on-time rate %v, want %v", s.OnTimeRate, wantRate)
			}
		})
	}
}

// Dossiers that came by post or were imported count among those received, in their own column.
func TestWeeksCountPostalAndImport(t *testing.T) {
	e := testkit.New(t)
	f := &fixture{t: t, e: e, ward: e.NewWard("26734", 0)}
	officer := e.NewUser(f.ward, auth.RoleOfficer)
	proc := f.procedure("Hộ tịch")
	for _, ch := range []string{"postal", "postal", "import", "counter"} {
		f.dossier(dossier{proc: proc, channel: ch, status: "received", received: vn("2026-11-03 09:00"), orig: vn("2026-11-06 17:00"), due: vn("2026-11-06 17:00")})
	}
	e.Clock.Set(vn("2026-11-04 09:00"))
	var s api.Stats
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-11-01&to=2026-11-30", Token: e.Token(officer)}).JSON(t, &s)
	if s.Received != 4 || len(s.Weeks) != 1 || s.Weeks[0].Postal != 2 || s.Weeks[0].Import != 1 || s.Weeks[0].Counter != 1 {
		t.Fatalf("%+v", s)
	}
}
