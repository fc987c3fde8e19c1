package auth

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Handlers implements the auth operations of the API.
type Handlers struct{ Svc *Service }

// Register implements POST /v1/auth/register.
func (h Handlers) Register(ctx context.Context, r api.RegisterRequestObject) (api.RegisterResponseObject, error) {
	res, err := h.Svc.Register(ctx, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.Register201JSONResponse(res), nil
}

// Login implements POST /v1/auth/login.
func (h Handlers) Login(ctx context.Context, r api.LoginRequestObject) (api.LoginResponseObject, error) {
	res, err := h.Svc.Login(ctx, *r.Body, httpx.ClientIP(ctx))
	if err != nil {
		return nil, err
	}
	return api.Login200JSONResponse(res), nil
}

// RefreshToken implements POST /v1/auth/refresh.
func (h Handlers) RefreshToken(ctx context.Context, r api.RefreshTokenRequestObject) (api.RefreshTokenResponseObject, error) {
	res, err := h.Svc.Refresh(ctx, r.Body.RefreshToken)
	if err != nil {
		return nil, err
	}
	return api.RefreshToken200JSONResponse(res), nil
}

// Logout implements POST /v1/auth/logout.
func (h Handlers) Logout(ctx context.Context, r api.LogoutRequestObject) (api.LogoutResponseObject, error) {
	if err := h.Svc.Logout(ctx, r.Body.RefreshToken); err != nil {
		return nil, err
	}
	return api.Logout204Response{}, nil
}
