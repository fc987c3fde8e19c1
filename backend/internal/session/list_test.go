package session_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/session"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// queryCounter is a pgx tracer that counts the queries sent on its pool.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}
func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// countedService is the sessions feature on its own pool of the test's database, whose
// queries are counted.
func countedService(t *testing.T, e *testkit.Env) (*session.Service, *queryCounter) {
	cfg, err := pgxpool.ParseConfig(e.DBURL)
	if err != nil {
		t.Fatal(err)
	}
	qc := &queryCounter{}
	cfg.ConnConfig.Tracer = qc
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return session.NewService(pool, e.Clock, nil, nil, nil), qc
}

// The landing screen's list costs the same number of queries for 2 sessions as for 20, and
// still shows each session's own slots, staff and attendance.
func TestSessionListQueriesDoNotGrowWithSessions(t *testing.T) {
	w := newWorld(t)
	svc, qc := countedService(t, w.e)
	list := func(want int) (api.SessionList, int64) {
		t.Helper()
		before := qc.n.Load()
		page, err := svc.List(context.Background(), session.Filter{WardCode: w.ward.Code, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var out api.SessionList
		for _, s := range page.Items {
			out.Items = append(out.Items, s.API())
		}
		if len(out.Items) != want {
			t.Fatalf("%d sessions listed, want %d", len(out.Items), want)
		}
		return out, qc.n.Load() - before
	}
	first := w.schedule(t, 3)
	w.schedule(t, 3)
	citizen := w.e.NewUser(w.ward, auth.RoleCitizen)
	if res := w.book(citizen, first, 2); res.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	_, two := list(2)
	for i := 0; i < 18; i++ {
		w.schedule(t, 3)
	}
	out, twenty := list(20)
	if two != twenty || twenty > 3 {
		t.Fatalf("queries: %d for 2 sessions, %d for 20 (want the same, at most 3)", two, twenty)
	}
	for _, s := range out.Items {
		booked := 0
		if s.Id == first.Id {
			booked = 1
		}
		if len(s.Slots) != 4 || s.Slots[2].Booked != booked || s.Slots[2].Remaining != 3-booked ||
			s.Attendance.Booked != booked || len(s.StaffIds) != 2 || !s.Slots[0].StartsAt.Before(s.Slots[1].StartsAt) {
			t.Fatalf("session %s: slots %+v staff %v attendance %+v", s.Id, s.Slots, s.StaffIds, s.Attendance)
		}
	}
}

// By default the list shows only what can be booked; a status filter shows the rest.
func TestSessionListShowsOnlyBookableUnlessAsked(t *testing.T) {
	w := newWorld(t)
	open, cancelled, done := w.schedule(t, 5), w.schedule(t, 5), w.schedule(t, 5)
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/sessions/" + cancelled.Id.String() + "/transitions", Token: w.e.Token(w.officer),
		Body: map[string]any{"to": "cancelled"}})
	ids := func(query string) map[string]bool {
		t.Helper()
		var l api.SessionList
		w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/sessions?ward_code=" + w.ward.Code + "&from=2026-11-01" + query}).JSON(t, &l)
		out := map[string]bool{}
		for _, s := range l.Items {
			out[string(s.Status)+":"+s.Id.String()] = true
		}
		return out
	}
	same := func(got map[string]bool, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("listed %v, want %v", got, want)
		}
		for _, k := range want {
			if !got[k] {
				t.Fatalf("listed %v, want %v", got, want)
			}
		}
	}
	sched := func(s api.Session) string { return "scheduled:" + s.Id.String() }
	canc := "cancelled:" + cancelled.Id.String()
	same(ids(""), sched(open), sched(done))
	same(ids("&status=cancelled"), canc)
	same(ids("&status=scheduled&status=cancelled"), sched(open), sched(done), canc)

	// On the day, while the last slot (09:00) has not started, it is still bookable; after, not.
	w.e.Clock.Set(time.Date(2026, 11, 28, 8, 59, 0, 0, calendar.Location))
	same(ids(""), sched(open), sched(done))
	w.e.Clock.Set(time.Date(2026, 11, 28, 9, 0, 0, 0, calendar.Location))
	same(ids(""))
	same(ids("&status=scheduled"), sched(open), sched(done))
	w.e.Clock.Set(time.Date(2026, 11, 28, 10, 0, 0, 0, calendar.Location))
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/sessions/" + done.Id.String() + "/transitions", Token: w.e.Token(w.officer),
		Body: map[string]any{"to": "completed"}})
	same(ids("&status=completed&status=cancelled"), "completed:"+done.Id.String(), canc)
	// Officers see all, as anyone may: the list is public.
	var all api.SessionList
	w.e.Expect(200, testkit.Req{Method: "GET", Token: w.e.Token(w.officer),
		Path: "/v1/sessions?ward_code=" + w.ward.Code + "&from=2026-11-01&status=scheduled&status=completed&status=cancelled"}).JSON(t, &all)
	if len(all.Items) != 3 {
		t.Fatalf("all: %+v", all.Items)
	}
	p := w.e.Expect(400, testkit.Req{Method: "GET", Path: "/v1/sessions?ward_code=" + w.ward.Code + "&status=bookable"}).Problem(t)
	if len(p.Errors) != 1 || p.Errors[0].Field != "status/0" || p.Errors[0].Code != "invalid_value" {
		t.Fatalf("bad status: %+v", p)
	}
}
