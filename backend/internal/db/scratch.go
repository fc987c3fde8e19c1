package db

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Scratch creates a migrated throw-away database named prefix_<random> on the server Locate
// finds (benchmarks use it), and returns it with a function that drops it.
func Scratch(ctx context.Context, prefix string, maxConns int) (*pgxpool.Pool, func(), error) {
	admin, err := AdminURL(ctx)
	if err != nil {
		return nil, nil, err
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	name := prefix + "_" + hex.EncodeToString(b[:])
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return nil, nil, err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		conn.Close(ctx)
		return nil, nil, err
	}
	drop := func() {
		_, _ = conn.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
		conn.Close(context.Background())
	}
	url, err := WithDatabase(admin, name)
	if err != nil {
		drop()
		return nil, nil, err
	}
	pool, err := Open(ctx, url, maxConns)
	if err != nil {
		drop()
		return nil, nil, err
	}
	cleanup := func() { pool.Close(); drop() }
	if err := Migrate(ctx, pool); err != nil {
		cleanup()
		return nil, nil, err
	}
	return pool, cleanup, nil
}
