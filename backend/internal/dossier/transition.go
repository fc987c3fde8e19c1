package dossier

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Transition moves a dossier through its lifecycle under a row lock, writing the event, the
// audit row and the applicant's notification in the same transaction. `to` equal to the current
// state with a new due date reschedules an overdue dossier instead.
func (s *Service) Transition(ctx context.Context, caller auth.Principal, id uuid.UUID, in api.DossierTransition) (api.DossierDetail, error) {
	note := httpx.CleanOptional(in.Note)
	to := string(in.To)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		d, err := q.GetDossierForUpdate(ctx, id)
		if errors.Is(err, pgx.ErrNoRows) || err == nil && !visible(d, caller) {
			return httpx.ErrNotFound
		}
		if err != nil {
			return err
		}
		now := s.clock.Now()
		if in.NewDueDate != nil {
			if to != d.Status {
				// a new date with another state would silently move the dossier instead
				return httpx.Invalid(httpx.Field("new_due_date", "not_a_reschedule"))
			}
			return s.reschedule(ctx, tx, d, caller, in.NewDueDate.Time, note, now)
		}
		legal, permitted := Allowed(d.Status, to, caller.Role)
		switch {
		case !legal:
			return errIllegal
		case !permitted:
			return httpx.ErrForbidden
		}
		params := dossierdb.SetStatusParams{ID: d.ID, Status: to, Now: now}
		if to == ResultReady {
			params.ResultAt = &now
		}
		if closes(to) {
			params.ClosedAt = &now
		}
		from := d.Status
		if d, err = q.SetStatus(ctx, params); err != nil {
			return err
		}
		if err := q.InsertEvent(ctx, event(d, "transition", &from, to, caller, note, nil, now)); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Event{WardID: d.WardID, ActorID: caller.UserID, Action: "dossier." + to,
			TargetType: "dossier", TargetID: d.ID, Detail: map[string]any{"code": d.Code, "from": from}, At: now}); err != nil {
			return err
		}
		return s.tell(ctx, tx, d, to, note)
	})
	if err != nil {
		return api.DossierDetail{}, err
	}
	return s.detail(ctx, id)
}

// reschedule gives an overdue dossier a new due date, with the office's apology
// (phiếu xin lỗi và hẹn lại ngày trả kết quả) recorded and sent to the applicant.
func (s *Service) reschedule(ctx context.Context, tx pgx.Tx, d dossierdb.Dossier, caller auth.Principal, day time.Time, note *string, now time.Time) error {
	if !caller.Is(auth.RoleOfficer, auth.RoleAdmin) {
		return httpx.ErrForbidden
	}
	if !open(d.Status) || d.DueAt == nil || !now.After(*d.DueAt) {
		return errNotOverdue
	}
	var fields []httpx.FieldError
	if note == nil {
		fields = append(fields, httpx.Field("note", "required"))
	}
	due := time.Date(day.Year(), day.Month(), day.Day(), calendar.OfficeCloseHour, 0, 0, 0, calendar.Location)
	cal, err := s.calendars.ForWard(ctx, d.WardID, due)
	if err != nil {
		return err
	}
	today := now.In(calendar.Location)
	switch {
	case !due.After(time.Date(today.Year(), today.Month(), today.Day(), 23, 59, 59, 0, calendar.Location)):
		fields = append(fields, httpx.Field("new_due_date", "not_after_today"))
	case !cal.IsWorkingDay(due):
		fields = append(fields, httpx.Field("new_due_date", "not_working_day"))
	}
	if len(fields) > 0 {
		return httpx.Invalid(fields...)
	}
	q := s.q.WithTx(tx)
	if d, err = q.Reschedule(ctx, dossierdb.RescheduleParams{ID: d.ID, DueAt: due, Now: now}); err != nil {
		return err
	}
	status := d.Status
	if err := q.InsertEvent(ctx, event(d, "rescheduled", &status, status, caller, note, &due, now)); err != nil {
		return err
	}
	if err := audit.Record(ctx, tx, audit.Event{WardID: d.WardID, ActorID: caller.UserID, Action: "dossier.reschedule",
		TargetType: "dossier", TargetID: d.ID, Detail: map[string]any{"code": d.Code, "due_at": due}, At: now}); err != nil {
		return err
	}
	return s.tell(ctx, tx, d, "rescheduled", note)
}
