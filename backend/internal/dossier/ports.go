package dossier

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// What other features (postal delivery) may know and do about a dossier, without its tables.

// Summary is a dossier as other features see it.
type Summary struct {
	ID          uuid.UUID
	WardID      uuid.UUID
	Code        string
	Status      string
	ProcedureID uuid.UUID
	ApplicantID uuid.NullUUID
	Name        string
	Phone       *string
}

// Open reports whether the dossier can still get a result.
func (s Summary) Open() bool { return open(s.Status) || s.Status == ResultReady }

// Summary returns a dossier the caller may see (a citizen their own, staff their ward's).
func (s *Service) Summary(ctx context.Context, caller auth.Principal, id uuid.UUID) (Summary, error) {
	d, err := s.q.GetDossier(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && !visible(d, caller) {
		return Summary{}, httpx.ErrNotFound
	}
	if err != nil {
		return Summary{}, err
	}
	return summaryOf(d), nil
}

// SummaryInTx reads (and locks) a dossier inside another feature's transaction.
func (s *Service) SummaryInTx(ctx context.Context, tx pgx.Tx, id uuid.UUID) (Summary, error) {
	d, err := s.q.WithTx(tx).GetDossierForUpdate(ctx, id)
	if err != nil {
		return Summary{}, err
	}
	return summaryOf(d), nil
}

func summaryOf(d dossierdb.Dossier) Summary {
	return Summary{ID: d.ID, WardID: d.WardID, Code: d.Code, Status: d.Status, ProcedureID: d.ProcedureID,
		ApplicantID: d.ApplicantID, Name: d.ApplicantName, Phone: d.ApplicantPhone}
}

// UsePostalReturn records that the result will be posted (the result_ready message says so).
func (s *Service) UsePostalReturn(ctx context.Context, tx pgx.Tx, id uuid.UUID, at time.Time) error {
	return s.q.WithTx(tx).SetReturnMethod(ctx, dossierdb.SetReturnMethodParams{ID: id, ReturnMethod: "postal", UpdatedAt: at})
}

// ReturnedByPost moves a dossier from result_ready to returned because the post delivered its
// result, in the caller's transaction, with the event and the applicant's notification.
func (s *Service) ReturnedByPost(ctx context.Context, tx pgx.Tx, id uuid.UUID, at time.Time) error {
	q := s.q.WithTx(tx)
	d, err := q.GetDossierForUpdate(ctx, id)
	if err != nil {
		return err
	}
	if d.Status != ResultReady {
		return nil // returned already, or moved by hand: nothing to do
	}
	from := d.Status
	if d, err = q.SetStatus(ctx, dossierdb.SetStatusParams{ID: id, Status: Returned, ClosedAt: &at, Now: at}); err != nil {
		return err
	}
	note := "Bưu điện đã phát kết quả"
	if err := q.InsertEvent(ctx, event(d, "transition", &from, Returned, auth.Principal{Role: "carrier"}, &note, nil, at)); err != nil {
		return err
	}
	return s.tell(ctx, tx, d, Returned, nil)
}
