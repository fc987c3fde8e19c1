package accounts

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
)

// Handlers implements the me and users operations of the API. Roles are enforced by the gate
// from the contract's x-roles; the service re-checks what depends on the data (ward, target role).
type Handlers struct{ Svc *Service }

// GetMe implements GET /v1/me.
func (h Handlers) GetMe(ctx context.Context, _ api.GetMeRequestObject) (api.GetMeResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	u, err := h.Svc.User(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	return api.GetMe200JSONResponse(u), nil
}

// UpdateMe implements PATCH /v1/me.
func (h Handlers) UpdateMe(ctx context.Context, r api.UpdateMeRequestObject) (api.UpdateMeResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	u, err := h.Svc.UpdateMe(ctx, p, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.UpdateMe200JSONResponse(u), nil
}

// ListUsers implements GET /v1/users.
func (h Handlers) ListUsers(ctx context.Context, r api.ListUsersRequestObject) (api.ListUsersResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	list, err := h.Svc.List(ctx, p, r.Params)
	if err != nil {
		return nil, err
	}
	return api.ListUsers200JSONResponse(list), nil
}

// CreateUser implements POST /v1/users.
func (h Handlers) CreateUser(ctx context.Context, r api.CreateUserRequestObject) (api.CreateUserResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	u, err := h.Svc.CreateStaff(ctx, p, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.CreateUser201JSONResponse(u), nil
}

// UpdateUser implements PATCH /v1/users/{id}.
func (h Handlers) UpdateUser(ctx context.Context, r api.UpdateUserRequestObject) (api.UpdateUserResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	u, err := h.Svc.UpdateStaff(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.UpdateUser200JSONResponse(u), nil
}

// SendPhoneCode implements POST /v1/me/phone-verification.
func (h Handlers) SendPhoneCode(ctx context.Context, _ api.SendPhoneCodeRequestObject) (api.SendPhoneCodeResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.SendPhoneCode(ctx, p)
	if err != nil {
		return nil, err
	}
	return api.SendPhoneCode202JSONResponse(out), nil
}

// ConfirmPhoneCode implements POST /v1/me/phone-verification/confirm.
func (h Handlers) ConfirmPhoneCode(ctx context.Context, r api.ConfirmPhoneCodeRequestObject) (api.ConfirmPhoneCodeResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.ConfirmPhoneCode(ctx, p, r.Body.Code)
	if err != nil {
		return nil, err
	}
	return api.ConfirmPhoneCode200JSONResponse(out), nil
}
