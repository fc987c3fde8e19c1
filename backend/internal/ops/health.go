// Package ops serves what operators need: liveness and readiness probes, Prometheus metrics,
// and the contract with its human-readable docs page.
package ops

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/db"
)

// Health implements the probe operations.
type Health struct {
	Pool *pgxpool.Pool
}

// GetHealthz implements GET /healthz: the process answers.
func (Health) GetHealthz(context.Context, api.GetHealthzRequestObject) (api.GetHealthzResponseObject, error) {
	return api.GetHealthz200JSONResponse{Status: api.Ok}, nil
}

// GetReadyz implements GET /readyz: the database answers and every migration is applied.
func (h Health) GetReadyz(ctx context.Context, _ api.GetReadyzRequestObject) (api.GetReadyzResponseObject, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	checks := map[string]string{"database": "ok", "migrations": "ok"}
	ready := true
	if err := h.Pool.Ping(ctx); err != nil {
		checks["database"], checks["migrations"], ready = "unreachable", "unknown", false
	} else if current, err := db.Current(ctx, h.Pool); err != nil || !current {
		checks["migrations"], ready = "pending", false
	}
	if !ready {
		return api.GetReadyz503JSONResponse{Status: api.Unavailable, Checks: &checks}, nil
	}
	return api.GetReadyz200JSONResponse{Status: api.Ok, Checks: &checks}, nil
}
