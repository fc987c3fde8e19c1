package rating

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
)

// Handlers implements /v1/dossiers/{id}/rating.
type Handlers struct{ Svc *Service }

// RateDossier implements POST /v1/dossiers/{id}/rating.
func (h Handlers) RateDossier(ctx context.Context, r api.RateDossierRequestObject) (api.RateDossierResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Rate(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.RateDossier201JSONResponse(out), nil
}

// GetDossierRating implements GET /v1/dossiers/{id}/rating.
func (h Handlers) GetDossierRating(ctx context.Context, r api.GetDossierRatingRequestObject) (api.GetDossierRatingResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Get(ctx, p, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.GetDossierRating200JSONResponse(out), nil
}
