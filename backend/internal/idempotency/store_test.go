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

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// These tests put the Store in front of a handler whose behaviour each test chooses (crash,
// fail, refuse, succeed), on a real database, to reach the paths a real feature rarely takes.

type rig struct {
	t     *testing.T
	app   *fiber.App
	store *idempotency.Store
	clock *clock.Manual
	runs  atomic.Int32 // how many times the handler really ran
	act   atomic.Value // func(*fiber.Ctx) error: what the handler does this time
}

func newRig(t *testing.T) *rig {
	pool, _ := testkit.NewDB(t)
	r := &rig{t: t, clock: clock.NewManual(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))}
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
	r.does(created)
	return r
}

func created(c *fiber.Ctx) error {
	return c.Status(http.StatusCreated).JSON(fiber.Map{"id": "thing-1"})
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

// A node that dies mid-request (here: the handler panics, so the record is never completed)
// holds its key: retries are told to wait, with Retry-After, and do not run the request. Once
// the record is older than a minute a retry takes the key over and runs it, once.
func TestAbandonedKeyIsTakenOverAfterAMinute(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	r.does(func(*fiber.Ctx) error { panic("node lost") })
	if a := r.post("/things", "u1", "crash-key-1", `{"n":1}`); a.status != http.StatusInternalServerError {
		t.Fatalf("crash answered %+v", a)
	}
	r.does(created)
	for _, wait := range []time.Duration{0, 30 * time.Second, 29 * time.Second} {
		r.clock.Advance(wait)
		a := r.post("/things", "u1", "crash-key-1", `{"n":1}`)
		if a.status != http.StatusConflict || !strings.Contains(a.body, `"code":"idempotency_in_progress"`) || a.retryAfter != "1" ||
			a.contentType != httpx.ProblemContentType {
			t.Fatalf("retry after %s answered %+v", wait, a)
		}
	}
	r.wantRuns(1)
	// Another body with the held key is still a misuse, held or not.
	if a := r.post("/things", "u1", "crash-key-1", `{"n":2}`); a.status != http.StatusUnprocessableEntity || !strings.Contains(a.body, "idempotency_key_reused") {
		t.Fatalf("other body answered %+v", a)
	}

	r.clock.Advance(2 * time.Second) // now 61 s after the crash
	if a := r.post("/things", "u1", "crash-key-1", `{"n":1}`); a.status != http.StatusCreated || a.replayed != "" {
		t.Fatalf("take-over answered %+v", a)
	}
	r.wantRuns(2)
	if a := r.post("/things", "u1", "crash-key-1", `{"n":1}`); a.status != http.StatusCreated || a.replayed != "true" {
		t.Fatalf("after take-over answered %+v", a)
	}
	r.wantRuns(2)
}

// 5xx means nothing was done: the key is released and the retry runs. 4xx and 2xx are final:
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
	r.does(created)
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
	r.does(created) // even if the handler would now accept it, the stored refusal is the answer
	again := r.post("/things", "u1", "refused-key-1", `{"name":""}`)
	if again.status != first.status || again.body != first.body || again.contentType != first.contentType || again.replayed != "true" {
		t.Fatalf("replay %+v of %+v", again, first)
	}
	r.wantRuns(4)

	r.does(func(c *fiber.Ctx) error {
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

// Sweep deletes the records older than the TTL, finished or not, and nothing newer.
func TestSweepDeletesOnlyExpiredRecords(t *testing.T) {
	t.Parallel()
	r := newRig(t)
	r.post("/things", "u1", "old-done-1", `{}`)
	r.does(func(*fiber.Ctx) error { panic("lost") })
	r.post("/things", "u1", "old-held-1", `{}`)
	r.does(created)
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
