package notify_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func messageStats(t *testing.T, e *testkit.Env, token, from, to string) api.MessageStats {
	t.Helper()
	var s api.MessageStats
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats/messages?from=" + from + "&to=" + to, Token: token}).JSON(t, &s)
	return s
}

func byChannel(cs []api.MessageChannelStats) map[string]api.MessageChannelStats {
	m := map[string]api.MessageChannelStats{}
	for _, c := range cs {
		m[string(c.Channel)] = c
	}
	return m
}

func TestMessageStatsCountAndPriceEachChannel(t *testing.T) {
	p := newPhoneWorld(t, "device-token-of-the-citizen")
	ward := p.user.Ward.ID
	officer := p.e.NewUser(p.user.Ward, auth.RoleOfficer)
	at := func(phone string) {
		m := resultReady(uuid.Nil, phone)
		m.WardID = ward
		p.tell(t, m)
	}
	// November: one Zalo message, sent.
	p.e.Clock.Set(p.e.Clock.Now().AddDate(0, 0, -10))
	at("+84911000001")
	drainPhones(t, p.phones)
	p.e.Clock.Set(p.e.Clock.Now().AddDate(0, 0, 10))
	// December: a push to the citizen's device (sent), a Zalo message reported delivered, one
	// that fails over to SMS, and one queued but not yet sent.
	p.tell(t, resultReady(p.user.ID, ""))
	drain(t, p.worker)
	at(stranger)
	p.zalo.Fail("84911000002", -118)
	at("+84911000002")
	for i := 0; i < 3; i++ {
		drainPhones(t, p.phones)
	}
	at("+84911000003")
	var jobID string
	p.e.Pool.QueryRow(context.Background(), "SELECT id FROM message_jobs WHERE phone = $1", stranger).Scan(&jobID)
	now := p.e.Clock.Now()
	if r := p.report(t, "zns", []byte(config.DevCallbackSecret), now, map[string]any{"event_id": "d1", "tracking_id": jobID,
		"status": "delivered", "occurred_at": now}); r.Status != 200 {
		t.Fatalf("report: %d %s", r.Status, r.Body)
	}
	var segments int
	p.e.Pool.QueryRow(context.Background(), "SELECT segments FROM message_jobs WHERE channel = 'sms'").Scan(&segments)
	if segments < 1 {
		t.Fatalf("the SMS has %d segments", segments)
	}

	s := messageStats(t, p.e, officer.Token, "2026-11-01", "2026-12-31")
	c := byChannel(s.Channels)
	if len(s.Channels) != 3 || s.Prices.ZnsVnd != 300 || s.Prices.SmsVndPerSegment != 800 {
		t.Fatalf("channels %+v prices %+v", s.Channels, s.Prices)
	}
	want := map[string]api.MessageChannelStats{
		// Zalo: November's (awaiting its report), the delivered one, the failed one (-118), the queued one.
		"zns":  {Channel: "zns", Messages: 4, Delivered: 1, Failed: 1, Pending: 1, AwaitingReport: 1, Billed: 2, CostVnd: 600},
		"sms":  {Channel: "sms", Messages: 1, AwaitingReport: 1, Billed: 1, Segments: segments, CostVnd: 800 * segments},
		"push": {Channel: "push", Messages: 1, Delivered: 1},
	}
	for ch, w := range want {
		if c[ch] != w {
			t.Errorf("%s: %+v, want %+v", ch, c[ch], w)
		}
	}
	if s.CostVnd != 600+800*segments {
		t.Errorf("cost %d", s.CostVnd)
	}
	if len(s.Months) != 2 || s.Months[0].Month != "2026-11" || s.Months[1].Month != "2026-12" ||
		byChannel(s.Months[0].Channels)["zns"].Billed != 1 || s.Months[0].CostVnd != 300 || s.Months[1].CostVnd != 300+800*segments {
		t.Errorf("months %+v", s.Months)
	}
	// December alone leaves November out.
	if dec := byChannel(messageStats(t, p.e, officer.Token, "2026-12-01", "2026-12-01").Channels); dec["zns"].Messages != 3 {
		t.Errorf("December 1st: %+v", dec["zns"])
	}
}

func TestMessageStatsAreTheCallersWardsOfficeOnly(t *testing.T) {
	p := newPhoneWorld(t)
	m := resultReady(uuid.Nil, stranger)
	m.WardID = p.user.Ward.ID
	p.tell(t, m)
	path := "/v1/stats/messages?from=2026-12-01&to=2026-12-31"
	admin := p.e.NewUser(p.user.Ward, auth.RoleAdmin)
	if s := messageStats(t, p.e, admin.Token, "2026-12-01", "2026-12-31"); byChannel(s.Channels)["zns"].Messages != 1 {
		t.Fatalf("the ward's admin: %+v", s.Channels)
	}
	// Another ward's officer sees their own ward's figures, none of these.
	other := p.e.NewUser(p.e.NewWard("26735", 0), auth.RoleOfficer)
	for _, c := range messageStats(t, p.e, other.Token, "2026-12-01", "2026-12-31").Channels {
		if c.Messages != 0 {
			t.Fatalf("another ward's officer sees %+v", c)
		}
	}
	p.e.Expect(401, testkit.Req{Method: "GET", Path: path})
	p.e.Expect(403, testkit.Req{Method: "GET", Path: path, Token: p.e.Token(p.user)}) // the citizen
	p.e.Expect(403, testkit.Req{Method: "GET", Path: path, Token: p.e.Token(p.e.NewUser(p.user.Ward, auth.RoleVolunteer))})
	for q, status := range map[string]int{
		"from=2026-12-31&to=2026-12-01": 422,
		"from=2025-01-01&to=2026-12-31": 422,
		"from=2026-12-01":               400,
		"from=2026-13-01&to=2026-12-31": 400,
	} {
		if r := p.e.Do(testkit.Req{Method: "GET", Path: "/v1/stats/messages?" + q, Token: admin.Token}); r.Status != status {
			t.Errorf("%s: %d, want %d", q, r.Status, status)
		}
	}
}

