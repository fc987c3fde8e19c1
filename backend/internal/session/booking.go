package session

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/session/sessiondb"
	"github.com/motcuagandan/motcua/backend/internal/shortcode"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// Book takes a place in a slot for the calling citizen. The seat is taken by the conditional
// counter UPDATE (no row: the slot is full) and the booking row by the partial unique index
// (a violation: the citizen already holds a live booking), both in one transaction.
func (s *Service) Book(ctx context.Context, caller auth.Principal, sessionID uuid.UUID, in BookingInput) (Booking, error) {
	if id, ok := idempotency.Committed(ctx, "booking"); ok {
		b, err := s.q.GetBooking(ctx, id)
		return toBooking(b, false), err
	}
	now := s.clock.Now()
	slot := in.SlotStartsAt
	target := sessiondb.BookingTargetParams{SessionID: sessionID, StartsAt: slot}
	if _, full := s.full.full(target); !full {
		// One request per slot at a time in this process reads it and tries for a seat; the
		// others wait here holding no database connection, and once it is full most of them are
		// refused from the hint below without a read.
		done := s.full.turn(target)
		defer done()
	}
	gen := s.full.generation()
	t, err := tenant.Load(ctx, target, s.bookingTarget, func(t sessiondb.BookingTargetRow) bool { return t.WardID == caller.WardID })
	if err != nil {
		return Booking{}, err
	}
	if SessionStatus(t.Status) != Scheduled {
		return Booking{}, ErrSessionNotOpen
	}
	var fields []fault.Field
	switch {
	case !t.SlotExists:
		fields = append(fields, fault.F("slot_starts_at", "unknown_slot"))
	case !slot.After(now):
		fields = append(fields, fault.F("slot_starts_at", "slot_started"))
	}
	var proc uuid.NullUUID
	if in.ProcedureID != nil {
		proc = uuid.NullUUID{UUID: *in.ProcedureID, Valid: true}
		if len(t.ProcedureIds) > 0 && !slices.Contains(t.ProcedureIds, *in.ProcedureID) {
			fields = append(fields, fault.F("procedure_id", "not_offered"))
		}
	}
	if len(fields) > 0 {
		return Booking{}, fault.Fields(fields...)
	}
	if t.Full {
		return Booking{}, ErrSlotFull // before the calendar's reads: the storm's late requests cost one read, or none
	}
	// The session was scheduled on a working Saturday, but its day may have become a day off since.
	if off, err := s.holiday(ctx, t.WardID, t.SessionStartsAt); err != nil {
		return Booking{}, err
	} else if off {
		return Booking{}, fault.Fields(fault.F("slot_starts_at", "session_day_holiday"))
	}
	var out sessiondb.Booking
	id := uuid.Must(uuid.NewV7())
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "booking", id); err != nil {
			return err
		}
		q := s.q.WithTx(tx)
		if status, err := q.SessionStatusForShare(ctx, sessionID); err != nil {
			return err
		} else if SessionStatus(status) != Scheduled {
			return ErrSessionNotOpen
		}
		if out, err = insertBooking(ctx, q, sessiondb.InsertBookingParams{
			ID: id, SessionID: sessionID, WardID: t.WardID, SlotStartsAt: &slot,
			CitizenID: uuid.NullUUID{UUID: caller.UserID, Valid: true}, ProcedureID: proc, Note: httpx.CleanOptional(in.Note),
			Status: string(Booked), Now: now,
		}); err != nil {
			return err
		}
		// The seat last: the slot's row lock is then held only until the commit that follows, so
		// the bookings of one slot queue on it for a single statement each. Holding that lock,
		// this transaction waits for nothing else, so it cannot be part of a deadlock.
		if _, err := q.TakeSeat(ctx, sessiondb.TakeSeatParams{SessionID: sessionID, StartsAt: slot}); errors.Is(err, pgx.ErrNoRows) {
			s.full.remember(target, t, gen)
			return ErrSlotFull
		} else if err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return Booking{}, err
	}
	return toBooking(out, false), nil
}

// bookingTarget reads what a booking needs to know of the session and slot; a slot found full
// is remembered for a moment (fullhint.go), so the requests that follow are refused unread.
func (s *Service) bookingTarget(ctx context.Context, p sessiondb.BookingTargetParams) (sessiondb.BookingTargetRow, error) {
	if row, ok := s.full.full(p); ok {
		return row, nil
	}
	gen := s.full.generation()
	row, err := s.q.BookingTarget(ctx, p)
	if err == nil && row.Full {
		s.full.remember(p, row, gen)
	}
	return row, err
}

