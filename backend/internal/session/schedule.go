package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/mobile-bridge/push"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/session/sessiondb"
)

// at is the instant of "HH:MM" on day, in the office's zone.
func at(day time.Time, hhmm string) time.Time {
	var h, m int
	_, _ = fmt.Sscanf(hhmm, "%d:%d", &h, &m)
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, calendar.Location)
}

// Create schedules (publishes) a session with its slots and tells the neighbourhood's residents.
func (s *Service) Create(ctx context.Context, caller auth.Principal, in SessionInput) (Session, error) {
	if id, ok := idempotency.Committed(ctx, "session"); ok {
		return s.view(ctx, id)
	}
	now := s.clock.Now()
	day := in.Date
	start, end := at(day, in.StartTime), at(day, in.EndTime)
	var fields []fault.Field
	if day.Weekday() != time.Saturday {
		fields = append(fields, fault.F("date", "not_saturday"))
	} else if off, err := s.holiday(ctx, caller.WardID, start); err != nil {
		return Session{}, err
	} else if off {
		fields = append(fields, fault.F("date", "session_on_holiday"))
	}
	if !start.After(now) {
		fields = append(fields, fault.F("date", "in_past"))
	}
	if !end.After(start) {
		fields = append(fields, fault.F("end_time", "end_before_start"))
	} else if int(end.Sub(start).Minutes())%in.SlotMinutes != 0 {
		fields = append(fields, fault.F("slot_minutes", "slots_do_not_fit"))
	}
	venue, code := httpx.CheckText(in.Venue, 200)
	if code != "" {
		fields = append(fields, fault.F("venue", code))
	}
	if ok, err := s.q.NeighborhoodInWard(ctx, sessiondb.NeighborhoodInWardParams{ID: in.NeighborhoodID, WardID: caller.WardID}); err != nil {
		return Session{}, err
	} else if !ok {
		fields = append(fields, fault.F("neighborhood_id", "unknown_neighborhood"))
	}
	procs, pfields, err := s.checkProcedures(ctx, caller.WardID, in.ProcedureIDs)
	if err != nil {
		return Session{}, err
	}
	staff, sfields, err := s.checkStaff(ctx, caller.WardID, in.StaffIDs)
	if err != nil {
		return Session{}, err
	}
	fields = append(append(fields, pfields...), sfields...)
	if len(fields) > 0 {
		return Session{}, fault.Fields(fields...)
	}
	residents, err := s.accounts.Residents(ctx, caller.WardID, in.NeighborhoodID)
	if err != nil {
		return Session{}, err
	}
	id := uuid.Must(uuid.NewV7())
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "session", id); err != nil {
			return err
		}
		q := s.q.WithTx(tx)
		sess, err := q.InsertSession(ctx, sessiondb.InsertSessionParams{
			ID: id, WardID: caller.WardID, NeighborhoodID: in.NeighborhoodID, Day: day,
			Venue: venue, StartsAt: start, EndsAt: end, SlotMinutes: int32(in.SlotMinutes),
			CapacityPerSlot: int32(in.CapacityPerSlot), ProcedureIds: procs, Note: httpx.CleanOptional(in.Note),
			CreatedBy: uuid.NullUUID{UUID: caller.UserID, Valid: true}, Now: now,
		})
		if err != nil {
			return err
		}
		step := time.Duration(in.SlotMinutes) * time.Minute
		for t := start; t.Before(end); t = t.Add(step) {
			if err := q.InsertSlot(ctx, sessiondb.InsertSlotParams{SessionID: sess.ID, StartsAt: t, EndsAt: t.Add(step), Capacity: int32(in.CapacityPerSlot)}); err != nil {
				return err
			}
		}
		if err := q.SetStaff(ctx, sessiondb.SetStaffParams{SessionID: sess.ID, UserIds: staff}); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Event{WardID: caller.WardID, ActorID: caller.UserID, Action: "session.create",
			TargetType: "session", TargetID: sess.ID, Detail: map[string]any{"day": day.Format(calendar.DateLayout)}, At: now}); err != nil {
			return err
		}
		return s.announce(ctx, tx, sess, residents)
	})
	if err != nil {
		return Session{}, err
	}
	return s.view(ctx, id)
}

// announce tells every resident of the neighbourhood through the inbox and a push (the outbox):
// each reads it in their own language and it is kept in their inbox, which FCM topics would not do.
func (s *Service) announce(ctx context.Context, tx pgx.Tx, sess sessiondb.Session, residents []uuid.UUID) error {
	if len(residents) == 0 {
		return nil
	}
	msgs := make([]notify.Message, 0, len(residents))
	for _, r := range residents {
		msgs = append(msgs, notify.Message{UserID: r, Type: string(push.SessionPublished),
			Title: httpx.Text{VI: "Buổi tiếp nhận hồ sơ tại khu phố", EN: "Neighbourhood session"},
			Body: httpx.Text{VI: whenVI(sess.StartsAt) + ", tại " + sess.Venue + ". Ông/bà đặt lịch hẹn trên ứng dụng để không phải chờ.",
				EN: whenEN(sess.StartsAt) + ", at " + sess.Venue + ". Book a slot in the app to skip the queue."},
			Data: map[string]string{push.KeySessionID: sess.ID.String(), push.KeyLink: sessionLink(sess.ID)}})
	}
	_, err := notify.EnqueueMany(ctx, tx, msgs, s.clock.Now)
	return err
}

// checkProcedures keeps the ward's procedures that may be received at a Saturday session.
func (s *Service) checkProcedures(ctx context.Context, wardID uuid.UUID, ids *[]uuid.UUID) ([]uuid.UUID, []fault.Field, error) {
	out := []uuid.UUID{}
	if ids == nil {
		return out, nil, nil
	}
	var fields []fault.Field
	for i, id := range *ids {
		p, err := s.procedures.Get(ctx, wardID, id)
		switch {
		case errors.Is(err, httpx.ErrNotFound) || err == nil && (!p.Active || !p.Allows(procedure.ChannelSaturdaySession)):
			fields = append(fields, fault.F(fmt.Sprintf("procedure_ids/%d", i), "not_offered"))
		case err != nil:
			return nil, nil, err
		case !slices.Contains(out, id):
			out = append(out, id)
		}
	}
	return out, fields, nil
}

// checkStaff keeps the ward's volunteers, officers and admins.
func (s *Service) checkStaff(ctx context.Context, wardID uuid.UUID, ids *[]uuid.UUID) ([]uuid.UUID, []fault.Field, error) {
	out := []uuid.UUID{}
	if ids == nil {
		return out, nil, nil
	}
	var fields []fault.Field
	for i, id := range *ids {
		u, err := s.accounts.User(ctx, id)
		if err != nil && !errors.Is(err, httpx.ErrNotFound) {
			return nil, nil, err
		}
		if err != nil || u.WardId != wardID || u.Role == api.Citizen || !u.Active {
			fields = append(fields, fault.F(fmt.Sprintf("staff_ids/%d", i), "unknown_staff"))
		} else if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, fields, nil
}
