package idempotency_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// These tests put the Store in front of a handler whose behaviour each test chooses (crash,
// fail, refuse, succeed), on a real database, to reach the paths a real feature rarely takes.
// The handler creates "things" the way every feature behind an x-idempotent operation does.

type rig struct {
	t     *testing.T
	pool  *pgxpool.Pool
	app   *fiber.App
	store *idempotency.Store
	clock *clock.Manual
	runs  atomic.Int32 // how many times the handler really ran
	act   atomic.Value // func(*fiber.Ctx) error: what the handler does this time
}

func newRig(t *testing.T) *rig {
	pool, _ := testkit.NewDB(t)
	if _, err := pool.Exec(context.Background(), "CREATE TABLE things (id uuid PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, pool: pool, clock: clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))}
	r.store = idempotency.New(pool, r.clock)
	r.app = fiber.New(fiber.Config{Immutable: true, ErrorHandler: httpx.ErrorHandler(func(*fiber.Ctx, error) {})})
	r.app.Use(recover.New()) // as in the real app: a panic is a 500 for the client
	handler := func(c *fiber.Ctx) error {
		return r.store.Handle(c, c.Get("X-Scope"), func() error {
			r.runs.Add(1)
			return r.act.Load().(func(*fiber.Ctx) error)(c)
		})
	}
	r.app.Post("/things", handler)
	r.app.Post("/other-things", handler)
	r.does(r.created)
	return r
}

// create is a feature's creating service: an earlier attempt's thing is answered, otherwise
// the key is recorded first in the transaction that creates the thing.
func (r *rig) create(ctx context.Context) (uuid.UUID, error) {
	if id, ok := idempotency.Committed(ctx, "thing"); ok {
		return id, nil
	}
	id := uuid.Must(uuid.NewV7())
	return id, pgx.BeginFunc(ctx, r.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "thing", id); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "INSERT INTO things (id) VALUES ($1)", id)
		return err
	})
}

func (r *rig) created(c *fiber.Ctx) error {
	id, err := r.create(c.UserContext())
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"id": id})
}

func (r *rig) things() int {
	r.t.Helper()
	var n int
	if err := r.pool.QueryRow(context.Background(), "SELECT count(*) FROM things").Scan(&n); err != nil {
		r.t.Fatal(err)
	}
	return n
}

func (r *rig) does(f func(*fiber.Ctx) error) { r.act.Store(f) }

type answer struct {
	status               int
	contentType, body    string
	replayed, retryAfter string
}

func (r *rig) post(path, scope, key, body string) answer {
	r.t.Helper()
	req := httptest.NewRequest("POST", path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	req.Header.Set("X-Scope", scope)
	res, err := r.app.Test(req, -1)
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header.Get("Content-Type"), string(b), res.Header.Get("Idempotent-Replayed"), res.Header.Get("Retry-After")}
}

func (r *rig) wantRuns(n int32) {
	r.t.Helper()
	if got := r.runs.Load(); got != n {
		r.t.Fatalf("handler ran %d times, want %d", got, n)
	}
}

// A node that dies before its transaction commits leaves nothing under the key: the retry
// runs the request at once (no key held "in progress" for a minute) and creates one thing.
func TestCrashBeforeCommitLeavesTheKeyFree(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	r.does(func(*fiber.Ctx) error { panic("node lost") })
	if a := r.post("/things", "u1", "crash-key-1", `{"n":1}`); a.status != http.StatusInternalServerError {
		t.Fatalf("crash answered %+v", a)
	}
	r.does(r.created)
	if a := r.post("/things", "u1", "crash-key-1", `{"n":1}`); a.status != http.StatusCreated || a.replayed != "" {
		t.Fatalf("retry answered %+v", a)
	}
	if a := r.post("/things", "u1", "crash-key-1", `{"n":1}`); a.status != http.StatusCreated || a.replayed != "true" {
		t.Fatalf("second retry answered %+v", a)
	}
	r.wantRuns(2)
	if n := r.things(); n != 1 {
		t.Fatalf("%d things", n)
	}
}