// insertBooking draws a fresh code in the rare case one is taken (the insert then adds nothing,
// and no savepoint is needed); a second live booking of the same citizen is already_booked.
func insertBooking(ctx context.Context, q *sessiondb.Queries, p sessiondb.InsertBookingParams) (sessiondb.Booking, error) {
	for attempt := 0; ; attempt++ {
		p.Code = shortcode.New(6)
		b, err := q.InsertBooking(ctx, p)
		if errors.Is(err, pgx.ErrNoRows) && attempt < 5 {
			continue // the code is taken
		}
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.ConstraintName == "bookings_one_live_per_citizen" {
			return b, ErrAlreadyBooked
		}
		return b, err
	}
}

// Cancel cancels a booking and frees its place at once: its citizen until the session starts,
// or the ward's officers and admins.
func (s *Service) Cancel(ctx context.Context, caller auth.Principal, id uuid.UUID) (Booking, error) {
	now := s.clock.Now()
	var out sessiondb.Booking
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		actor := func(b sessiondb.Booking) bookingActor {
			return bookingActor{caller: caller, ward: b.WardID, citizen: b.CitizenID}
		}
		// Only those who may cancel it see it: its citizen, the ward's officers and admins.
		b, err := tenant.Load(ctx, id, q.GetBookingForUpdate, func(b sessiondb.Booking) bool {
			return theCitizen.May(actor(b)) || bookingOffice.May(actor(b))
		})
		if err != nil {
			return err
		}
		if err := bookingMachine.Check(BookingStatus(b.Status), BookingCancelled, actor(b)); err != nil {
			return err
		}
		mine, staff := theCitizen.May(actor(b)), bookingOffice.May(actor(b))
		sess, err := q.GetSession(ctx, b.SessionID)
		if err != nil {
			return err
		}
		if !staff && !now.Before(sess.StartsAt) {
			return ErrTooLateToCancel
		}
		if out, err = q.SetBookingStatus(ctx, sessiondb.SetBookingStatusParams{ID: id, Status: string(BookingCancelled), Now: now}); err != nil {
			return err
		}
		if b.SlotStartsAt != nil {
			if err := q.FreeSeat(ctx, sessiondb.FreeSeatParams{SessionID: b.SessionID, StartsAt: *b.SlotStartsAt}); err != nil {
				return err
			}
		}
		if staff && !mine {
			return audit.Record(ctx, tx, audit.Event{WardID: b.WardID, ActorID: caller.UserID, Action: "booking.cancel",
				TargetType: "booking", TargetID: id, At: now})
		}
		return nil
	})
	if err != nil {
		return Booking{}, err
	}
	s.full.forget() // committed: the freed seat is offered at once
	return toBooking(out, false), nil
}

// CheckIn receives a citizen at the venue: by booking code, or as a walk-in (an account of the
// ward, or a name and phone). Admins, and the officers and volunteers on duty, may do it, on
// the session's day.
func (s *Service) CheckIn(ctx context.Context, caller auth.Principal, sessionID uuid.UUID, in CheckInInput) (Booking, error) {
	if id, ok := idempotency.Committed(ctx, "booking"); ok {
		b, err := s.q.GetBooking(ctx, id)
		return toBooking(b, true), err
	}
	now := s.clock.Now()
	var out sessiondb.Booking
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		sess, err := tenant.Load(ctx, sessionID, q.GetSession, inWard(caller))
		if err != nil {
			return err
		}
		actor := bookingActor{caller: caller, ward: sess.WardID}
		if caller.Role != auth.RoleAdmin {
			if actor.onDuty, err = q.OnDuty(ctx, sessiondb.OnDutyParams{SessionID: sessionID, UserID: caller.UserID}); err != nil {
				return err
			}
		}
		// Who may check people in at all (a walk-in is checked in as it is recorded).
		if err := bookingMachine.Check(Booked, CheckedIn, actor); errors.Is(err, lifecycle.ErrForbidden) {
			return ErrNotOnDuty
		}
		if SessionStatus(sess.Status) != Scheduled {
			return ErrSessionNotOpen
		}
		switch today, day := now.In(calendar.Location).Format(calendar.DateLayout), sess.Day.Format(calendar.DateLayout); {
		case today < day:
			return ErrBeforeDay
		case today > day:
			return ErrAfterDay
		}
		if in.Code != nil {
			if out, err = s.checkInCode(ctx, q, actor, sessionID, *in.Code, now); err != nil {
				return err
			}
			// The booking row is locked: a copy of this request waits for it, then yields here.
			return idempotency.Record(ctx, tx, "booking", out.ID)
		}
		out, err = s.walkIn(ctx, tx, caller, sess, in, now)
		return err
	})
	if err != nil {
		return Booking{}, err
	}
	return toBooking(out, true), nil
}

