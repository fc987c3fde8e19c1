package dossier

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// Transition moves a dossier through its lifecycle under a row lock, writing the event, the
// audit row and the applicant's notification in the same transaction. A move To the current
// state with a NewDueDate is the apology letter with a new date instead.
func (s *Service) Transition(ctx context.Context, caller auth.Principal, id uuid.UUID, m Move) (Detail, error) {
	note := httpx.CleanOptional(m.Note)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		row, err := tenant.Load(ctx, id, q.GetDossierForUpdate, visible(caller))
		if err != nil {
			return err
		}
		d := fromRow(row)
		now := s.clock.Now()
		if m.NewDueDate != nil {
			if m.To != d.Status {
				// a new date with another state would silently move the dossier instead
				return invalid("new_due_date", "not_a_reschedule")
			}
			return s.reschedule(ctx, tx, d, caller, *m.NewDueDate, note, now)
		}
		// The machine checks the move (409 illegal, 403 not this caller's) before anything else
		// is looked at, then the move is written with its event row.
		ev := lifecycle.Event[State, Actor]{From: d.Status, To: m.To, Actor: actorOf(caller, d), Note: note, At: now}
		return Machine.Apply(ctx, ev, func(ctx context.Context, ev lifecycle.Event[State, Actor]) error {
			return s.apply(ctx, tx, d, caller, ev, m.DocumentsReceived)
		})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.detail(ctx, id)
}

// apply writes an allowed move: its own checks (a reason where one is needed, documents only at
// intake), the new state, the event row, the audit row and the applicant's notification.
func (s *Service) apply(ctx context.Context, tx pgx.Tx, d Dossier, caller auth.Principal, ev lifecycle.Event[State, Actor], documents []string) error {
	from, to := ev.From, ev.To
	if documents != nil && to != Received {
		return invalid("documents_received", "only_at_intake")
	}
	if to.NeedsReason() && ev.Note == nil {
		if to == SupplementRequested {
			return invalid("note", "missing_documents_required")
		}
		return invalid("note", "reason_required")
	}
	q := s.q.WithTx(tx)
	var err error
	if from == Submitted && to == Received {
		d, err = s.receive(ctx, tx, d, caller, documents, ev.At)
	} else {
		d, err = s.setStatus(ctx, q, d, to, ev.At)
	}
	if err != nil {
		return err
	}
	if err := q.InsertEvent(ctx, event(d, "transition", &from, to, caller, ev.Note, nil, ev.At)); err != nil {
		return err
	}
	if err := audit.Record(ctx, tx, audit.Event{WardID: d.WardID, ActorID: caller.UserID, Action: "dossier." + string(to),
		TargetType: "dossier", TargetID: d.ID, Detail: map[string]any{"code": d.Code, "from": from}, At: ev.At}); err != nil {
		return err
	}
	return s.tell(ctx, tx, d, string(to), ev.Note)
}

// setStatus writes a move other than intake. Leaving supplement_requested ends the pause: the
// days waited are added to paused_days and to due_at (DESIGN.md §4; the time a dossier waits for
// the citizen's supplement is not processing time, Nghị định 61/2018/NĐ-CP, kept by
// 118/2025/NĐ-CP), counted as the procedure counts its processing time: working days, or calendar
// days for a procedure whose law counts so (e.g. Luật Đất đai 2024, Điều 235). original_due_at
// stays: the statistics judge against the first date.
func (s *Service) setStatus(ctx context.Context, q *dossierdb.Queries, d Dossier, to State, now time.Time) (Dossier, error) {
	params := dossierdb.SetStatusParams{ID: d.ID, Status: string(to), Now: now}
	if to == ResultReady {
		params.ResultAt = &now
	}
	if to.Closes() {
		params.ClosedAt = &now
	}
	if d.Status == SupplementRequested && d.PausedAt != nil && d.DueAt != nil {
		cal, err := s.calendars.ForWard(ctx, d.WardID, *d.PausedAt)
		if err != nil {
			return Dossier{}, err
		}
		terms, err := q.ProcedureTerms(ctx, dossierdb.ProcedureTermsParams{ID: d.ProcedureID, WardID: d.WardID})
		if err != nil {
			return Dossier{}, err
		}
		n, due := cal.Pause(*d.DueAt, *d.PausedAt, now, terms.DayCount == "calendar")
		params.AddPausedDays, params.DueAt = int32(n), &due
	}
	row, err := q.SetStatus(ctx, params)
	if err != nil {
		return Dossier{}, err
	}
	return fromRow(row), nil
}

