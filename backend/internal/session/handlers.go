package session

import (
	"context"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"

	openapi_types "github.com/oapi-codegen/runtime/types"
)

// The HTTP edge: each handler converts the contract's types to the feature's, calls the
// service, and converts back; problem (errors.go) turns the rules' refusals into problems.

// ListSessions implements GET /v1/sessions.
func (h Handlers) ListSessions(ctx context.Context, r api.ListSessionsRequestObject) (api.ListSessionsResponseObject, error) {
	f := Filter{WardCode: r.Params.WardCode, NeighborhoodID: r.Params.NeighborhoodId, Limit: httpx.Limit(r.Params.Limit), Cursor: r.Params.Cursor}
	if r.Params.From != nil {
		f.From = &r.Params.From.Time
	}
	if r.Params.To != nil {
		f.To = &r.Params.To.Time
	}
	if r.Params.Status != nil {
		for _, st := range *r.Params.Status {
			f.Statuses = append(f.Statuses, SessionStatus(st))
		}
	}
	page, err := h.Svc.List(ctx, f)
	if err != nil {
		return nil, problem(err)
	}
	out := api.SessionList{Items: make([]api.Session, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, s := range page.Items {
		out.Items = append(out.Items, s.API())
	}
	return api.ListSessions200JSONResponse(out), nil
}

// GetSession implements GET /v1/sessions/{id}.
func (h Handlers) GetSession(ctx context.Context, r api.GetSessionRequestObject) (api.GetSessionResponseObject, error) {
	out, err := h.Svc.Get(ctx, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.GetSession200JSONResponse(out.API()), nil
}

// CreateSession implements POST /v1/sessions.
func (h Handlers) CreateSession(ctx context.Context, r api.CreateSessionRequestObject) (api.CreateSessionResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	b := r.Body
	out, err := h.Svc.Create(ctx, p, SessionInput{NeighborhoodID: b.NeighborhoodId, Date: b.Date.Time, Venue: b.Venue,
		StartTime: b.StartTime, EndTime: b.EndTime, SlotMinutes: b.SlotMinutes, CapacityPerSlot: b.CapacityPerSlot,
		ProcedureIDs: b.ProcedureIds, StaffIDs: b.StaffIds, Note: b.Note})
	if err != nil {
		return nil, problem(err)
	}
	return api.CreateSession201JSONResponse(out.API()), nil
}

// UpdateSession implements PATCH /v1/sessions/{id}.
func (h Handlers) UpdateSession(ctx context.Context, r api.UpdateSessionRequestObject) (api.UpdateSessionResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	b := r.Body
	out, err := h.Svc.Update(ctx, p, r.Id, SessionPatch{Venue: b.Venue, CapacityPerSlot: b.CapacityPerSlot,
		ProcedureIDs: b.ProcedureIds, StaffIDs: b.StaffIds, Note: b.Note})
	if err != nil {
		return nil, problem(err)
	}
	return api.UpdateSession200JSONResponse(out.API()), nil
}

// TransitionSession implements POST /v1/sessions/{id}/transitions.
func (h Handlers) TransitionSession(ctx context.Context, r api.TransitionSessionRequestObject) (api.TransitionSessionResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Transition(ctx, p, r.Id, SessionStatus(r.Body.To), r.Body.Note)
	if err != nil {
		return nil, problem(err)
	}
	return api.TransitionSession200JSONResponse(out.API()), nil
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
	return api.ListSessionBookings200JSONResponse(bookingList(out)), nil
}

// CreateBooking implements POST /v1/sessions/{id}/bookings.
func (h Handlers) CreateBooking(ctx context.Context, r api.CreateBookingRequestObject) (api.CreateBookingResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Book(ctx, p, r.Id, BookingInput{SlotStartsAt: r.Body.SlotStartsAt, ProcedureID: r.Body.ProcedureId, Note: r.Body.Note})
	if err != nil {
		return nil, problem(err)
	}
	return api.CreateBooking201JSONResponse(out.API()), nil
}

// CheckIn implements POST /v1/sessions/{id}/check-ins.
func (h Handlers) CheckIn(ctx context.Context, r api.CheckInRequestObject) (api.CheckInResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	b := r.Body
	out, err := h.Svc.CheckIn(ctx, p, r.Id, CheckInInput{Code: b.Code, CitizenID: b.CitizenId, Name: b.Name, Phone: b.Phone, ProcedureID: b.ProcedureId})
	if err != nil {
		return nil, problem(err)
	}
	return api.CheckIn200JSONResponse(out.API()), nil
}

// ListMyBookings implements GET /v1/me/bookings.
func (h Handlers) ListMyBookings(ctx context.Context, r api.ListMyBookingsRequestObject) (api.ListMyBookingsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.MyBookings(ctx, p, httpx.Limit(r.Params.Limit), r.Params.Cursor)
	if err != nil {
		return nil, problem(err)
	}
	return api.ListMyBookings200JSONResponse(bookingList(out)), nil
}

// TransitionBooking implements POST /v1/bookings/{id}/transitions (the contract's only move is
// the cancellation).
func (h Handlers) TransitionBooking(ctx context.Context, r api.TransitionBookingRequestObject) (api.TransitionBookingResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Cancel(ctx, p, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.TransitionBooking200JSONResponse(out.API()), nil
}

// API is the session as the contract shows it.
func (s Session) API() api.Session {
	out := api.Session{Id: s.ID, WardId: s.WardID, NeighborhoodId: s.NeighborhoodID, Date: openapi_types.Date{Time: s.Day},
		Venue: s.Venue, StartsAt: s.StartsAt, EndsAt: s.EndsAt, SlotMinutes: s.SlotMinutes, CapacityPerSlot: s.CapacityPerSlot,
		Status: api.SessionStatus(s.Status), ProcedureIds: s.ProcedureIDs, StaffIds: s.StaffIDs, Note: s.Note,
		Slots: make([]api.Slot, 0, len(s.Slots)),
		Attendance: api.Attendance{Booked: s.Attendance.Booked, CheckedIn: s.Attendance.CheckedIn, WalkIns: s.Attendance.WalkIns,
			NoShow: s.Attendance.NoShow, Cancelled: s.Attendance.Cancelled}}
	if out.StaffIds == nil {
		out.StaffIds = []uuid.UUID{}
	}
	for _, sl := range s.Slots {
		out.Slots = append(out.Slots, api.Slot{StartsAt: sl.StartsAt, EndsAt: sl.EndsAt, Capacity: sl.Capacity,
			Booked: sl.Booked, Remaining: sl.Capacity - sl.Booked})
	}
	return out
}

// API is the booking as the contract shows it; the person's name (and phone, where the service
// filled it) only in the staff's view.
func (b Booking) API() api.Booking {
	out := api.Booking{Id: b.ID, SessionId: b.SessionID, SlotStartsAt: b.SlotStartsAt, Code: b.Code,
		Status: api.BookingStatus(b.Status), Note: b.Note, WalkIn: b.WalkIn, CheckedInAt: b.CheckedInAt, CreatedAt: b.CreatedAt}
	if b.CitizenID.Valid {
		id := b.CitizenID.UUID
		out.CitizenId = &id
	}
	if b.ProcedureID.Valid {
		id := b.ProcedureID.UUID
		out.ProcedureId = &id
	}
	if b.StaffView {
		out.Name, out.Phone = b.Name, b.Phone
	}
	return out
}

func bookingList(p Page[Booking]) api.BookingList {
	out := api.BookingList{Items: make([]api.Booking, 0, len(p.Items)), NextCursor: p.NextCursor}
	for _, b := range p.Items {
		out.Items = append(out.Items, b.API())
	}
	return out
}
