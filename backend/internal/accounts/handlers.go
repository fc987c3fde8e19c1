package accounts

import (
	"context"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
)

// Handlers implements the me and users operations of the API. Roles are enforced by the gate
// from the contract's x-roles; the service re-checks what depends on the data (ward, target role).
type Handlers struct {
	Svc *Service
	// Forget drops a changed account from this process's account cache as soon as the change is
	// committed (other processes hear of it from the database's notification).
	Forget func(uuid.UUID)
}

func (h Handlers) forget(id uuid.UUID) {
	if h.Forget != nil {
		h.Forget(id)
	}
}

// GetMe implements GET /v1/me.
func (h Handlers) GetMe(ctx context.Context, _ api.GetMeRequestObject) (api.GetMeResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	// Authentication has just read (or found cached and current) the caller's row.
	if u, ok := p.User(); ok {
		return api.GetMe200JSONResponse(u), nil
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
	h.forget(p.UserID)
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
	h.forget(r.Id)
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
