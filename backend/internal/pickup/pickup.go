// Package pickup runs home pickup of dossiers (tiếp nhận hồ sơ tại nhà): elderly, disabled or
// sick citizens ask (or an officer asks for them after a hotline call, even for a person without
// an account), a volunteer of their neighbourhood's youth team goes, fills the form for them
// ("the citizen does not write"), and hands the dossier to the office, where it waits as a
// submitted dossier until an officer receives it. At most one volunteer ever holds a pickup:
// taking it is a compare-and-set on its row.
//
// The service speaks in the domain types of this file and the sentinel errors of errors.go;
// handlers.go converts the contract's types at the edge and maps errors to problems.
package pickup

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

// Users is what pickups need from accounts (read outside any transaction).
type Users interface {
	User(ctx context.Context, id uuid.UUID) (api.User, error)
}

// Calendars gives a ward's calendar of working days and holidays.
type Calendars interface {
	ForWard(ctx context.Context, wardID uuid.UUID, from time.Time) (calendar.Calendar, error)
}

// Service is the pickup feature.
type Service struct {
	pool       *pgxpool.Pool
	q          *pickupdb.Queries
	clock      clock.Clock
	procedures *procedure.Service
	users      Users
	calendars  Calendars
	submit     SubmitDossier
}

// NewService wires the feature. submit is the dossier entry a hand-over uses (see ports.go).
func NewService(pool *pgxpool.Pool, clk clock.Clock, procedures *procedure.Service, users Users, calendars Calendars, submit SubmitDossier) *Service {
	return &Service{pool: pool, q: pickupdb.New(pool), clock: clk, procedures: procedures, users: users, calendars: calendars, submit: submit}
}

// Handlers implements the pickup operations of the API.
type Handlers struct{ Svc *Service }

// Request is a new pickup request. A citizen asks for themselves; an officer names a citizen
// of the ward (CitizenID) or, for a person without an account, their name and phone.
type Request struct {
	CitizenID      *uuid.UUID
	ApplicantName  *string
	ApplicantPhone *string
	Address        string
	Lat, Lng       *float64
	NeighborhoodID uuid.UUID
	Reason         string
	ProcedureID    *uuid.UUID
	PreferredDate  time.Time
	WindowStart    string
	WindowEnd      string
	ContactPhone   string
	Note           *string
}

// Move asks for a transition, with what the target state needs.
type Move struct {
	To                 Status
	VolunteerID        *uuid.UUID // to assigned
	Note               *string
	CollectedDocuments []string          // to collected
	FormData           map[string]string // to collected
	ConfirmedInPerson  bool              // to collected
	ProcedureID        *uuid.UUID        // to collected, when the request did not know it
	Reason             *string           // to failed or cancelled
}

// Pickup is a pickup as one caller sees it.
type Pickup struct {
	pickupdb.Pickup
	Events []pickupdb.PickupEvent
	// Private: the caller may see the phones and the filled form (everyone but a volunteer who
	// does not hold it).
	Private    bool
	DistanceKm *float64
	// CitizenName is the account holder's name when the pickup is for one (a person without an
	// account has ApplicantName instead); shown where the phones are.
	CitizenName string
}

// AtRisk: nobody took the request in time and it is still waiting.
func (p Pickup) AtRisk() bool { return p.EscalatedAt != nil && Status(p.Status) == Requested }

// Filter selects a page of pickups.
type Filter struct {
	Status         *Status
	NeighborhoodID *uuid.UUID
	AtRisk         *bool
	Cursor         *string
	Limit          int
	NearLat        *float64
	NearLng        *float64
}

// Settings is how a ward dispatches.
type Settings struct {
	DispatchMode         string // auto | open
	EscalateAfterMinutes int
}

// Rating is a citizen's satisfaction with a pickup.
type Rating struct {
	Score   int
	Comment *string
}
