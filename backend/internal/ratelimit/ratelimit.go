// Package ratelimit counts hits in fixed windows stored in PostgreSQL, so the limit holds
// across every API node without sticky sessions.
package ratelimit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/ratelimit/ratelimitdb"
)

// Limiter counts hits per bucket.
type Limiter struct {
	q     *ratelimitdb.Queries
	clock clock.Clock
}

// New returns a limiter over the pool.
func New(pool *pgxpool.Pool, clk clock.Clock) *Limiter {
	return &Limiter{q: ratelimitdb.New(pool), clock: clk}
}

// Hit counts one hit in bucket's current window and reports whether it is within limit; when
// not, retryAfter says when the window ends. Buckets are hashed: callers may key them by
// personal data (a phone number) without storing it.
func (l *Limiter) Hit(ctx context.Context, bucket string, limit int, window time.Duration) (ok bool, retryAfter time.Duration, err error) {
	now := l.clock.Now()
	start := now.Truncate(window)
	sum := sha256.Sum256([]byte(bucket))
	hits, err := l.q.Hit(ctx, ratelimitdb.HitParams{Bucket: hex.EncodeToString(sum[:16]), WindowStart: start})
	if err != nil {
		return false, 0, err
	}
	if int(hits) > limit {
		return false, start.Add(window).Sub(now), nil
	}
	return true, 0, nil
}

// Sweep deletes windows that ended before the cutoff.
func (l *Limiter) Sweep(ctx context.Context, before time.Time) (int64, error) {
	return l.q.DeleteBefore(ctx, before)
}

// Check counts a hit and returns the API's 429 (code rate_limited, with Retry-After) when the
// bucket is over its limit.
func (l *Limiter) Check(ctx context.Context, bucket string, limit int, window time.Duration) error {
	ok, retry, err := l.Hit(ctx, bucket, limit, window)
	if err != nil || ok {
		return err
	}
	e := httpx.NewError(http.StatusTooManyRequests, "rate_limited")
	e.RetryAfter = retry
	return e
}
