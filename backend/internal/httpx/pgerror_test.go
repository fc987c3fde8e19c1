package httpx_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A value PostgreSQL refuses is the client's fault: whatever validation let it through, the
// answer is a 4xx problem, and the log says a validation is missing. Errors that are not about
// a value stay 500s. The errors are PostgreSQL's own, from a real server.
func TestDatabaseInputErrorsAre4xx(t *testing.T) {
	t.Parallel()
	pool, _ := testkit.NewDB(t)
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `CREATE TABLE t (short varchar(3), n int4 CHECK (n > 0), u text UNIQUE)`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO t (u) VALUES ('taken')`); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, sql string
		args      []any
		status    int
		fault     bool
	}{
		{"NUL in text (22021)", `SELECT $1::text`, []any{"a\x00b"}, 422, true},
		{"bytes not UTF-8 (22021)", `SELECT $1::text`, []any{"a\xffb"}, 422, true},
		{"bad uuid text (22P02)", `SELECT $1::text::uuid`, []any{"not-a-uuid"}, 422, true},
		{"number out of range (22003)", `SELECT $1::int8::int4`, []any{int64(1) << 40}, 422, true},
		{"string too long (22001)", `INSERT INTO t (short) VALUES ($1)`, []any{"abcd"}, 422, true},
		{"NUL in JSON (22P05)", `SELECT $1::text::jsonb`, []any{`{"a":"\u0000"}`}, 422, true},
		{"check (23514)", `INSERT INTO t (n) VALUES ($1)`, []any{-1}, 422, true},
		{"unique (23505): a race or a bug, not a value", `INSERT INTO t (u) VALUES ($1)`, []any{"taken"}, 500, false},
		{"not about a value (42601)", `SELEC 1`, nil, 500, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, dbErr := pool.Exec(ctx, c.sql, c.args...)
			if dbErr == nil {
				t.Fatal("the database accepted it")
			}
			var logged error
			app := fiber.New(fiber.Config{ErrorHandler: httpx.ErrorHandler(func(_ *fiber.Ctx, err error) { logged = err })})
			app.Get("/", func(*fiber.Ctx) error { return dbErr })
			res, err := app.Test(httptest.NewRequest("GET", "/", nil), -1)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != c.status || res.Header.Get("Content-Type") != httpx.ProblemContentType {
				t.Fatalf("%v: %d %s, want %d problem+json", dbErr, res.StatusCode, res.Header.Get("Content-Type"), c.status)
			}
			var fault *httpx.InputFault
			if errors.As(logged, &fault) != c.fault {
				t.Fatalf("logged %v, want input fault %v", logged, c.fault)
			}
		})
	}
}
