package dossier

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

// Create records a received dossier: validates it against the procedure, computes its due time
// in the ward's working days, gives it a code, and tells the applicant — in one transaction.
func (s *Service) Create(ctx context.Context, caller auth.Principal, in api.DossierInput) (api.DossierDetail, error) {
	if id, ok := idempotency.Committed(ctx, "dossier"); ok {
		return s.detail(ctx, id)
	}
	// Reads first: a transaction that waits for a second pooled connection deadlocks the pool
	// once as many creates run at once as it has connections.
	p, note, err := s.prepare(ctx, uuid.Must(uuid.NewV7()), caller, in)
	if err != nil {
		return api.DossierDetail{}, err
	}
	id := p.ID
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "dossier", id); err != nil {
			return err
		}
		_, _, err := s.insert(ctx, tx, p, caller, note)
		return err
	})
	if err != nil {
		return api.DossierDetail{}, err
	}
	return s.detail(ctx, id)
}

// CreateInTx is Create inside another feature's transaction (a home pickup handed over).
func (s *Service) CreateInTx(ctx context.Context, tx pgx.Tx, caller auth.Principal, in api.DossierInput) (uuid.UUID, string, error) {
	p, note, err := s.prepare(ctx, uuid.Must(uuid.NewV7()), caller, in)
	if err != nil {
		return uuid.Nil, "", err
	}
	return s.insert(ctx, tx, p, caller, note)
}

// prepare validates the input and computes the dossier id's row, reading through the pool.
func (s *Service) prepare(ctx context.Context, id uuid.UUID, caller auth.Principal, in api.DossierInput) (dossierdb.InsertDossierParams, *string, error) {
	fail := func(err error) (dossierdb.InsertDossierParams, *string, error) {
		return dossierdb.InsertDossierParams{}, nil, err
	}
	now := s.clock.Now()
	var fields []httpx.FieldError
	proc, err := s.procedures.Get(ctx, caller.WardID, in.ProcedureId)
	switch {
	case errors.Is(err, httpx.ErrNotFound):
		return fail(httpx.Invalid(httpx.Field("procedure_id", "unknown_procedure")))
	case err != nil:
		return fail(err)
	case !proc.Active:
		fields = append(fields, httpx.Field("procedure_id", "procedure_inactive"))
	}
	if !proc.Allows(string(in.Channel)) {
		fields = append(fields, httpx.Field("channel", "channel_not_allowed"))
	}
	returnMethod := "counter"
	if in.ReturnMethod != nil {
		returnMethod = string(*in.ReturnMethod)
	}
	if returnMethod == "postal" && !proc.Allows(procedure.ChannelPostalReturn) {
		fields = append(fields, httpx.Field("return_method", "postal_not_allowed"))
	}
	received := now
	if in.ReceivedAt != nil {
		received = *in.ReceivedAt
		switch {
		case received.After(now.Add(time.Minute)):
			fields = append(fields, httpx.Field("received_at", "in_future"))
		case received.Before(now.AddDate(0, 0, -30)):
			fields = append(fields, httpx.Field("received_at", "too_old"))
		}
	}
	name, phoneNo, applicant, afields := s.applicant(ctx, caller, in)
	fields = append(fields, afields...)
	note := httpx.CleanOptional(in.Note)
	if len(fields) > 0 {
		return fail(httpx.Invalid(fields...))
	}
	cal, err := s.calendars.ForWard(ctx, caller.WardID, received)
	if err != nil {
		return fail(err)
	}
	due := cal.DueAt(received, proc.ProcessingDays, proc.CutoffHour)

	return dossierdb.InsertDossierParams{
		ID: id, WardID: caller.WardID, ProcedureID: proc.ID, ProcedureCode: proc.Code,
		ProcedureName: proc.Name, ApplicantID: applicant, ApplicantName: name, ApplicantPhone: phoneNo,
		Channel: string(in.Channel), ReturnMethod: returnMethod, Note: note, ReceivedAt: received, DueAt: due,
		CreatedBy: uuid.NullUUID{UUID: caller.UserID, Valid: true}, Now: now,
	}, note, nil
}

// insert writes a prepared dossier, its first event and audit record, and tells the applicant.
func (s *Service) insert(ctx context.Context, tx pgx.Tx, params dossierdb.InsertDossierParams, caller auth.Principal, note *string) (uuid.UUID, string, error) {
	now := params.Now
	d, err := insertWithFreshCode(ctx, tx, params)
	if err != nil {
		return uuid.Nil, "", err
	}
	if err := s.q.WithTx(tx).InsertEvent(ctx, event(d, "created", nil, Received, caller, note, nil, now)); err != nil {
		return uuid.Nil, "", err
	}
	if err := audit.Record(ctx, tx, audit.Event{WardID: d.WardID, ActorID: caller.UserID, Action: "dossier.create",
		TargetType: "dossier", TargetID: d.ID, Detail: map[string]any{"code": d.Code, "channel": d.Channel}, At: now}); err != nil {
		return uuid.Nil, "", err
	}
	return d.ID, d.Code, s.tell(ctx, tx, d, "received", note)
}

