package idempotency

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/idempotency/idempotencydb"
)

// What every service behind an x-idempotent operation does (a test walks the contract to
// check it):
//
//	if id, ok := idempotency.Committed(ctx, "dossier"); ok {
//		return s.view(ctx, id) // an earlier attempt created it: answer it, create nothing
//	}
//	id := uuid.Must(uuid.NewV7())
//	pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
//		if err := idempotency.Record(ctx, tx, "dossier", id); err != nil { // first statement
//			return err
//		}
//		… create id …
//	})
//
// Record comes first so that of concurrent attempts with one key only one goes on to touch
// anything else (a second "phone taken" or "already booked" is never reached).

type attemptKey struct{}

// attempt is one request run under an Idempotency-Key, put in the context by Handle.
type attempt struct {
	scope, key string
	hash       []byte
	at         time.Time
	committed  *resource // set when an earlier attempt's creation committed
	recorded   bool      // Record succeeded in this attempt's transaction
	yielded    bool      // Record found another attempt ahead: this one's answer is "retry"
}

type resource struct {
	kind string
	id   uuid.UUID
}

// Committed returns what an earlier attempt of this request created, when its answer has to be
// rebuilt. Services check it before validating or creating anything.
func Committed(ctx context.Context, kind string) (uuid.UUID, bool) {
	a, _ := ctx.Value(attemptKey{}).(*attempt)
	if a == nil || a.committed == nil || a.committed.kind != kind {
		return uuid.Nil, false
	}
	return a.committed.id, true
}

// Record writes, in the creating transaction tx, that this request's key created the resource
// kind/id. Without an Idempotency-Key it does nothing. When another attempt with the key
// committed first, or is in its transaction now, it fails at once with 409
// idempotency_in_progress (the client retries and gets that attempt's answer), which rolls tx
// back.
func Record(ctx context.Context, tx pgx.Tx, kind string, id uuid.UUID) error {
	a, _ := ctx.Value(attemptKey{}).(*attempt)
	if a == nil {
		return nil
	}
	if a.committed != nil {
		// The service did not check Committed first: creating again would be the duplicate
		// this package exists to prevent.
		return fmt.Errorf("idempotency: %s would be created again for key %q (check idempotency.Committed first)", kind, a.key)
	}
	n, err := idempotencydb.New(tx).RecordCreated(ctx, idempotencydb.RecordCreatedParams{Scope: a.scope, Key: a.key,
		RequestHash: a.hash, CreatedAt: a.at, ResourceKind: &kind, ResourceID: uuid.NullUUID{UUID: id, Valid: true}})
	var pgErr *pgconn.PgError
	if n == 0 && err == nil || errors.As(err, &pgErr) && pgErr.Code == "23505" {
		a.yielded = true
		return errInProgress // another attempt is in its transaction, or has committed
	}
	if err == nil {
		a.recorded = true
	}
	return err
}
