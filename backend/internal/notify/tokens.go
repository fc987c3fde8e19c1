package notify

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// DBTokens keeps the Zalo OA's token pair in PostgreSQL for every worker process.
type DBTokens struct {
	pool  *pgxpool.Pool
	clock clock.Clock
	oa    string
}

// NewDBTokens stores the pair under oa, seeding it with access and refresh when none is stored
// yet (a stored pair is newer: refresh tokens rotate at every renewal).
func NewDBTokens(ctx context.Context, pool *pgxpool.Pool, clk clock.Clock, oa, access, refresh string) (*DBTokens, error) {
	err := notifydb.New(pool).SeedZaloToken(ctx, notifydb.SeedZaloTokenParams{Oa: oa, AccessToken: access, RefreshToken: refresh,
		UpdatedAt: clk.Now()})
	return &DBTokens{pool: pool, clock: clk, oa: oa}, err
}

// Current implements TokenStore.
func (d *DBTokens) Current(ctx context.Context) (string, error) {
	return notifydb.New(d.pool).ZaloToken(ctx, d.oa)
}

// Renew implements TokenStore: under the row's lock, so one process renews and the others wait
// and take its token.
func (d *DBTokens) Renew(ctx context.Context, stale string, refresh func(context.Context, string) (string, string, error)) (string, error) {
	var tok string
	err := pgx.BeginFunc(ctx, d.pool, func(tx pgx.Tx) error {
		q := notifydb.New(tx)
		row, err := q.ZaloTokenForUpdate(ctx, d.oa)
		if err != nil {
			return err
		}
		if row.AccessToken != stale {
			tok = row.AccessToken
			return nil
		}
		rctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		access, next, err := refresh(rctx, row.RefreshToken)
		if err != nil {
			return err
		}
		tok = access
		return q.SetZaloToken(ctx, notifydb.SetZaloTokenParams{Oa: d.oa, AccessToken: access, RefreshToken: next, UpdatedAt: d.clock.Now()})
	})
	return tok, err
}