// A node that dies after its transaction committed (or whose answer or record could not be
// written) never has the request run again: the retry rebuilds the answer from the key's
// record, names the same thing, and from then on the stored answer is replayed.
func TestCrashAfterCommitIsAnsweredNotRunAgain(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	var id uuid.UUID
	r.does(func(c *fiber.Ctx) error {
		var err error
		if id, err = r.create(c.UserContext()); err != nil {
			return err
		}
		panic("node lost after commit")
	})
	if a := r.post("/things", "u1", "late-crash-1", `{"n":1}`); a.status != http.StatusInternalServerError {
		t.Fatalf("crash answered %+v", a)
	}
	r.does(r.created)
	first := r.post("/things", "u1", "late-crash-1", `{"n":1}`)
	if first.status != http.StatusCreated || first.replayed != "true" || !strings.Contains(first.body, id.String()) {
		t.Fatalf("retry answered %+v, want the thing %s", first, id)
	}
	if again := r.post("/things", "u1", "late-crash-1", `{"n":1}`); again != first {
		t.Fatalf("stored replay %+v of %+v", again, first)
	}
	if n := r.things(); n != 1 {
		t.Fatalf("%d things", n)
	}
	// Another body under the key is still a misuse.
	if a := r.post("/things", "u1", "late-crash-1", `{"n":2}`); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "idempotency_key_reused") {
		t.Fatalf("other body answered %+v", a)
	}
}

// A feature that does not take part fails loudly instead of creating twice: a success without
// Record is an error (and the database refuses such a record), and a creation attempted again
// where an earlier one committed is refused, rolling it back.
func TestFeaturesThatDoNotTakePartFail(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	r.does(func(c *fiber.Ctx) error { return c.Status(http.StatusCreated).JSON(fiber.Map{"id": "unrecorded"}) })
	if a := r.post("/things", "u1", "unrecorded-1", `{}`); a.status != http.StatusInternalServerError {
		t.Fatalf("unrecorded success answered %+v", a)
	}
	_, err := r.pool.Exec(context.Background(), `INSERT INTO idempotency_keys (scope, key, request_hash, created_at, status_code)
		VALUES ('u1', 'unrecorded-2', '\x00', now(), 201)`)
	if err == nil || !strings.Contains(err.Error(), "idempotency_keys_success_created") {
		t.Fatalf("a success naming nothing was stored: %v", err)
	}

	r.does(func(c *fiber.Ctx) error { _, _ = r.create(c.UserContext()); panic("lost after commit") })
	r.post("/things", "u1", "ignores-1", `{}`)
	r.does(func(c *fiber.Ctx) error { // creates without asking whether it already did
		return pgx.BeginFunc(c.UserContext(), r.pool, func(tx pgx.Tx) error {
			if err := idempotency.Record(c.UserContext(), tx, "thing", uuid.Must(uuid.NewV7())); err != nil {
				return err
			}
			_, err := tx.Exec(c.UserContext(), "INSERT INTO things (id) VALUES ($1)", uuid.Must(uuid.NewV7()))
			return err
		})
	})
	if a := r.post("/things", "u1", "ignores-1", `{}`); a.status != http.StatusInternalServerError {
		t.Fatalf("second creation answered %+v", a)
	}
	if n := r.things(); n != 1 {
		t.Fatalf("%d things", n)
	}
}

