// Package dossier is the heart of the one-stop office: received dossiers (hồ sơ), their due
// times in working days, their lifecycle, receipts with a tracking QR code, and public tracking.
package dossier

import (
	"context"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/ratelimit"
)

// Users is what dossiers need from accounts: the applicant's account.
type Users interface {
	User(ctx context.Context, id uuid.UUID) (api.User, error)
}

// Service is the dossier feature.
type Service struct {
	pool       *pgxpool.Pool
	q          *dossierdb.Queries
	clock      clock.Clock
	cfg        config.Config
	procedures *procedure.Service
	calendars  *calendar.Store
	limiter    *ratelimit.Limiter
	users      Users
}

// NewService wires the feature.
func NewService(pool *pgxpool.Pool, clk clock.Clock, cfg config.Config, procedures *procedure.Service,
	calendars *calendar.Store, limiter *ratelimit.Limiter, users Users) *Service {
	return &Service{pool: pool, q: dossierdb.New(pool), clock: clk, cfg: cfg, procedures: procedures,
		calendars: calendars, limiter: limiter, users: users}
}

// Handlers implements the dossier operations of the API.
type Handlers struct{ Svc *Service }
