// Package audit records who did what to whom, inside the transaction of the change itself.
package audit

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/audit/auditdb"
)

// Event is one audited action.
type Event struct {
	WardID     uuid.UUID
	ActorID    uuid.UUID // uuid.Nil for the system
	Action     string    // e.g. "user.create", "user.deactivate"
	TargetType string
	TargetID   uuid.UUID
	Detail     map[string]any // never secrets or phone numbers
	At         time.Time
}

// Record writes the event with db (a pool or the change's transaction).
func Record(ctx context.Context, db auditdb.DBTX, e Event) error {
	detail, err := json.Marshal(e.Detail)
	if err != nil {
		return err
	}
	if e.Detail == nil {
		detail = []byte("{}")
	}
	actor := uuid.NullUUID{UUID: e.ActorID, Valid: e.ActorID != uuid.Nil}
	target := uuid.NullUUID{UUID: e.TargetID, Valid: e.TargetID != uuid.Nil}
	return auditdb.New(db).Record(ctx, auditdb.RecordParams{
		ID: uuid.Must(uuid.NewV7()), WardID: e.WardID, ActorID: actor, Action: e.Action,
		TargetType: e.TargetType, TargetID: target, Detail: detail, CreatedAt: e.At,
	})
}
