package representation

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/ratelimit"
	"github.com/motcuagandan/motcua/backend/internal/representation/representationdb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// Service records, lists and revokes links.
type Service struct {
	pool    *pgxpool.Pool
	q       *representationdb.Queries
	clock   clock.Clock
	limiter *ratelimit.Limiter
}

// NewService makes the service.
func NewService(pool *pgxpool.Pool, clk clock.Clock, limiter *ratelimit.Limiter) *Service {
	return &Service{pool: pool, q: representationdb.New(pool), clock: clk, limiter: limiter}
}

// Phone look-ups tell whether a number has an account of the ward: a few an hour per caller let
// a citizen name their relatives but not probe numbers.
const (
	phoneLookups      = 10
	phoneLookupWindow = time.Hour
)

// Create links a representative to an applicant: an officer recording consent given at the office,
// or the applicant granting it from their own account.
func (s *Service) Create(ctx context.Context, caller auth.Principal, in api.RepresentationInput) (api.Representation, error) {
	if id, ok := idempotency.Committed(ctx, "representation"); ok {
		return s.view(ctx, id)
	}
	p, err := s.prepare(ctx, caller, in)
	if err != nil {
		return api.Representation{}, err
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "representation", p.ID); err != nil {
			return err
		}
		err := s.q.WithTx(tx).Insert(ctx, p)
		if pgErr := (*pgconn.PgError)(nil); errors.As(err, &pgErr) && pgErr.ConstraintName == "representations_live_idx" {
			return ErrExists
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: p.WardID, ActorID: caller.UserID, Action: "representation.create",
			TargetType: "representation", TargetID: p.ID, At: p.Now, Detail: map[string]any{
				"representative_id": p.RepresentativeID, "applicant_id": p.ApplicantID, "consent_method": p.ConsentMethod}})
	})
	if err != nil {
		return api.Representation{}, err
	}
	return s.view(ctx, p.ID)
}

// prepare checks the input and resolves both accounts, reading through the pool.
func (s *Service) prepare(ctx context.Context, caller auth.Principal, in api.RepresentationInput) (representationdb.InsertParams, error) {
	var fields []fault.Field
	relationship, code := httpx.CheckText(in.Relationship, 100)
	if code != "" {
		fields = append(fields, fault.F("relationship", code))
	}
	note := httpx.CleanOptional(in.ConsentNote)
	p := representationdb.InsertParams{ID: uuid.Must(uuid.NewV7()), WardID: caller.WardID, Relationship: relationship, Now: s.clock.Now()}
	switch {
	case caller.Role == auth.RoleCitizen:
		// The applicant's own signed-in act is the consent (they grant it; nobody grants it for them).
		if in.ApplicantId != nil && *in.ApplicantId != caller.UserID {
			fields = append(fields, fault.F("applicant_id", "applicant_not_self"))
		}
		p.ApplicantID, p.ConsentMethod, p.ConsentNote = caller.UserID, InApp, inAppConsent
		if note != nil {
			p.ConsentNote = *note
		}
	case caller.Office():
		// Consent given in person: the officer notes its evidence, e.g. a signed authorisation
		// (giấy ủy quyền, Bộ luật Dân sự 2015, Điều 138).
		p.ConsentMethod, p.RecordedBy = AtOffice, uuid.NullUUID{UUID: caller.UserID, Valid: true}
		switch {
		case in.ApplicantId == nil:
			fields = append(fields, fault.F("applicant_id", "required"))
		default:
			if _, err := s.citizen(ctx, caller, *in.ApplicantId, ""); errors.Is(err, fault.ErrNotFound) {
				fields = append(fields, fault.F("applicant_id", "unknown_citizen"))
			} else if err != nil {
				return p, err
			}
			p.ApplicantID = *in.ApplicantId
		}
		if note == nil {
			fields = append(fields, fault.F("consent_note", "consent_note_required"))
		} else {
			p.ConsentNote = *note
		}
	default:
		return p, fault.ErrForbidden
	}
	repField, rep, err := s.representative(ctx, caller, in)
	switch {
	case err != nil:
		var inv *fault.Invalid
		if !errors.As(err, &inv) {
			return p, err
		}
		fields = append(fields, inv.Fields...)
	case rep == p.ApplicantID:
		fields = append(fields, fault.F(repField, "self_representation"))
	}
	p.RepresentativeID = rep
	return p, fault.Fields(fields...)
}

// representative resolves the representative named by account id or by phone: an active citizen
// of the caller's ward. It answers the field it read.
func (s *Service) representative(ctx context.Context, caller auth.Principal, in api.RepresentationInput) (string, uuid.UUID, error) {
	ph := httpx.CleanOptional(in.RepresentativePhone)
	switch {
	case in.RepresentativeId != nil && ph != nil:
		return "representative_id", uuid.Nil, fault.Fields(fault.F("representative_id", "representative_twice"))
	case in.RepresentativeId != nil:
		id, err := s.citizen(ctx, caller, *in.RepresentativeId, "")
		if errors.Is(err, fault.ErrNotFound) {
			return "representative_id", uuid.Nil, fault.Fields(fault.F("representative_id", "unknown_citizen"))
		}
		return "representative_id", id, err
	case ph != nil:
		if err := s.limiter.Check(ctx, "representative-phone:"+caller.UserID.String(), phoneLookups, phoneLookupWindow); err != nil {
			return "representative_phone", uuid.Nil, err
		}
		e164, err := phone.Normalize(*ph)
		if err != nil {
			return "representative_phone", uuid.Nil, fault.Fields(fault.F("representative_phone", "invalid_phone"))
		}
		id, err := s.citizen(ctx, caller, uuid.Nil, e164)
		if errors.Is(err, fault.ErrNotFound) {
			return "representative_phone", uuid.Nil, fault.Fields(fault.F("representative_phone", "unknown_citizen"))
		}
		return "representative_phone", id, err
	}
	return "representative_id", uuid.Nil, fault.Fields(fault.F("representative_id", "representative_required"))
}

