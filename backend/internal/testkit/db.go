// Package testkit gives tests a real PostgreSQL database and the real application, and checks
// every response a test receives against the API contract.
package testkit

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/migrations"
)

// The template database is migrated once per schema version (a hash of the migration files)
// and every test database is a cheap copy of it, so packages run in parallel and leave nothing.
var (
	tplOnce sync.Once
	tplName string
	tplErr  error
	adminDB string
)

func migrationsHash() string {
	h := sha256.New()
	names, _ := fs.Glob(migrations.FS, "*.sql")
	sort.Strings(names)
	for _, n := range names {
		b, _ := fs.ReadFile(migrations.FS, n)
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

func prepareTemplate(ctx context.Context) (string, error) {
	admin, err := db.AdminURL(ctx)
	if err != nil {
		return "", err
	}
	adminDB = admin
	name := "motcua_tpl_" + migrationsHash()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	// Serialise template building across concurrently running test binaries.
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(72230411)"); err != nil {
		return "", err
	}
	defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock(72230411)")
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	_, _ = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+building)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	url, err := db.WithDatabase(admin, building)
	if err != nil {
		return "", err
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		return "", err
	}
	err = db.Migrate(ctx, pool)
	pool.Close()
	if err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return "", err
	}
	return name, nil
}

// NewDB creates a fresh, fully migrated database for the test and drops it afterwards.
func NewDB(t testing.TB) (*pgxpool.Pool, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tplOnce.Do(func() { tplName, tplErr = prepareTemplate(ctx) })
	if tplErr != nil {
		t.Fatalf("test database template: %v", tplErr)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "motcua_test_" + hex.EncodeToString(b[:])
	conn, err := pgx.Connect(ctx, adminDB)
	if err != nil {
		t.Fatalf("connect admin db: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tplName)); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	url, err := db.WithDatabase(adminDB, name)
	if err != nil {
		t.Fatal(err)
	}
	pool, err := db.Open(ctx, url)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() {
		pool.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if c, err := pgx.Connect(ctx, adminDB); err == nil {
			_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			c.Close(ctx)
		}
	})
	return pool, url
}
