package session

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
)

// ListSessions implements GET /v1/sessions.
func (h Handlers) ListSessions(ctx context.Context, r api.ListSessionsRequestObject) (api.ListSessionsResponseObject, error) {
	out, err := h.Svc.List(ctx, r.Params)
	if err != nil {
		return nil, problem(err)
	}
	return api.ListSessions200JSONResponse(out), nil
}

// GetSession implements GET /v1/sessions/{id}.
func (h Handlers) GetSession(ctx context.Context, r api.GetSessionRequestObject) (api.GetSessionResponseObject, error) {
	out, err := h.Svc.Get(ctx, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.GetSession200JSONResponse(out), nil
}

// CreateSession implements POST /v1/sessions.
func (h Handlers) CreateSession(ctx context.Context, r api.CreateSessionRequestObject) (api.CreateSessionResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Create(ctx, p, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.CreateSession201JSONResponse(out), nil
}

// UpdateSession implements PATCH /v1/sessions/{id}.
func (h Handlers) UpdateSession(ctx context.Context, r api.UpdateSessionRequestObject) (api.UpdateSessionResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Update(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.UpdateSession200JSONResponse(out), nil
}

// TransitionSession implements POST /v1/sessions/{id}/transitions.
func (h Handlers) TransitionSession(ctx context.Context, r api.TransitionSessionRequestObject) (api.TransitionSessionResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Transition(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.TransitionSession200JSONResponse(out), nil
}

// ListSessionBookings implements GET /v1/sessions/{id}/bookings.
func (h Handlers) ListSessionBookings(ctx context.Context, r api.ListSessionBookingsRequestObject) (api.ListSessionBookingsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.SessionBookings(ctx, p, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.ListSessionBookings200JSONResponse(out), nil
}

// CreateBooking implements POST /v1/sessions/{id}/bookings.
func (h Handlers) CreateBooking(ctx context.Context, r api.CreateBookingRequestObject) (api.CreateBookingResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Book(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.CreateBooking201JSONResponse(out), nil
}

// CheckIn implements POST /v1/sessions/{id}/check-ins.
func (h Handlers) CheckIn(ctx context.Context, r api.CheckInRequestObject) (api.CheckInResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.CheckIn(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.CheckIn200JSONResponse(out), nil
}

// ListMyBookings implements GET /v1/me/bookings.
func (h Handlers) ListMyBookings(ctx context.Context, r api.ListMyBookingsRequestObject) (api.ListMyBookingsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.MyBookings(ctx, p, r.Params.Limit, r.Params.Cursor)
	if err != nil {
		return nil, problem(err)
	}
	return api.ListMyBookings200JSONResponse(out), nil
}

// TransitionBooking implements POST /v1/bookings/{id}/transitions.
func (h Handlers) TransitionBooking(ctx context.Context, r api.TransitionBookingRequestObject) (api.TransitionBookingResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Cancel(ctx, p, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.TransitionBooking200JSONResponse(out), nil
}