// ReturnedByPost moves a dossier from result_ready to returned because the post delivered its
// result, in the caller's transaction, with the event and the applicant's notification.
func (s *Service) ReturnedByPost(ctx context.Context, tx pgx.Tx, id uuid.UUID, at time.Time) error {
	q := s.q.WithTx(tx)
	row, err := q.GetDossierForUpdate(ctx, id)
	if err != nil {
		return err
	}
	d := fromRow(row)
	carrier := auth.Principal{Role: roleCarrier}
	if Machine.Check(d.Status, Returned, actorOf(carrier, d)) != nil {
		return nil // returned already, or moved by hand: nothing to do
	}
	note := "Bưu điện đã phát kết quả"
	ev := lifecycle.Event[State, Actor]{From: d.Status, To: Returned, Actor: actorOf(carrier, d), Note: &note, At: at}
	return Machine.Apply(ctx, ev, func(ctx context.Context, ev lifecycle.Event[State, Actor]) error {
		d, err := s.setStatus(ctx, q, d, ev.To, ev.At)
		if err != nil {
			return err
		}
		from := ev.From
		if err := q.InsertEvent(ctx, event(d, "transition", &from, ev.To, carrier, ev.Note, nil, ev.At)); err != nil {
			return err
		}
		return s.tell(ctx, tx, d, string(ev.To), nil)
	})
}

// reschedule sends the office's apology with a new date (phiếu xin lỗi và hẹn lại ngày trả kết
// quả) for a dossier it will not finish in time. Nghị định 61/2018/NĐ-CP Điều 12 (kept by
// 118/2025/NĐ-CP): no later than one working day before the due date, and once per dossier (the
// migration's CHECK backs the count; the row is locked by the caller). due_at moves,
// original_due_at never does.
func (s *Service) reschedule(ctx context.Context, tx pgx.Tx, d Dossier, caller auth.Principal, day time.Time, note *string, now time.Time) error {
	if !caller.Office() {
		return fault.ErrForbidden
	}
	if !d.Status.Open() || d.DueAt == nil {
		return ErrNotInProgress
	}
	if d.RescheduleCount >= 1 {
		return ErrApologySent
	}
	cal, err := s.calendars.ForWard(ctx, d.WardID, now)
	if err != nil {
		return err
	}
	if !ApologyInTime(cal.PreviousWorkingDay(*d.DueAt), now) {
		return ErrTooLateForApology
	}
	var fields []fault.Field
	if note == nil {
		fields = append(fields, fault.F("note", "apology_required"))
	}
	due := time.Date(day.Year(), day.Month(), day.Day(), calendar.OfficeCloseHour, 0, 0, 0, calendar.Location)
	switch {
	case !dayAfter(due, now):
		fields = append(fields, fault.F("new_due_date", "not_after_today"))
	case !dayAfter(due, *d.DueAt):
		fields = append(fields, fault.F("new_due_date", "not_after_due"))
	case !cal.IsWorkingDay(due):
		fields = append(fields, fault.F("new_due_date", "not_working_day"))
	}
	if err := fault.Fields(fields...); err != nil {
		return err
	}
	q := s.q.WithTx(tx)
	row, err := q.Reschedule(ctx, dossierdb.RescheduleParams{ID: d.ID, DueAt: due, Now: now})
	if err != nil {
		return err
	}
	d = fromRow(row)
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
