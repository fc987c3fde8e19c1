// Package rating takes the citizen's satisfaction with every dossier: once, 1–5 with an optional
// comment, after the result was returned (the "returned" message asks for it). The citizen's
// rating of the service is one of the measures of the one-stop office (Quyết định 766/QĐ-TTg
// of 2022, Bộ chỉ số phục vụ người dân, doanh nghiệp); the dashboard shows it per month, per
// channel and per procedure field (package stats).
package rating

import (
	"context"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/rating/ratingdb"
	"github.com/motcuagandan/motcua/backend/internal/representation"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// Refusals of this feature.
var (
	// ErrNotReturned: the dossier's result has not been returned yet (nothing to rate).
	ErrNotReturned = errors.New("dossier not returned")
	// ErrAlreadyRated: the dossier has its one rating.
	ErrAlreadyRated = errors.New("dossier already rated")
	// ErrNotRated: the dossier has no rating (yet).
	ErrNotRated = errors.New("dossier not rated")
)

// maxComment is the longest comment, in characters (the column's CHECK).
const maxComment = 1000

// Service records ratings.
type Service struct {
	pool  *pgxpool.Pool
	q     *ratingdb.Queries
	clock clock.Clock
}

// NewService makes the service.
func NewService(pool *pgxpool.Pool, clk clock.Clock) *Service {
	return &Service{pool: pool, q: ratingdb.New(pool), clock: clk}
}

// Rate records the rating of dossier id by the caller: its applicant, or a representative with a
// live link to the applicant. Anyone else gets 404, as if the dossier did not exist.
func (s *Service) Rate(ctx context.Context, caller auth.Principal, id uuid.UUID, in api.RatingInput) (api.DossierRating, error) {
	if rid, ok := idempotency.Committed(ctx, "dossier_rating"); ok {
		return s.view(ctx, rid)
	}
	if caller.Role != auth.RoleCitizen {
		return api.DossierRating{}, fault.ErrForbidden
	}
	var fields []fault.Field
	if in.Score < 1 || in.Score > 5 {
		fields = append(fields, fault.F("score", "invalid_value"))
	}
	var comment *string
	if in.Comment != nil {
		c, code := httpx.CheckText(*in.Comment, maxComment)
		switch code {
		case "":
			comment = &c
		case "too_long":
			fields = append(fields, fault.F("comment", code))
		} // blank: no comment
	}
	if err := fault.Fields(fields...); err != nil {
		return api.DossierRating{}, err
	}
	d, err := s.dossier(ctx, caller, id)
	if err != nil {
		return api.DossierRating{}, err
	}
	if d.Status != "returned" {
		return api.DossierRating{}, ErrNotReturned
	}
	rid, now := uuid.Must(uuid.NewV7()), s.clock.Now()
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "dossier_rating", rid); err != nil {
			return err
		}
		// One rating per dossier: the primary key decides between concurrent attempts.
		_, err := s.q.WithTx(tx).Insert(ctx, ratingdb.InsertParams{ID: rid, DossierID: d.ID, WardID: d.WardID, RatedBy: caller.UserID,
			Rating: int32(in.Score), Comment: comment, Channel: d.Channel, ProcedureField: d.ProcedureField, Now: now})
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrAlreadyRated
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: d.WardID, ActorID: caller.UserID, Action: "dossier.rate",
			TargetType: "dossier", TargetID: d.ID, Detail: map[string]any{"score": in.Score}, At: now})
	})
	if err != nil {
		return api.DossierRating{}, err
	}
	return s.view(ctx, rid)
}

// dossier loads a dossier the caller may see the rating of: a citizen their own, or one of an
// applicant they hold a live link to; officers and admins their ward's. Anything else is
// fault.ErrNotFound, as if the dossier did not exist.
func (s *Service) dossier(ctx context.Context, caller auth.Principal, id uuid.UUID) (ratingdb.DossierRow, error) {
	d, err := tenant.Load(ctx, id, s.q.Dossier, func(d ratingdb.DossierRow) bool {
		if d.WardID != caller.WardID {
			return false
		}
		return caller.Office() || caller.Role == auth.RoleCitizen && d.ApplicantID.Valid
	})
	if err != nil || caller.Role != auth.RoleCitizen || d.ApplicantID.UUID == caller.UserID {
		return d, err
	}
	acts, err := representation.ActsFor(ctx, s.pool, caller.UserID, d.ApplicantID.UUID)
	if err != nil {
		return d, err
	}
	if !acts {
		return d, fault.ErrNotFound
	}
	return d, nil
}

// Get returns the dossier's rating, ErrNotRated while it has none.
func (s *Service) Get(ctx context.Context, caller auth.Principal, id uuid.UUID) (api.DossierRating, error) {
	if _, err := s.dossier(ctx, caller, id); err != nil {
		return api.DossierRating{}, err
	}
	r, err := s.q.GetByDossier(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return api.DossierRating{}, ErrNotRated
	}
	if err != nil {
		return api.DossierRating{}, err
	}
	return toAPI(ratingdb.GetRow(r)), nil
}

func (s *Service) view(ctx context.Context, id uuid.UUID) (api.DossierRating, error) {
	r, err := s.q.Get(ctx, id)
	if err != nil {
		return api.DossierRating{}, err
	}
	return toAPI(r), nil
}

func toAPI(r ratingdb.GetRow) api.DossierRating {
	return api.DossierRating{Id: r.ID, DossierId: r.DossierID, Score: int(r.Rating), Comment: r.Comment, RatedBy: r.RatedBy,
		CreatedAt: r.CreatedAt}
}

// problem gives this feature's refusals their words: each speaks of the dossier's rating.
func problem(err error) error {
	switch {
	case errors.Is(err, ErrNotReturned):
		return httpx.NewError(http.StatusConflict, "dossier_not_returned")
	case errors.Is(err, ErrAlreadyRated):
		return httpx.NewError(http.StatusConflict, "dossier_already_rated")
	case errors.Is(err, ErrNotRated):
		return httpx.NewError(http.StatusNotFound, "dossier_not_rated")
	}
	return err
}

func init() {
	httpx.Register(map[string]httpx.Text{
		"dossier_not_returned": {VI: "Chỉ đánh giá được hồ sơ sau khi ông/bà đã nhận kết quả",
			EN: "A dossier can be rated only after its result was returned"},
		"dossier_already_rated": {VI: "Hồ sơ này đã được đánh giá, mỗi hồ sơ chỉ đánh giá một lần",
			EN: "This dossier was already rated; each dossier is rated once"},
		"dossier_not_rated": {VI: "Hồ sơ này chưa được đánh giá", EN: "This dossier has not been rated yet"},
	})
}
