package dossier

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// What other features (postal delivery, home pickup) may know and do about a dossier, without its
// tables. CreateSubmitted (intake.go) is the entry for dossiers that reach the office otherwise
// than in person.

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
func (s Summary) Open() bool { return State(s.Status).Open() || State(s.Status) == ResultReady }

// Summary returns a dossier the caller may see (a citizen their own, staff their ward's).
func (s *Service) Summary(ctx context.Context, caller auth.Principal, id uuid.UUID) (Summary, error) {
	d, err := tenant.Load(ctx, id, s.q.GetDossier, visible(caller))
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
	return s.q.WithTx(tx).SetReturnMethod(ctx, dossierdb.SetReturnMethodParams{ID: id, ReturnMethod: ReturnPostal, UpdatedAt: at})
}
