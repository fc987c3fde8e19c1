package dossier

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/representation"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// Create records a dossier an officer receives in person (at the counter or a Saturday session):
// it is received at once — the clock starts, the receipt is issued — and the applicant is told,
// in one transaction.
func (s *Service) Create(ctx context.Context, caller auth.Principal, in Input) (Detail, error) {
	if id, ok := idempotency.Committed(ctx, "dossier"); ok {
		return s.detail(ctx, id)
	}
	// Reads first: a transaction that waits for a second pooled connection deadlocks the pool
	// once as many creates run at once as it has connections.
	p, err := s.prepare(ctx, s.pool, uuid.Must(uuid.NewV7()), caller, in, true)
	if err != nil {
		return Detail{}, err
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "dossier", p.row.ID); err != nil {
			return err
		}
		_, _, err := s.insert(ctx, tx, p, caller)
		return err
	})
	if err != nil {
		return Detail{}, portalCodeTaken(err)
	}
	return s.detail(ctx, p.row.ID)
}

// prepared is a validated dossier ready to insert.
type prepared struct {
	row  dossierdb.InsertDossierParams
	note *string
}

// prepare validates the input and computes the dossier's row, reading through the pool. received:
// the officer receives it now (clock, receipt); otherwise it is only submitted.
// prepare reads through db: the pool, or the transaction of a feature that creates the dossier
// inside its own (a pickup's hand-over), so that one never waits for a second connection.
func (s *Service) prepare(ctx context.Context, db dossierdb.DBTX, id uuid.UUID, caller auth.Principal, in Input, received bool) (prepared, error) {
	now := s.clock.Now()
	var fields []fault.Field
	proc, err := s.procedures.GetIn(ctx, db, caller.WardID, in.ProcedureID)
	switch {
	case errors.Is(err, httpx.ErrNotFound), errors.Is(err, fault.ErrNotFound):
		return prepared{}, fault.Fields(fault.F("procedure_id", "unknown_procedure"))
	case err != nil:
		return prepared{}, err
	case !proc.Active:
		fields = append(fields, fault.F("procedure_id", "procedure_inactive"))
	}
	// The catalogue lists the channels a procedure is received by; a parcel sent by post or an
	// import is not one of them (the postal feature checks its own rules before booking).
	if in.Channel != ChannelPostal && in.Channel != ChannelImport && !proc.Allows(in.Channel) {
		fields = append(fields, fault.F("channel", "channel_not_allowed"))
	}
	returnMethod := ReturnCounter
	if in.ReturnMethod != "" {
		returnMethod = in.ReturnMethod
	}
	if returnMethod == ReturnPostal && !proc.Allows(procedure.ChannelPostalReturn) {
		fields = append(fields, fault.F("return_method", "postal_not_allowed"))
	}
	at := now
	if in.ReceivedAt != nil {
		at = *in.ReceivedAt
		switch {
		case at.After(now.Add(time.Minute)):
			fields = append(fields, fault.F("received_at", "in_future"))
		case at.Before(now.AddDate(0, 0, -30)):
			fields = append(fields, fault.F("received_at", "too_old"))
		}
	}
	if in.PortalCode != nil && !validPortalCode(*in.PortalCode) {
		fields = append(fields, fault.F("portal_code", "invalid_portal_code"))
	}
	name, phoneNo, applicantID, afields := s.applicant(ctx, db, caller.WardID, in)
	fields = append(fields, afields...)
	if err := fault.Fields(fields...); err != nil {
		return prepared{}, err
	}
	row := dossierdb.InsertDossierParams{
		ID: id, WardID: caller.WardID, ProcedureID: proc.ID, ProcedureCode: proc.Code,
		ProcedureName: proc.Name, ApplicantID: applicantID, ApplicantName: name, ApplicantPhone: phoneNo,
		Channel: in.Channel, ReturnMethod: returnMethod, Status: string(Submitted), Note: httpx.CleanOptional(in.Note),
		SubmittedAt: at, PortalCode: in.PortalCode,
		CreatedBy: uuid.NullUUID{UUID: caller.UserID, Valid: caller.UserID != uuid.Nil}, Now: now,
	}
	if received {
		in, err := s.intake(ctx, s.q, caller, caller.WardID, proc.ID, at, in.Documents,
			receiptBase{code: proc.Code, name: proc.Name, returnMethod: returnMethod})
		if err != nil {
			return prepared{}, err
		}
		row.Status, row.ReceivedAt, row.DueAt = string(Received), &at, &in.due
		row.ReceivedBy, row.Receipt = uuid.NullUUID{UUID: caller.UserID, Valid: caller.UserID != uuid.Nil}, in.receipt
	}
	return prepared{row: row, note: row.Note}, nil
}

