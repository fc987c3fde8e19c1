// Package procedure is a ward's catalogue of administrative procedures (thủ tục hành chính):
// national code, field, processing time in working days, cut-off hour, fee, required documents
// and the channels each procedure allows.
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

// Procedure is one catalogue entry.
type Procedure struct {
	ID                uuid.UUID
	WardID            uuid.UUID
	Code              string
	Name              string
	Field             string
	ProcessingDays    int
	CutoffHour        *int
	FeeVND            int64
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

// NewService wires the feature. The clock is optional (the system clock by default).
func NewService(pool *pgxpool.Pool, clk ...clock.Clock) *Service {
	s := &Service{pool: pool, q: proceduredb.New(pool), clock: clock.System{}}
	if len(clk) > 0 && clk[0] != nil {
		s.clock = clk[0]
	}
	return s
}

// Get returns a procedure of the ward; another ward's or an unknown id is 404.
func (s *Service) Get(ctx context.Context, wardID, id uuid.UUID) (Procedure, error) {
	row, err := s.q.GetProcedureInWard(ctx, proceduredb.GetProcedureInWardParams{ID: id, WardID: wardID})
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
		ProcessingDays: int(r.ProcessingDays), FeeVND: feeOf(r.FeeVnd), RequiredDocuments: r.RequiredDocuments,
		Channels: r.Channels, Active: r.Active}
	if r.CutoffHour != nil {
		h := int(*r.CutoffHour)
		p.CutoffHour = &h
	}
	return p
}

// Handlers implements the procedure operations of the API.
type Handlers struct{ Svc *Service }

// feeOf reads a nullable fee; until the domain carries "set by the province" (NULL) it reads as 0.
func feeOf(v *int64) int64 {
	if v == nil {
		return 0
	}
	return *v
}