// 5xx before a commit means nothing was done: nothing is stored and the retry runs. 4xx and 2xx are final:
// stored with their status, content type and body, and replayed without running again.
func TestWhatIsStored(t *testing.T) {
	t.Parallel()
	r := newRig(t)

	r.does(func(*fiber.Ctx) error { return errors.New("database unreachable") })
	if a := r.post("/things", "u1", "flaky-key-1", `{}`); a.status != http.StatusInternalServerError {
		t.Fatalf("failure answered %+v", a)
	}
	r.does(func(*fiber.Ctx) error { return httpx.NewError(http.StatusServiceUnavailable, "unavailable") })
	if a := r.post("/things", "u1", "flaky-key-1", `{}`); a.status != http.StatusServiceUnavailable {
		t.Fatalf("failure answered %+v", a)
	}
	r.does(r.created)
	if a := r.post("/things", "u1", "flaky-key-1", `{}`); a.status != http.StatusCreated || a.replayed != "" {
		t.Fatalf("retry after 5xx answered %+v", a)
	}
	r.wantRuns(3)

	r.does(func(*fiber.Ctx) error {
		return httpx.Invalid(httpx.Field("name", "blank"))
	})
	first := r.post("/things", "u1", "refused-key-1", `{"name":""}`)
	if first.status != http.StatusUnprocessableEntity || first.contentType != httpx.ProblemContentType {
		t.Fatalf("refusal answered %+v", first)
	}
	r.does(r.created) // even if the handler would now accept it, the stored refusal is the answer
	again := r.post("/things", "u1", "refused-key-1", `{"name":""}`)
	if again.status != first.status || again.body != first.body || again.contentType != first.contentType || again.replayed != "true" {
		t.Fatalf("replay %+v of %+v", again, first)
	}
	r.wantRuns(4)

	r.does(func(c *fiber.Ctx) error {
		if _, err := r.create(c.UserContext()); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "text/plain; charset=utf-8")
		return c.Status(http.StatusAccepted).SendString("queued")
	})
	first = r.post("/things", "u1", "accepted-key-1", `{}`)
	again = r.post("/things", "u1", "accepted-key-1", `{}`)
	if first.status != http.StatusAccepted || again.status != first.status || again.body != "queued" || again.contentType != first.contentType || again.replayed != "true" {
		t.Fatalf("replay %+v of %+v", again, first)
	}
	r.wantRuns(5)
}

// A key is bound to the request it was first used for — path included — and to the caller.
func TestKeyIsBoundToPathAndScope(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	if a := r.post("/things", "u1", "bound-key-1", `{}`); a.status != http.StatusCreated {
		t.Fatalf("%+v", a)
	}
	if a := r.post("/other-things", "u1", "bound-key-1", `{}`); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "idempotency_key_reused") {
		t.Fatalf("same key on another path answered %+v", a)
	}
	if a := r.post("/things", "u2", "bound-key-1", `{}`); a.status != http.StatusCreated || a.replayed != "" {
		t.Fatalf("same key for another caller answered %+v", a)
	}
	r.wantRuns(2)
}

// Sweep deletes the records older than the TTL, answered or not, and nothing newer.
func TestSweepDeletesOnlyExpiredRecords(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	r.post("/things", "u1", "old-done-1", `{}`)
	r.does(func(c *fiber.Ctx) error { _, _ = r.create(c.UserContext()); panic("lost") })
	r.post("/things", "u1", "old-created-1", `{}`) // created, answer never stored
	r.does(r.created)
	r.clock.Advance(23 * time.Hour)
	r.post("/things", "u1", "new-done-1", `{}`)
	r.clock.Advance(2 * time.Hour)

	n, err := r.store.Sweep(context.Background(), 24*time.Hour)
	if err != nil || n != 2 {
		t.Fatalf("swept %d, %v; want the 2 records older than a day", n, err)
	}
	// The swept key is free again; the young one still replays.
	if a := r.post("/things", "u1", "old-done-1", `{"changed":true}`); a.status != http.StatusCreated || a.replayed != "" {
		t.Fatalf("swept key answered %+v", a)
	}
	if a := r.post("/things", "u1", "new-done-1", `{}`); a.replayed != "true" {
		t.Fatalf("young key answered %+v", a)
	}
	if n, err := r.store.Sweep(context.Background(), 24*time.Hour); err != nil || n != 0 {
		t.Fatalf("second sweep %d, %v", n, err)
	}
}
