package pickup

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
)

// ListPickups implements GET /v1/pickups.
func (h Handlers) ListPickups(ctx context.Context, r api.ListPickupsRequestObject) (api.ListPickupsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.List(ctx, p, r.Params)
	if err != nil {
		return nil, err
	}
	return api.ListPickups200JSONResponse(out), nil
}

// CreatePickup implements POST /v1/pickups.
func (h Handlers) CreatePickup(ctx context.Context, r api.CreatePickupRequestObject) (api.CreatePickupResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Create(ctx, p, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.CreatePickup201JSONResponse(out), nil
}

// GetPickup implements GET /v1/pickups/{id}.
func (h Handlers) GetPickup(ctx context.Context, r api.GetPickupRequestObject) (api.GetPickupResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Get(ctx, p, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetPickup200JSONResponse(out), nil
}

// TransitionPickup implements POST /v1/pickups/{id}/transitions.
func (h Handlers) TransitionPickup(ctx context.Context, r api.TransitionPickupRequestObject) (api.TransitionPickupResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Transition(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.TransitionPickup200JSONResponse(out), nil
}

// ConfirmPickup implements POST /v1/pickups/{id}/confirm.
func (h Handlers) ConfirmPickup(ctx context.Context, r api.ConfirmPickupRequestObject) (api.ConfirmPickupResponseObject, error) {
	p, err := auth.Require(ctx, auth.RoleCitizen)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Confirm(ctx, p, r.Id)
	if err != nil {
		return nil, err
	}
	return api.ConfirmPickup200JSONResponse(out), nil
}

// RatePickup implements POST /v1/pickups/{id}/rating.
func (h Handlers) RatePickup(ctx context.Context, r api.RatePickupRequestObject) (api.RatePickupResponseObject, error) {
	p, err := auth.Require(ctx, auth.RoleCitizen)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Rate(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.RatePickup200JSONResponse(out), nil
}

// GetPickupSettings implements GET /v1/pickup-settings.
func (h Handlers) GetPickupSettings(ctx context.Context, _ api.GetPickupSettingsRequestObject) (api.GetPickupSettingsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Settings(ctx, p)
	if err != nil {
		return nil, err
	}
	return api.GetPickupSettings200JSONResponse(out), nil
}

// PutPickupSettings implements PUT /v1/pickup-settings.
func (h Handlers) PutPickupSettings(ctx context.Context, r api.PutPickupSettingsRequestObject) (api.PutPickupSettingsResponseObject, error) {
	p, err := auth.Require(ctx, auth.RoleOfficer, auth.RoleAdmin)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.PutSettings(ctx, p, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.PutPickupSettings200JSONResponse(out), nil
}

// SetVolunteerDuty implements PUT /v1/volunteers/{id}/duty.
func (h Handlers) SetVolunteerDuty(ctx context.Context, r api.SetVolunteerDutyRequestObject) (api.SetVolunteerDutyResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.SetDuty(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.SetVolunteerDuty200JSONResponse(out), nil
}
