package session

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/mobile-bridge/push"

	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/session/sessiondb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// inWard: a session of the caller's ward (another ward's answers as a missing one).
func inWard(caller auth.Principal) func(sessiondb.Session) bool {
	return func(sess sessiondb.Session) bool { return sess.WardID == caller.WardID }
}

// lockInWard locks a session of the caller's ward; another ward's is not found.
func lockInWard(ctx context.Context, q *sessiondb.Queries, caller auth.Principal, id uuid.UUID) (sessiondb.Session, error) {
	return tenant.Load(ctx, id, q.GetSessionForUpdate, inWard(caller))
}

// Update edits a scheduled session. Times and slots are fixed once published (cancel and
// schedule another instead); capacity may grow, or shrink down to what is already booked.
func (s *Service) Update(ctx context.Context, caller auth.Principal, id uuid.UUID, in SessionPatch) (Session, error) {
	procs, fields, err := s.checkProcedures(ctx, caller.WardID, in.ProcedureIDs)
	if err != nil {
		return Session{}, err
	}
	staff, sfields, err := s.checkStaff(ctx, caller.WardID, in.StaffIDs)
	if err != nil {
		return Session{}, err
	}
	fields = append(fields, sfields...)
	params := sessiondb.UpdateSessionParams{ID: id, Now: s.clock.Now(), Note: httpx.CleanOptional(in.Note)}
	if in.ProcedureIDs != nil {
		params.ProcedureIds = procs
	}
	if in.Venue != nil {
		venue, code := httpx.CheckText(*in.Venue, 200)
		if code != "" {
			fields = append(fields, fault.F("venue", code))
		}
		params.Venue = &venue
	}
	if len(fields) > 0 {
		return Session{}, fault.Fields(fields...)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		sess, err := lockInWard(ctx, q, caller, id)
		if err != nil {
			return err
		}
		if SessionStatus(sess.Status) != Scheduled {
			return ErrSessionNotOpen // times, slots and staff are fixed once the session is closed
		}
		if in.CapacityPerSlot != nil {
			booked, err := q.MaxBooked(ctx, id)
			if err != nil {
				return err
			}
			if *in.CapacityPerSlot < int(booked) {
				return ErrCapacityBelowBooked
			}
			c := int32(*in.CapacityPerSlot)
			params.Capacity = &c
			// The CHECK (booked <= capacity) refuses the update if a booking slipped in meanwhile.
			err = q.SetSlotCapacity(ctx, sessiondb.SetSlotCapacityParams{SessionID: id, Capacity: c})
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.Code == "23514" {
				return ErrCapacityBelowBooked
			}
			if err != nil {
				return err
			}
		}
		if in.StaffIDs != nil {
			if err := q.ClearStaff(ctx, id); err != nil {
				return err
			}
			if err := q.SetStaff(ctx, sessiondb.SetStaffParams{SessionID: id, UserIds: staff}); err != nil {
				return err
			}
		}
		if _, err := q.UpdateSession(ctx, params); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: caller.WardID, ActorID: caller.UserID, Action: "session.update",
			TargetType: "session", TargetID: id, At: params.Now})
	})
	s.full.forget() // a capacity raised, a session closed: no slot is known full any more
	if err != nil {
		return Session{}, err
	}
	return s.view(ctx, id)
}

// Transition completes a session (after it ended: bookings not checked in become no_show) or
// cancels it (every booking is cancelled and its citizen told).
func (s *Service) Transition(ctx context.Context, caller auth.Principal, id uuid.UUID, to SessionStatus, note *string) (Session, error) {
	now := s.clock.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		sess, err := lockInWard(ctx, q, caller, id)
		if err != nil {
			return err
		}
		if err := sessionMachine.Check(SessionStatus(sess.Status), to, sessionActor{caller: caller, ward: sess.WardID}); err != nil {
			return err
		}
		closeAs := BookingCancelled
		if to == Completed {
			if now.Before(sess.EndsAt) {
				return ErrSessionNotOver
			}
			closeAs = NoShow
		}
		// Every booking still open makes the same move, by the same officer.
		if err := bookingMachine.Check(Booked, closeAs, bookingActor{caller: caller, ward: sess.WardID}); err != nil {
			return err
		}
		closed, err := q.CloseBookings(ctx, sessiondb.CloseBookingsParams{SessionID: id, Status: string(closeAs), Now: now})
		if err != nil {
			return err
		}
		if err := q.ResetSeats(ctx, id); err != nil {
			return err
		}
		if _, err := q.SetSessionStatus(ctx, sessiondb.SetSessionStatusParams{ID: id, Status: string(to), UpdatedAt: now}); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Event{WardID: caller.WardID, ActorID: caller.UserID, Action: "session." + string(to),
			TargetType: "session", TargetID: id, Detail: map[string]any{"bookings_closed": len(closed)}, At: now}); err != nil {
			return err
		}
		if to == SessionCancelled {
			return s.tellCancelled(ctx, tx, sess, closed, httpx.CleanOptional(note))
		}
		return nil
	})
	s.full.forget() // a capacity raised, a session closed: no slot is known full any more
	if err != nil {
		return Session{}, err
	}
	return s.view(ctx, id)
}

func (s *Service) tellCancelled(ctx context.Context, tx pgx.Tx, sess sessiondb.Session, closed []sessiondb.Booking, note *string) error {
	reason := httpx.Text{}
	if note != nil {
		reason = httpx.Text{VI: " Lý do: " + *note, EN: " Reason: " + *note}
	}
	var msgs []notify.Message
	for _, b := range closed {
		if !b.CitizenID.Valid {
			continue
		}
		msgs = append(msgs, notify.Message{UserID: b.CitizenID.UUID, Type: string(push.SessionCancelled),
			Title: httpx.Text{VI: "Buổi tiếp nhận đã bị hủy", EN: "Session cancelled"},
			Body: httpx.Text{VI: "Buổi tiếp nhận hồ sơ tại khu phố " + whenVI(sess.StartsAt) + ", tại " + sess.Venue + " đã bị hủy; lịch hẹn " +
				b.Code + " của ông/bà không còn hiệu lực." + reason.VI,
				EN: "The neighbourhood session of " + whenEN(sess.StartsAt) + ", at " + sess.Venue + " was cancelled; booking " + b.Code +
					" no longer stands." + reason.EN},
			Data: map[string]string{push.KeySessionID: sess.ID.String(), push.KeyBookingID: b.ID.String(), push.KeyLink: sessionLink(sess.ID)}})
	}
	if len(msgs) == 0 {
		return nil
	}
	_, err := notify.EnqueueMany(ctx, tx, msgs, s.clock.Now)
	return err
}

func init() {
	httpx.Register(map[string]httpx.Text{
		"session_not_over": {VI: "Chỉ kết thúc buổi tiếp nhận sau giờ kết thúc", EN: "A session can be completed only after it ends"},
	})
}
