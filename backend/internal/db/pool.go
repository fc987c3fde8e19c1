// Package db opens the PostgreSQL pool, applies the embedded migrations and, in development,
// finds a PostgreSQL to use when DATABASE_URL is not set.
package db

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Open connects a pool and checks the server answers. maxConns > 0 sets the pool size (pgx's
// default, max(4, CPUs), queues requests under load).
func Open(ctx context.Context, url string, maxConns ...int) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	if len(maxConns) > 0 && maxConns[0] > 0 {
		cfg.MaxConns = int32(maxConns[0])
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "motcua"
	// Times in SQL are stored as timestamptz; the session zone only matters for date casts.
	cfg.ConnConfig.RuntimeParams["timezone"] = "Asia/Ho_Chi_Minh"
	cfg.MaxConnIdleTime = 5 * time.Minute
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("reach database: %w", err)
	}
	return pool, nil
}

// Tx runs fn inside a transaction: committed when fn returns nil, rolled back otherwise.
func Tx(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, pool, fn)
}