// At volume the statistics read their ward's range of each outbox through the (ward_id,
// created_at) indexes, never a scan of message_jobs or push_jobs; and a delivery report finds its
// message by primary key or provider id. The plans, with their times, are logged (-v) and quoted
// in docs/benchmarks.md.
func TestMessageStatsUseTheWardIndexes(t *testing.T) {
	e := testkit.New(t)
	ctx := context.Background()
	wards := make([]testkit.Ward, 20)
	for i := range wards {
		wards[i] = e.NewWard(fmt.Sprintf("%05d", 27000+i), 0)
	}
	u := e.NewUser(wards[0], auth.RoleCitizen)
	// 20 wards × 3,000 messages over a year: 60,000 message jobs and as many push jobs.
	for _, sql := range []string{
		`INSERT INTO notifications (id, user_id, type, title_vi, title_en, body_vi, body_en, data, created_at, ward_id)
		 SELECT gen_random_uuid(), $1, 't', 'x', 'x', 'x', 'x', '{}', now() - (g % 365) * interval '1 day', w.id
		 FROM generate_series(1, 3000) g, wards w`,
		`INSERT INTO message_jobs (id, notification_id, channel, phone, ward_id, state, next_attempt_at, created_at, sent_at, segments, provider_id)
		 SELECT gen_random_uuid(), n.id, 'zns', '+84911000001', n.ward_id, 'sent', n.created_at, n.created_at, n.created_at, 1, 'zmsg-' || n.id
		 FROM notifications n WHERE $1::uuid IS NOT NULL`,
		`INSERT INTO push_jobs (id, notification_id, token, state, next_attempt_at, created_at)
		 SELECT gen_random_uuid(), n.id, 'tok', 'sent', n.created_at, n.created_at FROM notifications n WHERE $1::uuid IS NOT NULL`,
	} {
		if _, err := e.Pool.Exec(ctx, sql, u.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Pool.Exec(ctx, "VACUUM ANALYZE notifications, message_jobs, push_jobs"); err != nil {
		t.Fatal(err)
	}
	if n := e.Count("SELECT count(*) FROM push_jobs WHERE ward_id IS NULL"); n != 0 {
		t.Fatalf("%d push jobs without their ward (the trigger)", n)
	}
	plan := func(sql string, args ...any) string {
		rows, err := e.Pool.Query(ctx, "EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) "+sql, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var line string
			rows.Scan(&line)
			b.WriteString(line + "\n")
		}
		return b.String()
	}
	from := time.Now().AddDate(0, -1, 0)
	stats := plan(query(t, "WardMessageStats", "ward_id", "from_at", "to_at"), wards[3].ID, from, time.Now())
	t.Logf("statistics plan:\n%s", stats)
	for _, idx := range []string{"message_jobs_ward_created_idx", "push_jobs_ward_created_idx"} {
		if !strings.Contains(stats, idx) {
			t.Errorf("the statistics do not use %s", idx)
		}
	}
	if strings.Contains(stats, "Seq Scan") {
		t.Error("the statistics scan a table")
	}
	receipt := plan(query(t, "MessageJobForReceipt", "channel", "tracking_id", "message_id"), "zns", uuid.New(), "zmsg-1")
	t.Logf("receipt plan:\n%s", receipt)
	if strings.Contains(receipt, "Seq Scan") {
		t.Error("a delivery report scans message_jobs")
	}
}

// query is the named query of queries.sql as sqlc runs it: its arguments, in the order named,
// become $1, $2….
func query(t *testing.T, name string, args ...string) string {
	t.Helper()
	b, err := os.ReadFile("queries.sql")
	if err != nil {
		t.Fatal(err)
	}
	_, q, ok := strings.Cut(string(b), "-- name: "+name+" ")
	if !ok {
		t.Fatalf("no query %s", name)
	}
	q, _, _ = strings.Cut(q, "-- name: ")
	_, q, _ = strings.Cut(q, "\n") // the rest of the name line
	q = strings.TrimRight(strings.TrimSpace(q), ";")
	for i, a := range args {
		n := "$" + strconv.Itoa(i+1)
		q = strings.NewReplacer("sqlc.arg('"+a+"')", n, "sqlc.narg('"+a+"')", n).Replace(q)
	}
	return q
}
