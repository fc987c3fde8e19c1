// Package procedure is a ward's catalogue of administrative procedures (thủ tục hành chính):
// national code, field, processing time (in working days, or calendar days where the law says
// so), cut-off hour, fee, required documents and the channels each procedure allows.
package procedure

import (
	"context"
	"errors"
	"slices"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/procedure/proceduredb"
)

// Channels a procedure may allow.
const (
	ChannelCounter         = "counter"
	ChannelOnline          = "online"
	ChannelHomePickup      = "home_pickup"
	ChannelSaturdaySession = "saturday_session"
	ChannelPostalReturn    = "postal_return"
	// ChannelPostal: the dossier may be sent to the office by post (Quyết định 45/2016/QĐ-TTg, Điều 5).
	ChannelPostal = "postal"
)

// How a procedure's processing days count.
const (
	// DayCountWorking: Monday–Friday minus holidays, plus make-up Saturdays (the rule: Nghị định
	// 118/2025/NĐ-CP counts processing times in working days unless a law says otherwise).
	DayCountWorking = "working"
	// DayCountCalendar: every day, for the procedures whose law gives "N ngày" (e.g. land dispute
	// mediation at the ward: no more than 30 days, Luật Đất đai 2024, Điều 235).
	DayCountCalendar = "calendar"
)

// DayCounts lists the ways a procedure's days may count.
var DayCounts = []string{DayCountWorking, DayCountCalendar}

// Procedure is one catalogue entry.
type Procedure struct {
	ID             uuid.UUID
	WardID         uuid.UUID
	Code           string
	Name           string
	Field          string
	ProcessingDays int
	DayCount       string // DayCountWorking or DayCountCalendar; empty reads as working
	CutoffHour     *int
	// FeeVND is nil when the fee is set by the province and the catalogue does not know it:
	// shown as "theo quy định của tỉnh", never as 0 (which means free).
	FeeVND            *int64
	FeeNote           *string // words beside the fee ("mỗi bản sao"); nil when none
	RequiredDocuments []string
	Channels          []string
	Active            bool
}

// Allows reports whether the procedure accepts the channel.
func (p Procedure) Allows(channel string) bool { return slices.Contains(p.Channels, channel) }

// Service is the catalogue.
type Service struct {
	pool  *pgxpool.Pool
	q     *proceduredb.Queries
	clock clock.Clock
}

// NewService wires the feature, like every feature: the pool, then the clock.
func NewService(pool *pgxpool.Pool, clk clock.Clock) *Service {
	return &Service{pool: pool, q: proceduredb.New(pool), clock: clk}
}

// Get returns a procedure of the ward; another ward's or an unknown id is 404.
func (s *Service) Get(ctx context.Context, wardID, id uuid.UUID) (Procedure, error) {
	return s.GetIn(ctx, s.pool, wardID, id)
}

// GetIn is Get read through db: another feature's transaction, which must not wait for a second
// pool connection while it holds one (and its row locks).
func (s *Service) GetIn(ctx context.Context, db proceduredb.DBTX, wardID, id uuid.UUID) (Procedure, error) {
	row, err := proceduredb.New(db).GetProcedureInWard(ctx, proceduredb.GetProcedureInWardParams{ID: id, WardID: wardID})
	if errors.Is(err, pgx.ErrNoRows) {
		return Procedure{}, httpx.ErrNotFound
	}
	if err != nil {
		return Procedure{}, err
	}
	return fromRow(row), nil
}

func fromRow(r proceduredb.Procedure) Procedure {
	p := Procedure{ID: r.ID, WardID: r.WardID, Code: r.Code, Name: r.Name, Field: r.Field,
		ProcessingDays: int(r.ProcessingDays), DayCount: r.DayCount, FeeVND: r.FeeVnd, FeeNote: r.FeeNote, RequiredDocuments: r.RequiredDocuments,
		Channels: r.Channels, Active: r.Active}
	if r.CutoffHour != nil {
		h := int(*r.CutoffHour)
		p.CutoffHour = &h
	}
	return p
}

// Handlers implements the procedure operations of the API.
type Handlers struct{ Svc *Service }