func (s *Service) checkInCode(ctx context.Context, q *sessiondb.Queries, actor bookingActor, sessionID uuid.UUID, code string, now time.Time) (sessiondb.Booking, error) {
	b, err := q.BookingByCodeForUpdate(ctx, sessiondb.BookingByCodeForUpdateParams{SessionID: sessionID, Code: upper(code)})
	if errors.Is(err, pgx.ErrNoRows) {
		return b, fault.Fields(fault.F("code", "unknown_code"))
	}
	if err != nil {
		return b, err
	}
	if BookingStatus(b.Status) == CheckedIn {
		return b, nil // scanning the QR twice is fine
	}
	actor.citizen = b.CitizenID
	if err := bookingMachine.Check(BookingStatus(b.Status), CheckedIn, actor); err != nil {
		return b, err
	}
	return q.SetBookingStatus(ctx, sessiondb.SetBookingStatusParams{ID: b.ID, Status: string(CheckedIn), CheckedInAt: &now, Now: now})
}

func (s *Service) walkIn(ctx context.Context, tx pgx.Tx, caller auth.Principal, sess sessiondb.Session, in CheckInInput, now time.Time) (sessiondb.Booking, error) {
	p := sessiondb.InsertBookingParams{ID: uuid.Must(uuid.NewV7()), SessionID: sess.ID, WardID: sess.WardID,
		WalkIn: true, Status: string(CheckedIn), CheckedInAt: &now, Now: now}
	if in.ProcedureID != nil {
		p.ProcedureID = uuid.NullUUID{UUID: *in.ProcedureID, Valid: true}
	}
	switch {
	case in.CitizenID != nil:
		u, err := s.accounts.User(ctx, *in.CitizenID)
		if err != nil || u.WardId != sess.WardID || u.Role != api.Citizen {
			return sessiondb.Booking{}, fault.Fields(fault.F("citizen_id", "unknown_citizen"))
		}
		p.CitizenID = uuid.NullUUID{UUID: u.Id, Valid: true}
	case in.Name != nil:
		name, code := httpx.CheckText(*in.Name, 120)
		if code != "" {
			return sessiondb.Booking{}, fault.Fields(fault.F("name", code))
		}
		p.WalkInName = &name
		if in.Phone != nil && *in.Phone != "" {
			ph, err := phone.Normalize(*in.Phone)
			if err != nil {
				return sessiondb.Booking{}, fault.Fields(fault.F("phone", "invalid_phone"))
			}
			p.WalkInPhone = &ph
		}
	default:
		return sessiondb.Booking{}, fault.Fields(fault.F("code", "code_or_walk_in"))
	}
	// A retried walk-in must not be a second person: the key is recorded before the insert.
	if err := idempotency.Record(ctx, tx, "booking", p.ID); err != nil {
		return sessiondb.Booking{}, err
	}
	// A citizen who holds a booking is checked in by its code instead: already_booked.
	return insertBooking(ctx, sessiondb.New(tx), p)
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}

// toBooking is a booking row as the feature shows it; walk-ins' names only in the staff's view.
func toBooking(b sessiondb.Booking, staffView bool) Booking {
	return Booking{ID: b.ID, SessionID: b.SessionID, SlotStartsAt: b.SlotStartsAt, Code: b.Code, Status: BookingStatus(b.Status),
		CitizenID: b.CitizenID, ProcedureID: b.ProcedureID, Note: b.Note, WalkIn: b.WalkIn, Name: b.WalkInName,
		StaffView: staffView, CheckedInAt: b.CheckedInAt, CreatedAt: b.CreatedAt}
}

// MyBookings lists the caller's bookings, newest first.
func (s *Service) MyBookings(ctx context.Context, caller auth.Principal, lim int, cursor *string) (Page[Booking], error) {
	before, err := httpx.DecodeIDCursor(cursor)
	if err != nil {
		return Page[Booking]{}, err
	}
	rows, err := s.q.CitizenBookings(ctx, sessiondb.CitizenBookingsParams{CitizenID: uuid.NullUUID{UUID: caller.UserID, Valid: true},
		BeforeID: before, Lim: int32(lim)})
	if err != nil {
		return Page[Booking]{}, err
	}
	out := Page[Booking]{Items: make([]Booking, 0, len(rows))}
	for _, b := range rows {
		out.Items = append(out.Items, toBooking(b, false))
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), lim, rows[len(rows)-1].ID.String())
	}
	return out, nil
}
