// Package stats gives the officer dashboard its figures: dossiers received per week by channel,
// the share received online, results early / on the due day / late against the original due
// date, what is overdue now, pickups, Saturday session attendance, postal deliveries, and
// satisfaction (pickup ratings, and dossier ratings per month, channel and procedure field). It
// is a read-only model over the features' tables, kept in one place so the features stay unaware
// of reporting.
package stats

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/stats/statsdb"
)

// Handlers implements GET /v1/stats.
type Handlers struct {
	q     *statsdb.Queries
	clock clock.Clock
}

// NewHandlers wires the dashboard.
func NewHandlers(pool *pgxpool.Pool, clk clock.Clock) Handlers {
	return Handlers{q: statsdb.New(pool), clock: clk}
}

// GetStats implements GET /v1/stats?from=&to= (days in Vietnam time, both included, ≤ 366 days).
func (h Handlers) GetStats(ctx context.Context, r api.GetStatsRequestObject) (api.GetStatsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	from, to, err := calendar.DayRange(r.Params.From.Time, r.Params.To.Time)
	if err != nil {
		return nil, err
	}
	w := p.WardID
	// The day counters are keyed by Vietnam day: the dates of from and to as they are.
	fromDay, toDay := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC), time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, time.UTC)
	weeks, err := h.q.Weeks(ctx, statsdb.WeeksParams{WardID: w, FromDay: fromDay, ToDay: toDay})
	if err != nil {
		return nil, err
	}
	res, err := h.q.Results(ctx, statsdb.ResultsParams{WardID: w, FromDay: fromDay, ToDay: toDay})
	if err != nil {
		return nil, err
	}
	overdue, err := h.q.OverdueNow(ctx, statsdb.OverdueNowParams{WardID: w, Now: h.clock.Now()})
	if err != nil {
		return nil, err
	}
	pk, err := h.q.Pickups(ctx, statsdb.PickupsParams{WardID: w, FromAt: from, ToAt: to})
	if err != nil {
		return nil, err
	}
	att, err := h.q.Attendance(ctx, statsdb.AttendanceParams{WardID: w, FromAt: from, ToAt: to})
	if err != nil {
		return nil, err
	}
	post, err := h.q.Postal(ctx, statsdb.PostalParams{WardID: w, FromAt: &from, ToAt: &to})
	if err != nil {
		return nil, err
	}
	ratings, err := h.q.DossierRatings(ctx, statsdb.DossierRatingsParams{WardID: w, FromDay: fromDay, ToDay: toDay})
	if err != nil {
		return nil, err
	}
	onTime := res.Early + res.OnDueDay
	out := api.GetStats200JSONResponse{From: r.Params.From, To: r.Params.To, OnTimeRate: 1,
		WithResult: int(res.WithResult), OnTime: int(onTime), Early: int(res.Early), OnDueDay: int(res.OnDueDay), Late: int(res.Late),
		DossierSatisfaction: satisfaction(ratings), OverdueNow: int(overdue),
		PickupsDone: int(pk.Done), PickupsOpen: int(pk.Open), SessionCheckedIn: int(att.CheckedIn),
		SessionWalkIns: int(att.WalkIns), SessionNoShow: int(att.NoShow), PostalDelivered: int(post.Delivered),
		PostalFailed: int(post.Failed)}
	online := 0
	out.Weeks = make([]week, 0, len(weeks))
	for _, wk := range weeks {
		out.Weeks = append(out.Weeks, week{Counter: int(wk.Counter), HomePickup: int(wk.HomePickup), Online: int(wk.Online),
			SaturdaySession: int(wk.SaturdaySession), Postal: int(wk.Postal), Import: int(wk.Import), Week: openapi_types.Date{Time: wk.Week}})
		out.Received += int(wk.Counter + wk.Online + wk.HomePickup + wk.SaturdaySession + wk.Postal + wk.Import)
		online += int(wk.Online)
	}
	if out.Received > 0 {
		out.OnlineShare = float32(online) / float32(out.Received)
	}
	if res.WithResult > 0 {
		out.OnTimeRate = float32(onTime) / float32(res.WithResult)
	}
	if pk.Rated > 0 {
		s := float32(pk.Satisfaction)
		out.Satisfaction = &s
	}
	return out, nil
}

// week is the generated type of one entry of Stats.weeks.
type week = struct {
	Counter         int                `json:"counter"`
	HomePickup      int                `json:"home_pickup"`
	Import          int                `json:"import"`
	Online          int                `json:"online"`
	Postal          int                `json:"postal"`
	SaturdaySession int                `json:"saturday_session"`
	Week            openapi_types.Date `json:"week"`
}