// insert writes a prepared dossier, its first event and audit record, and tells the applicant
// when it is received.
func (s *Service) insert(ctx context.Context, tx pgx.Tx, p prepared, caller auth.Principal) (uuid.UUID, string, error) {
	now := p.row.Now
	row, err := insertWithFreshCode(ctx, tx, p.row)
	if err != nil {
		return uuid.Nil, "", err
	}
	d := fromRow(row)
	if err := s.q.WithTx(tx).InsertEvent(ctx, event(d, "created", nil, d.Status, caller, p.note, nil, now)); err != nil {
		return uuid.Nil, "", err
	}
	if err := audit.Record(ctx, tx, audit.Event{WardID: d.WardID, ActorID: caller.UserID, Action: "dossier.create",
		TargetType: "dossier", TargetID: d.ID, Detail: map[string]any{"code": d.Code, "channel": d.Channel, "status": d.Status}, At: now}); err != nil {
		return uuid.Nil, "", err
	}
	if d.Status == Received {
		if err := s.tell(ctx, tx, d, string(Received), p.note); err != nil {
			return uuid.Nil, "", err
		}
	}
	return d.ID, d.Code, nil
}

// insertWithFreshCode inserts the dossier, drawing another code in the rare case one is taken.
func insertWithFreshCode(ctx context.Context, tx pgx.Tx, p dossierdb.InsertDossierParams) (dossierdb.Dossier, error) {
	for attempt := 0; ; attempt++ {
		p.Code = newCode(p.SubmittedAt)
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

// portalCodeTaken turns the unique violation of portal_code into the dossier's own refusal.
func portalCodeTaken(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.ConstraintName == "dossiers_portal_code_key" {
		return ErrPortalCodeTaken
	}
	return err
}

// applicant resolves who the dossier is for: a citizen account of the ward, when the applicant has
// one, or a name and a phone. An applicant need not have an account or live in the ward
// (DESIGN.md §4; Nghị định 118/2025/NĐ-CP receives dossiers regardless of where the applicant
// lives, for the procedures so published): an officer records the name and phone, and the
// applicant is reached on that phone.
func (s *Service) applicant(ctx context.Context, db dossierdb.DBTX, ward uuid.UUID, in Input) (string, *string, uuid.NullUUID, []fault.Field) {
	if in.ApplicantID != nil {
		// An account can be linked only within its ward (the dossier's foreign key); anyone else
		// is recorded by name and phone.
		u, err := dossierdb.New(db).WardCitizen(ctx, dossierdb.WardCitizenParams{ID: *in.ApplicantID, WardID: ward})
		if err != nil {
			return "", nil, uuid.NullUUID{}, []fault.Field{fault.F("applicant_id", "unknown_applicant")}
		}
		p := u.Phone
		return u.FullName, &p, uuid.NullUUID{UUID: u.ID, Valid: true}, nil
	}
	var fields []fault.Field
	name := ""
	if in.ApplicantName == nil {
		fields = append(fields, fault.F("applicant_name", "required"))
	} else {
		var code string
		if name, code = httpx.CheckText(*in.ApplicantName, 120); code != "" {
			fields = append(fields, fault.F("applicant_name", code))
		}
	}
	var ph *string
	if in.ApplicantPhone != nil && *in.ApplicantPhone != "" {
		p, err := phone.Normalize(*in.ApplicantPhone)
		if err != nil {
			fields = append(fields, fault.F("applicant_phone", "invalid_phone"))
		}
		ph = &p
	}
	return name, ph, uuid.NullUUID{}, fields
}

// visible says whether the caller may see a dossier: a citizen their own, staff their ward's.
// Anything else answers like a missing dossier, so ids of others' dossiers reveal nothing.
// readable is who may read a dossier: visible, and also a citizen representing its applicant
// (người được ủy quyền, with the applicant's consent recorded — DESIGN.md §4). Moving a dossier
// stays with its applicant and the office.
func (s *Service) readable(ctx context.Context, caller auth.Principal) (func(dossierdb.Dossier) bool, error) {
	if caller.Role != auth.RoleCitizen {
		return visible(caller), nil
	}
	ids, err := representation.Viewers(ctx, s.pool, caller.UserID)
	if err != nil {
		return nil, err
	}
	return func(d dossierdb.Dossier) bool {
		return d.ApplicantID.Valid && d.WardID == caller.WardID && slices.Contains(ids, d.ApplicantID.UUID)
	}, nil
}

func visible(caller auth.Principal) func(dossierdb.Dossier) bool {
	return func(d dossierdb.Dossier) bool {
		if caller.Role == auth.RoleCitizen {
			return d.ApplicantID.Valid && d.ApplicantID.UUID == caller.UserID
		}
		return caller.Office() && d.WardID == caller.WardID
	}
}

// load reads a dossier the caller may see (fault.ErrNotFound otherwise).
func (s *Service) load(ctx context.Context, caller auth.Principal, id uuid.UUID) (Dossier, error) {
	see, err := s.readable(ctx, caller)
	if err != nil {
		return Dossier{}, err
	}
	row, err := tenant.Load(ctx, id, s.q.GetDossier, see)
	if err != nil {
		return Dossier{}, err
	}
	return fromRow(row), nil
}

// Get returns a dossier with its timeline.
func (s *Service) Get(ctx context.Context, caller auth.Principal, id uuid.UUID) (Detail, error) {
	d, err := s.load(ctx, caller, id)
	if err != nil {
		return Detail{}, err
	}
	return s.withEvents(ctx, d)
}

func (s *Service) detail(ctx context.Context, id uuid.UUID) (Detail, error) {
	row, err := s.q.GetDossier(ctx, id)
	if err != nil {
		return Detail{}, err
	}
	return s.withEvents(ctx, fromRow(row))
}

func (s *Service) withEvents(ctx context.Context, d Dossier) (Detail, error) {
	evs, err := s.q.Events(ctx, d.ID)
	if err != nil {
		return Detail{}, err
	}
	out := Detail{Dossier: d, Events: make([]Event, 0, len(evs))}
	for _, e := range evs {
		out.Events = append(out.Events, eventOf(e))
	}
	return out, nil
}

// List returns a page of dossiers: a citizen's own, or the caller's ward's for staff.
func (s *Service) List(ctx context.Context, caller auth.Principal, f Filter) (Page, error) {
	before, err := httpx.DecodeIDCursor(f.Cursor)
	if err != nil {
		return Page{}, err
	}
	limit := httpx.Limit(f.Limit)
	if f.pageSize > 0 {
		limit = f.pageSize
	}
	now := s.clock.Now()
	params := listParams{WardID: caller.WardID, Overdue: f.Overdue, DueSoon: f.DueSoon, BeforeID: before,
		Now: now, Lim: int32(limit), Channel: f.Channel}
	if f.DueSoon != nil {
		// Due by the end of the second working day from today: time enough for the apology
		// letter, which must go out no later than the working day before the due date.
		cal, err := s.calendars.ForWard(ctx, caller.WardID, now)
		if err != nil {
			return Page{}, err
		}
		params.SoonUntil = cal.DueAt(now, 2, nil)
	}
	if caller.Role == auth.RoleCitizen {
		// A citizen lists their own dossiers and those of the applicants they represent.
		ids, err := representation.Viewers(ctx, s.pool, caller.UserID)
		if err != nil {
			return Page{}, err
		}
		params.ApplicantIDs = ids
	}
	if f.Status != nil {
		v := string(*f.Status)
		params.Status = &v
	}
	if f.ProcedureID != nil {
		params.ProcedureID = uuid.NullUUID{UUID: *f.ProcedureID, Valid: true}
	}
	params.Q, params.QDigits = searchTerms(f.Query)
	rows, err := s.list(ctx, params)
	if err != nil {
		return Page{}, err
	}
	out := Page{Items: make([]Dossier, 0, len(rows))}
	for _, r := range rows {
		out.Items = append(out.Items, fromRow(r))
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), limit, rows[len(rows)-1].ID.String())
	}
	return out, nil
}

func event(d Dossier, kind string, from *State, to State, actor auth.Principal, note *string, due *time.Time, at time.Time) dossierdb.InsertEventParams {
	role := actor.Role
	var fromS *string
	if from != nil {
		f := string(*from)
		fromS = &f
	}
	return dossierdb.InsertEventParams{ID: uuid.Must(uuid.NewV7()), DossierID: d.ID, WardID: d.WardID, Kind: kind,
		FromStatus: fromS, ToStatus: string(to), ActorID: uuid.NullUUID{UUID: actor.UserID, Valid: actor.UserID != uuid.Nil},
		ActorRole: &role, Note: note, DueAt: due, CreatedAt: at}
}

// tell notifies the applicant about what happened to the dossier: their account (app push, or
// Zalo/SMS when no app reaches them), or, for a dossier recorded for someone without an account,
// the applicant's phone number alone (Zalo, then SMS for what matters; issue 16).
func (s *Service) tell(ctx context.Context, tx pgx.Tx, d Dossier, what string, note *string) error {
	if !d.ApplicantID.Valid && (d.ApplicantPhone == nil || *d.ApplicantPhone == "") {
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
