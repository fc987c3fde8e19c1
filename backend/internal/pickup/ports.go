package pickup

import (
	"context"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/dossier"
)

// SubmitDossier creates, inside the hand-over's transaction tx, the dossier a volunteer brings
// to the office, in status `submitted` (portal status 1, no receipt, no clock): the office then
// receives it (status 2, the clock starts) or refuses it at intake (DESIGN.md §4; Nghị định
// 118/2025/NĐ-CP). It must read only through tx: the hand-over holds the pickup's row lock and
// one pool connection while it runs. It answers the dossier's id and code. The dossier service's
// CreateSubmitted is the one in use.
type SubmitDossier func(ctx context.Context, tx pgx.Tx, in dossier.Submission) (uuid.UUID, string, error)
