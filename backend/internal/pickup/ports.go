package pickup

import (
	"context"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
)

// SubmitDossier creates, inside the hand-over's transaction tx, the dossier a volunteer brings
// to the office, in status `submitted` (portal status 1, no receipt, no clock): the office then
// receives it (status 2, the clock starts) or refuses it at intake (DESIGN.md §4; Nghị định
// 118/2025/NĐ-CP). It must read only through tx: the hand-over holds the pickup's row lock and
// one pool connection while it runs. It answers the dossier's id and code.
type SubmitDossier func(ctx context.Context, tx pgx.Tx, by auth.Principal, in api.DossierInput) (uuid.UUID, string, error)

// DossierCreator is the dossier entry that exists before intake does: it creates a dossier
// already `received`.
type DossierCreator interface {
	CreateInTx(ctx context.Context, tx pgx.Tx, caller auth.Principal, in api.DossierInput) (uuid.UUID, string, error)
}

// ReceivedUntilIntake adapts the dossier service as it is before intake exists: the dossier is
// created `received`, NOT `submitted`. It is a stand-in only.
//
// MERGE (h-dossier): in app.go replace `pickup.ReceivedUntilIntake(dossierSvc)` by the method
// value of the submitted entry, e.g. `dossierSvc.CreateSubmittedInTx`, then delete this adapter
// and flip intakeMerged in the pickup tests.
func ReceivedUntilIntake(d DossierCreator) SubmitDossier { return d.CreateInTx }