// insertWithFreshCode inserts the dossier, drawing another code in the rare case one is taken.
func insertWithFreshCode(ctx context.Context, tx pgx.Tx, p dossierdb.InsertDossierParams) (dossierdb.Dossier, error) {
	for attempt := 0; ; attempt++ {
		p.Code = newCode(p.ReceivedAt)
		sp, err := tx.Begin(ctx) // a savepoint: a unique violation must not abort the transaction
		if err != nil {
			return dossierdb.Dossier{}, err
		}
		d, err := dossierdb.New(sp).InsertDossier(ctx, p)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.ConstraintName == "dossiers_code_key" && attempt < 5 {
			_ = sp.Rollback(ctx)
			continue
		}
		if err != nil {
			_ = sp.Rollback(ctx)
			return d, err
		}
		return d, sp.Commit(ctx)
	}
}

// applicant resolves who the dossier is for: a citizen account of the ward, or a name and phone.
func (s *Service) applicant(ctx context.Context, caller auth.Principal, in api.DossierInput) (string, *string, uuid.NullUUID, []httpx.FieldError) {
	if in.ApplicantId != nil {
		u, err := s.users.User(ctx, *in.ApplicantId)
		if err != nil || u.WardId != caller.WardID || u.Role != api.Citizen {
			return "", nil, uuid.NullUUID{}, []httpx.FieldError{httpx.Field("applicant_id", "unknown_applicant")}
		}
		p := u.Phone
		return u.FullName, &p, uuid.NullUUID{UUID: u.Id, Valid: true}, nil
	}
	var fields []httpx.FieldError
	name := ""
	if in.ApplicantName == nil {
		fields = append(fields, httpx.Field("applicant_name", "required"))
	} else {
		var code string
		if name, code = httpx.CheckText(*in.ApplicantName, 120); code != "" {
			fields = append(fields, httpx.Field("applicant_name", code))
		}
	}
	var ph *string
	if in.ApplicantPhone != nil && *in.ApplicantPhone != "" {
		p, err := phone.Normalize(*in.ApplicantPhone)
		if err != nil {
			fields = append(fields, httpx.Field("applicant_phone", "invalid_phone"))
		}
		ph = &p
	}
	return name, ph, uuid.NullUUID{}, fields
}

// visible loads a dossier the caller may see: a citizen their own, staff their ward's.
// Anything else is 404, so ids of others' dossiers reveal nothing.
func visible(d dossierdb.Dossier, caller auth.Principal) bool {
	if caller.Role == auth.RoleCitizen {
		return d.ApplicantID.Valid && d.ApplicantID.UUID == caller.UserID
	}
	return caller.Is(auth.RoleOfficer, auth.RoleAdmin) && d.WardID == caller.WardID
}

