package notify

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// PhoneReports serves what the office learns about its messages: the ward's message statistics
// (GET /v1/stats/messages) and Zalo's own delivery events (POST /v1/webhooks/zalo, zalo.go).
type PhoneReports struct {
	pool  *pgxpool.Pool
	q     *notifydb.Queries
	clock clock.Clock
	ch    config.Channels
}

// NewPhoneReports wires the statistics (prices) and the Zalo webhook (app id, OA secret key).
func NewPhoneReports(pool *pgxpool.Pool, clk clock.Clock, ch config.Channels) PhoneReports {
	return PhoneReports{pool: pool, q: notifydb.New(pool), clock: clk, ch: ch}
}

// statsChannels is the order channels are listed in, every one always present.
var statsChannels = []string{"push", ChannelZNS, ChannelSMS}

// GetMessageStats implements GET /v1/stats/messages for the caller's ward.
func (h PhoneReports) GetMessageStats(ctx context.Context, r api.GetMessageStatsRequestObject) (api.GetMessageStatsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	from, to, err := calendar.DayRange(r.Params.From.Time, r.Params.To.Time)
	if err != nil {
		return nil, err
	}
	s, err := WardMessageStats(ctx, h.q, p.WardID, from, to, h.ch)
	if err != nil {
		return nil, err
	}
	s.From, s.To = r.Params.From, r.Params.To
	return api.GetMessageStats200JSONResponse(s), nil
}

// WardMessageStats reads a ward's messages queued in [from, to) and prices them.
func WardMessageStats(ctx context.Context, q *notifydb.Queries, ward uuid.UUID, from, to time.Time, ch config.Channels) (api.MessageStats, error) {
	rows, err := q.WardMessageStats(ctx, notifydb.WardMessageStatsParams{WardID: uuid.NullUUID{UUID: ward, Valid: true}, FromAt: from, ToAt: to})
	if err != nil {
		return api.MessageStats{}, err
	}
	price := func(c *api.MessageChannelStats) {
		switch string(c.Channel) {
		case ChannelZNS:
			c.CostVnd = c.Billed * ch.ZNSPriceVND
		case ChannelSMS:
			c.CostVnd = c.Segments * ch.SMSPriceVNDPerSegment
		}
		c.AwaitingReport = c.Messages - c.Delivered - c.Failed - c.Pending
	}
	empty := func() []api.MessageChannelStats {
		cs := make([]api.MessageChannelStats, len(statsChannels))
		for i, c := range statsChannels {
			cs[i].Channel = api.MessageChannelStatsChannel(c)
		}
		return cs
	}
	add := func(c *api.MessageChannelStats, r notifydb.WardMessageStatsRow) {
		c.Messages += int(r.Messages)
		c.Delivered += int(r.Delivered)
		c.Failed += int(r.Failed)
		c.Pending += int(r.Pending)
		c.Billed += int(r.Billed)
		c.Segments += int(r.Segments)
	}
	s := api.MessageStats{Channels: empty(), Months: []api.MessageMonthStats{},
		Prices: struct {
			SmsVndPerSegment int `json:"sms_vnd_per_segment"`
			ZnsVnd           int `json:"zns_vnd"`
		}{SmsVndPerSegment: ch.SMSPriceVNDPerSegment, ZnsVnd: ch.ZNSPriceVND}}
	for _, r := range rows { // oldest month first
		m := r.Month.Format("2006-01")
		if n := len(s.Months); n == 0 || s.Months[n-1].Month != m {
			s.Months = append(s.Months, api.MessageMonthStats{Month: m, Channels: empty()})
		}
		for i, c := range statsChannels {
			if c == r.Channel {
				add(&s.Months[len(s.Months)-1].Channels[i], r)
				add(&s.Channels[i], r)
			}
		}
	}
	for mi := range s.Months {
		for i := range s.Months[mi].Channels {
			price(&s.Months[mi].Channels[i])
			s.Months[mi].CostVnd += s.Months[mi].Channels[i].CostVnd
		}
	}
	for i := range s.Channels {
		price(&s.Channels[i])
		s.CostVnd += s.Channels[i].CostVnd
	}
	return s, nil
}
