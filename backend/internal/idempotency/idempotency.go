// Package idempotency makes creating POSTs safe to retry from flaky phone networks: the first
// response to an Idempotency-Key is stored in PostgreSQL and replayed for the same request;
// the same key with a different request is refused with 422.
package idempotency

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency/idempotencydb"
)

// abandonAfter is how long an unfinished first request may hold its key before a retry takes
// it over (the node handling it crashed).
const abandonAfter = time.Minute

// Store keeps idempotency records.
type Store struct {
	q     *idempotencydb.Queries
	clock clock.Clock
}

// New returns a store over the pool.
func New(pool *pgxpool.Pool, clk clock.Clock) *Store {
	return &Store{q: idempotencydb.New(pool), clock: clk}
}

// Handle runs next once per (scope, key); scope is the caller (user id, or "anonymous").
func (s *Store) Handle(c *fiber.Ctx, scope string, next func() error) error {
	ctx := c.UserContext()
	key := c.Get("Idempotency-Key")
	sum := sha256.New()
	sum.Write([]byte(c.Method() + " " + c.Path() + "\n"))
	sum.Write(c.Body())
	hash := sum.Sum(nil)

	for attempt := 0; ; attempt++ {
		_, err := s.q.Claim(ctx, idempotencydb.ClaimParams{Scope: scope, Key: key, RequestHash: hash, CreatedAt: s.clock.Now()})
		if err == nil {
			break // ours: run the request
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		rec, err := s.q.Get(ctx, idempotencydb.GetParams{Scope: scope, Key: key})
		if errors.Is(err, pgx.ErrNoRows) {
			continue // released meanwhile: claim again
		}
		if err != nil {
			return err
		}
		if !bytes.Equal(rec.RequestHash, hash) {
			return httpx.NewError(http.StatusUnprocessableEntity, "idempotency_key_reused")
		}
		if rec.StatusCode == nil {
			if attempt == 0 && s.clock.Now().Sub(rec.CreatedAt) > abandonAfter {
				if err := s.q.Release(ctx, idempotencydb.ReleaseParams{Scope: scope, Key: key}); err != nil {
					return err
				}
				continue
			}
			e := httpx.NewError(http.StatusConflict, "idempotency_in_progress")
			e.RetryAfter = time.Second
			return e
		}
		c.Set("Idempotent-Replayed", "true")
		if rec.ContentType != nil {
			c.Set(fiber.HeaderContentType, *rec.ContentType)
		}
		return c.Status(int(*rec.StatusCode)).Send(rec.ResponseBody)
	}

	if err := next(); err != nil {
		if herr := c.App().ErrorHandler(c, err); herr != nil {
			return herr
		}
	}
	status := c.Response().StatusCode()
	// The context may be cancelled if the client went away; the record must still be written.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if status >= 500 {
		// Nothing was created: let a retry run the request again.
		return s.q.Release(wctx, idempotencydb.ReleaseParams{Scope: scope, Key: key})
	}
	code := int32(status)
	ct := string(c.Response().Header.ContentType())
	return s.q.Complete(wctx, idempotencydb.CompleteParams{Scope: scope, Key: key, StatusCode: &code,
		ContentType: &ct, ResponseBody: bytes.Clone(c.Response().Body())})
}

// Sweep deletes records older than ttl.
func (s *Store) Sweep(ctx context.Context, ttl time.Duration) (int64, error) {
	return s.q.DeleteExpired(ctx, s.clock.Now().Add(-ttl))
}
