package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// dbWrites is what the drain made PostgreSQL write: push_jobs row versions (HOT ones need no
// index entry), transactions of the benchmark's database, and WAL bytes (the whole cluster's:
// other databases on a shared box add to it).
type dbWrites struct {
	updates, hot, commits, wal int64
}

func writes(ctx context.Context, pool *pgxpool.Pool) (dbWrites, error) {
	var w dbWrites
	err := pool.QueryRow(ctx, `SELECT t.n_tup_upd, t.n_tup_hot_upd, d.xact_commit,
		pg_current_wal_lsn() - '0/0'::pg_lsn
		FROM pg_stat_user_tables t, pg_stat_database d
		WHERE t.relname = 'push_jobs' AND d.datname = current_database()`).Scan(&w.updates, &w.hot, &w.commits, &w.wal)
	return w, err
}

func (w dbWrites) since(before dbWrites, pushes int) string {
	n := float64(pushes)
	return fmt.Sprintf("database writes per push during the drain: %.2f push_jobs row updates (%.2f HOT), %.3f transactions, %.0f WAL bytes (cluster-wide)",
		float64(w.updates-before.updates)/n, float64(w.hot-before.hot)/n, float64(w.commits-before.commits)/n, float64(w.wal-before.wal)/n)
}