// Get returns a dossier with its timeline.
func (s *Service) Get(ctx context.Context, caller auth.Principal, id uuid.UUID) (api.DossierDetail, error) {
	d, err := s.q.GetDossier(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && !visible(d, caller) {
		return api.DossierDetail{}, httpx.ErrNotFound
	}
	if err != nil {
		return api.DossierDetail{}, err
	}
	return s.withEvents(ctx, d)
}

func (s *Service) detail(ctx context.Context, id uuid.UUID) (api.DossierDetail, error) {
	d, err := s.q.GetDossier(ctx, id)
	if err != nil {
		return api.DossierDetail{}, err
	}
	return s.withEvents(ctx, d)
}

func (s *Service) withEvents(ctx context.Context, d dossierdb.Dossier) (api.DossierDetail, error) {
	evs, err := s.q.Events(ctx, d.ID)
	if err != nil {
		return api.DossierDetail{}, err
	}
	b := s.toAPI(d)
	out := api.DossierDetail{
		Id: b.Id, Code: b.Code, WardId: b.WardId, ProcedureId: b.ProcedureId, ProcedureCode: b.ProcedureCode,
		ProcedureName: b.ProcedureName, ApplicantId: b.ApplicantId, ApplicantName: b.ApplicantName,
		ApplicantPhone: b.ApplicantPhone, Channel: b.Channel, PortalChannelCode: b.PortalChannelCode,
		ReturnMethod: b.ReturnMethod, Status: b.Status, PortalStatusCode: b.PortalStatusCode, ReceivedAt: b.ReceivedAt,
		DueAt: b.DueAt, Overdue: b.Overdue, ResultAt: b.ResultAt, ClosedAt: b.ClosedAt,
		RescheduleCount: b.RescheduleCount, Note: b.Note, CreatedAt: b.CreatedAt,
		Events: make([]api.DossierEvent, 0, len(evs)),
	}
	for _, e := range evs {
		ev := api.DossierEvent{Id: e.ID, Kind: api.DossierEventKind(e.Kind), To: api.DossierStatus(e.ToStatus),
			ActorRole: e.ActorRole, Note: e.Note, DueAt: e.DueAt, At: e.CreatedAt}
		if e.FromStatus != nil {
			from := api.DossierStatus(*e.FromStatus)
			ev.From = &from
		}
		out.Events = append(out.Events, ev)
	}
	return out, nil
}

func (s *Service) toAPI(d dossierdb.Dossier) api.Dossier {
	out := api.Dossier{
		Id: d.ID, Code: d.Code, WardId: d.WardID, ProcedureId: d.ProcedureID, ProcedureCode: d.ProcedureCode,
		ProcedureName: d.ProcedureName, ApplicantName: d.ApplicantName, ApplicantPhone: d.ApplicantPhone,
		Channel: api.DossierChannel(d.Channel), PortalChannelCode: PortalChannel(d.Channel),
		ReturnMethod: api.ReturnMethod(d.ReturnMethod), Status: api.DossierStatus(d.Status),
		PortalStatusCode: PortalStatus(d.Status), ReceivedAt: at(d.ReceivedAt), DueAt: at(d.DueAt),
		Overdue: open(d.Status) && d.DueAt != nil && s.clock.Now().After(*d.DueAt), ResultAt: d.ResultAt, ClosedAt: d.ClosedAt,
		RescheduleCount: int(d.RescheduleCount), Note: d.Note, CreatedAt: d.CreatedAt,
	}
	if d.ApplicantID.Valid {
		id := d.ApplicantID.UUID
		out.ApplicantId = &id
	}
	return out
}

// List returns a page of dossiers: a citizen's own, or the caller's ward's for staff.
func (s *Service) List(ctx context.Context, caller auth.Principal, p api.ListDossiersParams) (api.DossierList, error) {
	before, err := httpx.DecodeIDCursor(p.Cursor)
	if err != nil {
		return api.DossierList{}, err
	}
	limit := httpx.Limit(p.Limit)
	params := dossierdb.ListDossiersParams{WardID: caller.WardID, Overdue: p.Overdue, BeforeID: before,
		Now: s.clock.Now(), Lim: int32(limit)}
	if caller.Role == auth.RoleCitizen {
		params.ApplicantID = uuid.NullUUID{UUID: caller.UserID, Valid: true}
	}
	if p.Status != nil {
		v := string(*p.Status)
		params.Status = &v
	}
	if p.Channel != nil {
		v := string(*p.Channel)
		params.Channel = &v
	}
	if p.ProcedureId != nil {
		params.ProcedureID = uuid.NullUUID{UUID: *p.ProcedureId, Valid: true}
	}
	rows, err := s.q.ListDossiers(ctx, params)
	if err != nil {
		return api.DossierList{}, err
	}
	out := api.DossierList{Items: make([]api.Dossier, 0, len(rows))}
	for _, d := range rows {
		out.Items = append(out.Items, s.toAPI(d))
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), limit, rows[len(rows)-1].ID.String())
	}
	return out, nil
}

func event(d dossierdb.Dossier, kind string, from *string, to string, actor auth.Principal, note *string, due *time.Time, at time.Time) dossierdb.InsertEventParams {
	role := actor.Role
	return dossierdb.InsertEventParams{ID: uuid.Must(uuid.NewV7()), DossierID: d.ID, WardID: d.WardID, Kind: kind,
		FromStatus: from, ToStatus: to, ActorID: uuid.NullUUID{UUID: actor.UserID, Valid: actor.UserID != uuid.Nil},
		ActorRole: &role, Note: note, DueAt: due, CreatedAt: at}
}

// tell notifies the applicant (when they have an account) about what happened to the dossier.
func (s *Service) tell(ctx context.Context, tx pgx.Tx, d dossierdb.Dossier, what string, note *string) error {
	if !d.ApplicantID.Valid {
		return nil
	}
	m, ok := message(d, what, note)
	if !ok {
		return nil
	}
	_, err := notify.Enqueue(ctx, tx, m, s.clock.Now)
	return err
}

// dueDate formats a due time as the receipt prints it.
func dueDate(t time.Time) string { return t.In(calendar.Location).Format("02/01/2006") }

// at reads a time the clock may not have started yet (a submitted dossier has none): zero then.
func at(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
