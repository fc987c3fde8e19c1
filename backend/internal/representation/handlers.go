package representation

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
)

// Handlers implements the /v1/representations operations.
type Handlers struct{ Svc *Service }

// ListRepresentations implements GET /v1/representations.
func (h Handlers) ListRepresentations(ctx context.Context, r api.ListRepresentationsRequestObject) (api.ListRepresentationsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.List(ctx, p, r.Params)
	if err != nil {
		return nil, err
	}
	return api.ListRepresentations200JSONResponse(out), nil
}

// CreateRepresentation implements POST /v1/representations.
func (h Handlers) CreateRepresentation(ctx context.Context, r api.CreateRepresentationRequestObject) (api.CreateRepresentationResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Create(ctx, p, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.CreateRepresentation201JSONResponse(out), nil
}

// TransitionRepresentation implements POST /v1/representations/{id}/transitions.
func (h Handlers) TransitionRepresentation(ctx context.Context, r api.TransitionRepresentationRequestObject) (api.TransitionRepresentationResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Transition(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.TransitionRepresentation200JSONResponse(out), nil
}