// citizen finds an active citizen account of the caller's ward by id (or, with a phone, by
// phone); fault.ErrNotFound for any other account.
func (s *Service) citizen(ctx context.Context, caller auth.Principal, id uuid.UUID, e164 string) (uuid.UUID, error) {
	inWard := func(wardID uuid.UUID) bool { return wardID == caller.WardID }
	if e164 != "" {
		u, err := tenant.Load(ctx, e164, s.q.CitizenByPhone, func(r representationdb.CitizenByPhoneRow) bool { return inWard(r.WardID) })
		return u.ID, err
	}
	u, err := tenant.Load(ctx, id, s.q.Citizen, func(r representationdb.CitizenRow) bool { return inWard(r.WardID) })
	return u.ID, err
}

// visible: a citizen sees the links they are a party to; officers and admins their ward's.
func visible(caller auth.Principal, wardID, representativeID, applicantID uuid.UUID) bool {
	if caller.Role == auth.RoleCitizen {
		return caller.UserID == representativeID || caller.UserID == applicantID
	}
	return caller.Office() && caller.WardID == wardID
}

// List returns a page of links, newest first: a citizen's own (as representative or as
// applicant), or the ward's for officers and admins. Revoked links only when asked.
func (s *Service) List(ctx context.Context, caller auth.Principal, p api.ListRepresentationsParams) (api.RepresentationList, error) {
	before, err := httpx.DecodeIDCursor(p.Cursor)
	if err != nil {
		return api.RepresentationList{}, err
	}
	limit := httpx.Limit(p.Limit)
	params := representationdb.ListParams{WardID: caller.WardID, IncludeRevoked: p.IncludeRevoked != nil && *p.IncludeRevoked,
		BeforeID: before, Lim: int32(limit)}
	switch {
	case caller.Role == auth.RoleCitizen:
		params.Party = uuid.NullUUID{UUID: caller.UserID, Valid: true}
	case !caller.Office():
		return api.RepresentationList{}, fault.ErrForbidden
	}
	if p.ApplicantId != nil {
		params.ApplicantID = uuid.NullUUID{UUID: *p.ApplicantId, Valid: true}
	}
	if p.RepresentativeId != nil {
		params.RepresentativeID = uuid.NullUUID{UUID: *p.RepresentativeId, Valid: true}
	}
	rows, err := s.q.List(ctx, params)
	if err != nil {
		return api.RepresentationList{}, err
	}
	out := api.RepresentationList{Items: make([]api.Representation, 0, len(rows))}
	for _, r := range rows {
		out.Items = append(out.Items, toAPI(representationdb.GetRow(r)))
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), limit, rows[len(rows)-1].ID.String())
	}
	return out, nil
}

// Transition moves a link (today only live → revoked).
func (s *Service) Transition(ctx context.Context, caller auth.Principal, id uuid.UUID, in api.RepresentationTransition) (api.Representation, error) {
	note := httpx.CleanOptional(in.Note)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		link, err := tenant.Load(ctx, id, q.LockForRevoke, func(l representationdb.LockForRevokeRow) bool {
			return visible(caller, l.WardID, l.RepresentativeID, l.ApplicantID)
		})
		if err != nil {
			return err
		}
		from := Live
		if link.RevokedAt != nil {
			from = Revoked
		}
		now := s.clock.Now()
		return Machine.Apply(ctx, lifecycle.Event[State, actor]{From: from, To: State(in.To), Actor: actor{caller, link}, Note: note, At: now},
			func(ctx context.Context, ev lifecycle.Event[State, actor]) error {
				if err := q.Revoke(ctx, representationdb.RevokeParams{ID: id, RevokedBy: uuid.NullUUID{UUID: caller.UserID, Valid: true}, Now: ev.At}); err != nil {
					return err
				}
				detail := map[string]any{"from": string(ev.From)}
				if ev.Note != nil {
					detail["note"] = *ev.Note
				}
				return audit.Record(ctx, tx, audit.Event{WardID: link.WardID, ActorID: caller.UserID, Action: "representation." + string(ev.To),
					TargetType: "representation", TargetID: id, Detail: detail, At: ev.At})
			})
	})
	if err != nil {
		return api.Representation{}, err
	}
	return s.view(ctx, id)
}

func (s *Service) view(ctx context.Context, id uuid.UUID) (api.Representation, error) {
	r, err := s.q.Get(ctx, id)
	if err != nil {
		return api.Representation{}, err
	}
	return toAPI(r), nil
}

func toAPI(r representationdb.GetRow) api.Representation {
	out := api.Representation{Id: r.ID, WardId: r.WardID, RepresentativeId: r.RepresentativeID, RepresentativeName: r.RepresentativeName,
		ApplicantId: r.ApplicantID, ApplicantName: r.ApplicantName, Relationship: r.Relationship,
		ConsentMethod: api.RepresentationConsentMethod(r.ConsentMethod), ConsentNote: r.ConsentNote, ConsentAt: r.ConsentAt,
		Status: api.RepresentationStatus(Live), RevokedAt: r.RevokedAt, CreatedAt: r.CreatedAt}
	if r.RecordedBy.Valid {
		out.RecordedBy = &r.RecordedBy.UUID
	}
	if r.RevokedAt != nil {
		out.Status = api.RepresentationStatus(Revoked)
	}
	if r.RevokedBy.Valid {
		out.RevokedBy = &r.RevokedBy.UUID
	}
	return out
}
