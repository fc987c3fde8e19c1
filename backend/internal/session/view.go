package session

import (
	"cmp"
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/session/sessiondb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// view is a session with its slots and the attendance so far.
func (s *Service) view(ctx context.Context, id uuid.UUID) (Session, error) {
	sess, err := s.q.GetSession(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return Session{}, fault.ErrNotFound
	}
	if err != nil {
		return Session{}, err
	}
	out, err := s.withDetails(ctx, []sessiondb.Session{sess})
	if err != nil {
		return Session{}, err
	}
	return out[0], nil
}

// withDetails is the sessions with their slots, staff and attendance, read in one query for all of them.
func (s *Service) withDetails(ctx context.Context, sessions []sessiondb.Session) ([]Session, error) {
	ids := make([]uuid.UUID, len(sessions))
	for i, sess := range sessions {
		ids[i] = sess.ID
	}
	rows, err := s.q.SessionDetails(ctx, ids)
	if err != nil {
		return nil, err
	}
	details := make(map[uuid.UUID]sessiondb.SessionDetailsRow, len(rows))
	for _, r := range rows {
		details[r.ID] = r
	}
	out := make([]Session, 0, len(sessions))
	for _, sess := range sessions {
		d := details[sess.ID]
		v := Session{
			ID: sess.ID, WardID: sess.WardID, NeighborhoodID: sess.NeighborhoodID, Day: sess.Day,
			Venue: sess.Venue, StartsAt: sess.StartsAt, EndsAt: sess.EndsAt, SlotMinutes: int(sess.SlotMinutes),
			CapacityPerSlot: int(sess.CapacityPerSlot), Status: SessionStatus(sess.Status), ProcedureIDs: sess.ProcedureIds,
			StaffIDs: d.StaffIds, Note: sess.Note, Slots: make([]Slot, 0, len(d.SlotStarts)),
			Attendance: Attendance{Booked: int(d.Booked), CheckedIn: int(d.CheckedIn), WalkIns: int(d.WalkIns),
				NoShow: int(d.NoShow), Cancelled: int(d.Cancelled)},
		}
		for i := range d.SlotStarts {
			v.Slots = append(v.Slots, Slot{StartsAt: d.SlotStarts[i], EndsAt: d.SlotEnds[i], Capacity: int(d.SlotCapacity[i]),
				Booked: int(d.SlotBooked[i])})
		}
		out = append(out, v)
	}
	return out, nil
}

// Get is the public view of a session.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (Session, error) { return s.view(ctx, id) }

// List is the public list of a ward's sessions between two days, soonest first: by default only
// those that can still be booked, or those in the states asked for.
func (s *Service) List(ctx context.Context, p Filter) (Page[Session], error) {
	ward, err := s.q.WardByCode(ctx, p.WardCode)
	if errors.Is(err, pgx.ErrNoRows) {
		return Page[Session]{}, fault.ErrNotFound
	}
	if err != nil {
		return Page[Session]{}, err
	}
	today := s.clock.Now().In(calendar.Location)
	from := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if p.From != nil {
		from = *p.From
	}
	to := from.AddDate(0, 0, 60)
	if p.To != nil {
		to = *p.To
	}
	params := sessiondb.ListSessionsParams{WardID: ward, Now: s.clock.Now(), FromDay: from, ToDay: to, Lim: int32(p.Limit)}
	if p.NeighborhoodID != nil {
		params.NeighborhoodID = uuid.NullUUID{UUID: *p.NeighborhoodID, Valid: true}
	}
	for _, st := range p.Statuses {
		params.Statuses = append(params.Statuses, string(st))
	}
	if after, err := httpx.DecodeIDCursor(p.Cursor); err != nil {
		return Page[Session]{}, err
	} else if after.Valid {
		last, err := s.q.GetSession(ctx, after.UUID)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return Page[Session]{}, err
		}
		if err != nil || last.WardID != ward {
			return Page[Session]{}, httpx.ErrBadCursor
		}
		params.AfterID, params.AfterDay = after, &last.Day
	}
	rows, err := s.q.ListSessions(ctx, params)
	if err != nil {
		return Page[Session]{}, err
	}
	items, err := s.withDetails(ctx, rows)
	if err != nil {
		return Page[Session]{}, err
	}
	out := Page[Session]{Items: items}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), int(params.Lim), rows[len(rows)-1].ID.String())
	}
	return out, nil
}

// SessionBookings lists a session's bookings for the ward's staff, each with its person: the
// name for everyone on the staff (the volunteer at the door greets them by it), the phone only
// for the office's officers and admins (a volunteer has no call to make; DESIGN §2, as pickups).
// Two queries whatever the number of bookings: the session, then the bookings joined to people.
func (s *Service) SessionBookings(ctx context.Context, caller auth.Principal, id uuid.UUID) (Page[Booking], error) {
	staff := func(sess sessiondb.Session) bool { return caller.WardStaff() && inWard(caller)(sess) }
	if _, err := tenant.Load(ctx, id, s.q.GetSession, staff); err != nil {
		return Page[Booking]{}, err
	}
	rows, err := s.q.SessionBookings(ctx, id)
	if err != nil {
		return Page[Booking]{}, err
	}
	out := Page[Booking]{Items: make([]Booking, 0, len(rows))}
	for _, b := range rows {
		v := Booking{ID: b.ID, SessionID: b.SessionID, SlotStartsAt: b.SlotStartsAt, Code: b.Code, Status: BookingStatus(b.Status),
			CitizenID: b.CitizenID, ProcedureID: b.ProcedureID, Note: b.Note, WalkIn: b.WalkIn, Name: cmp.Or(b.AccountName, b.WalkInName),
			StaffView: true, CheckedInAt: b.CheckedInAt, CreatedAt: b.CreatedAt}
		if caller.Office() {
			v.Phone = cmp.Or(b.AccountPhone, b.WalkInPhone)
		}
		out.Items = append(out.Items, v)
	}
	return out, nil
}
