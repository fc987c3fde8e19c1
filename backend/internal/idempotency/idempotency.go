// Package idempotency makes creating POSTs safe to retry from flaky phone networks: the same
// Idempotency-Key with the same request creates at most once and answers the created object
// again; the same key with a different request is refused with 422.
//
// The rule that holds through database faults: a key's row is written by the creating service
// inside its own transaction (Record), so "the creation committed" and "the key has a row" are
// one fact. A retry that finds the row never runs the request again — it replays the stored
// answer, or, when the first attempt could not store it (connection cut after the commit), it
// rebuilds it by reading the created resource (Committed). A retry that finds no row runs the
// request: nothing was created, or the first attempt is still in its transaction and the
// retry's Record waits for it and then refuses (409, retry in a second).
package idempotency

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency/idempotencydb"
)

// Store keeps idempotency records.
type Store struct {
	q     *idempotencydb.Queries
	clock clock.Clock
}

// New returns a store over the pool.
func New(pool *pgxpool.Pool, clk clock.Clock) *Store {
	return &Store{q: idempotencydb.New(pool), clock: clk}
}

var (
	errReused     = httpx.NewError(http.StatusUnprocessableEntity, "idempotency_key_reused")
	errInProgress = &httpx.Error{Status: http.StatusConflict, Code: "idempotency_in_progress", RetryAfter: time.Second}
)

// Handle runs next for (scope, key) as described in the package comment; scope is the caller
// (user id, or "anonymous").
func (s *Store) Handle(c *fiber.Ctx, scope string, next func() error) error {
	ctx := c.UserContext()
	key := c.Get("Idempotency-Key")
	sum := sha256.New()
	sum.Write([]byte(c.Method() + " " + c.Path() + "\n"))
	sum.Write(c.Body())
	a := &attempt{scope: scope, key: key, hash: sum.Sum(nil), at: s.clock.Now()}

	rec, err := s.q.Get(ctx, idempotencydb.GetParams{Scope: scope, Key: key})
	switch {
	case errors.Is(err, pgx.ErrNoRows): // nothing committed under this key: run it
	case err != nil:
		return err
	case !bytes.Equal(rec.RequestHash, a.hash):
		return errReused
	case rec.StatusCode != nil:
		c.Set("Idempotent-Replayed", "true")
		if rec.ContentType != nil {
			c.Set(fiber.HeaderContentType, *rec.ContentType)
		}
		return c.Status(int(*rec.StatusCode)).Send(rec.ResponseBody)
	case rec.ResourceID.Valid && rec.ResourceKind != nil:
		// Created, but the answer was lost: the feature rebuilds it instead of creating again.
		a.committed = &resource{kind: *rec.ResourceKind, id: rec.ResourceID.UUID}
		c.Set("Idempotent-Replayed", "true")
	default:
		return errInProgress // not written since migration 00006; kept safe rather than guessed at
	}

	c.SetUserContext(context.WithValue(ctx, attemptKey{}, a))
	if err := next(); err != nil {
		if herr := c.App().ErrorHandler(c, err); herr != nil {
			return herr
		}
	}
	// The context may be cancelled if the client went away; the record must still be written.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	return s.settle(wctx, c, a)
}

// settle stores the answer the attempt gave, where that is the key's answer for good.
func (s *Store) settle(ctx context.Context, c *fiber.Ctx, a *attempt) error {
	status := c.Response().StatusCode()
	code := int32(status)
	ct := string(c.Response().Header.ContentType())
	body := bytes.Clone(c.Response().Body())
	switch {
	case status >= 500:
		// Nothing to store: if the creation committed, its row already says so and a retry
		// rebuilds the answer; if it did not, a retry must run the request again.
		return nil
	case status < 300:
		if a.committed == nil && !a.recorded {
			return fmt.Errorf("idempotency: %s %s answered %d without recording what it created (idempotency.Record)",
				c.Method(), c.Path(), status)
		}
		err := s.q.CompleteCreated(ctx, idempotencydb.CompleteCreatedParams{Scope: a.scope, Key: a.key,
			StatusCode: &code, ContentType: &ct, ResponseBody: body})
		if httpx.IsUnavailable(err) {
			return nil // the created object is the truth; the key's row rebuilds it on a retry
		}
		return err
	case a.committed != nil:
		return nil // a refusal never replaces a committed creation: the next retry rebuilds it
	case a.yielded:
		return nil // "retry": the key's answer is the other attempt's, if it commits
	}
	n, err := s.q.StoreRefusal(ctx, idempotencydb.StoreRefusalParams{Scope: a.scope, Key: a.key, RequestHash: a.hash,
		CreatedAt: a.at, StatusCode: &code, ContentType: &ct, ResponseBody: body})
	switch {
	case httpx.IsUnavailable(err):
		return nil // not stored: nothing was created, so running it again is safe
	case err != nil:
		return err
	case n == 0:
		// The key was used meanwhile by a concurrent attempt, whose work may be what this one
		// was refused for ("already booked"): the key's answer is that attempt's, so retry.
		return httpx.Render(c, errInProgress)
	}
	return nil
}

// Sweep deletes records older than ttl.
func (s *Store) Sweep(ctx context.Context, ttl time.Duration) (int64, error) {
	return s.q.DeleteExpired(ctx, s.clock.Now().Add(-ttl))
}
