package testkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/accounts/accountsdb"
	"github.com/motcuagandan/motcua/backend/internal/app"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/wards/wardsdb"
)

// Env is one test's world: its own database, the real application on it, and a clock the
// test can move.
type Env struct {
	T     testing.TB
	Pool  *pgxpool.Pool
	DBURL string
	// AppPool is the application's own pool: Pool, or the one behind the CutProxy.
	AppPool *pgxpool.Pool
	App     *app.App
	Clock   *clock.Manual
	Cfg     config.Config
	Log     *bytes.Buffer // everything the app logged
	c       *Contract
	mu      sync.Mutex
	seq     int
}

// Option changes the configuration before the app is built.
type Option func(*config.Config)

// TestConfig is the development configuration with cheap password hashing.
func TestConfig() config.Config {
	cfg, err := config.Load()
	if err != nil {
		panic(err)
	}
	cfg.PasswordMemoryKiB, cfg.PasswordTime = 64, 1 // fast in tests; production uses the defaults
	return cfg
}

// New builds an Env.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	pool, url := NewDB(t)
	return build(t, pool, pool, url, opts)
}

// build makes the Env: the application runs on appPool, the test's helpers use pool.
func build(t testing.TB, pool, appPool *pgxpool.Pool, url string, opts []Option) *Env {
	t.Helper()
	cfg := TestConfig()
	for _, o := range opts {
		o(&cfg)
	}
	c, err := SharedContract()
	if err != nil {
		t.Fatal(err)
	}
	var logBuf bytes.Buffer
	e := &Env{T: t, Pool: pool, AppPool: appPool, DBURL: url, Clock: clock.NewManual(time.Now().Truncate(time.Second)), Cfg: cfg, Log: &logBuf, c: c}
	a, err := app.New(app.Deps{Cfg: cfg, Pool: appPool, Clock: e.Clock, Log: slog.New(slog.NewJSONHandler(&syncWriter{w: &logBuf, mu: &e.mu}, nil))})
	if err != nil {
		t.Fatal(err)
	}
	e.App = a
	return e
}

type syncWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// Response is what the app answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte // decoded when the answer had a Content-Encoding
	Raw    []byte // as it came over the wire
}

// JSON decodes the body into v.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// Problem decodes a problem+json body.
func (r *Response) Problem(t testing.TB) httpx.Problem {
	t.Helper()
	var p httpx.Problem
	r.JSON(t, &p)
	return p
}

// Req is a request to send.
type Req struct {
	Method, Path string
	Body         any    // marshalled to JSON unless a string or []byte (sent as is)
	Token        string // bearer token
	Header       map[string]string
}

// Do sends the request through the real Fiber app (no network) and checks the response
// against the contract.
func (e *Env) Do(r Req) *Response {
	e.T.Helper()
	var body []byte
	switch b := r.Body.(type) {
	case nil:
	case string:
		body = []byte(b)
	case []byte:
		body = b
	default:
		var err error
		if body, err = json.Marshal(b); err != nil {
			e.T.Fatal(err)
		}
	}
	req := httptest.NewRequest(r.Method, r.Path, bytes.NewReader(body))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	res, err := e.App.Fiber.Test(req, -1)
	if err != nil {
		e.T.Fatalf("%s %s: %v", r.Method, r.Path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out, err := Decode(res.Header.Get("Content-Encoding"), raw)
	if err != nil {
		e.T.Fatalf("%s %s: body does not decode as %q: %v", r.Method, r.Path, res.Header.Get("Content-Encoding"), err)
	}
	e.c.Check(e.T, req, body, res.StatusCode, res.Header, out)
	return &Response{Status: res.StatusCode, Header: res.Header, Body: out, Raw: raw}
}

// Expect sends the request and fails the test unless the status is want.
func (e *Env) Expect(want int, r Req) *Response {
	e.T.Helper()
	res := e.Do(r)
	if res.Status != want {
		e.T.Fatalf("%s %s: status %d, want %d; body %s", r.Method, r.Path, res.Status, want, res.Body)
	}
	return res
}

// Ward is a ward made for a test.
type Ward struct {
	ID            uuid.UUID
	Code          string
	Neighborhoods []uuid.UUID
}

// User is an account made for a test, with a valid access token.
type User struct {
	ID       uuid.UUID
	Phone    string
	Password string
	Role     string
	Ward     Ward
	Token    string
}

// NewWard creates a ward with n neighbourhoods.
func (e *Env) NewWard(code string, n int) Ward {
	e.T.Helper()
	ctx := context.Background()
	q := wardsdb.New(e.Pool)
	w, err := q.UpsertWard(ctx, wardsdb.UpsertWardParams{ID: uuid.Must(uuid.NewV7()), Code: code, Name: "Phường thử " + code, Province: "Tỉnh thử"})
	if err != nil {
		e.T.Fatal(err)
	}
	out := Ward{ID: w.ID, Code: w.Code}
	for i := 0; i < n; i++ {
		nb, err := q.UpsertNeighborhood(ctx, wardsdb.UpsertNeighborhoodParams{ID: uuid.Must(uuid.NewV7()), WardID: w.ID, Name: "Khu phố " + string(rune('1'+i))})
		if err != nil {
			e.T.Fatal(err)
		}
		out.Neighborhoods = append(out.Neighborhoods, nb.ID)
	}
	return out
}

// testPassword is the password of users made by NewUser.
const testPassword = "Matkhau-2026"

// NewUser creates an account directly in the database and mints its access token.
func (e *Env) NewUser(w Ward, role string) User {
	e.T.Helper()
	e.mu.Lock()
	e.seq++
	n := e.seq
	e.mu.Unlock()
	hash, err := e.App.Auth.Hasher.Hash(testPassword)
	if err != nil {
		e.T.Fatal(err)
	}
	// +8490… is a valid (MobiFone) range; the ward code keeps numbers distinct across wards.
	code, _ := strconv.Atoi(w.Code)
	phone := fmt.Sprintf("+8490%03d%04d", code%1000, n)
	var nb uuid.NullUUID
	if len(w.Neighborhoods) > 0 {
		nb = uuid.NullUUID{UUID: w.Neighborhoods[0], Valid: true}
	}
	u, err := accountsdb.New(e.Pool).CreateUser(context.Background(), accountsdb.CreateUserParams{
		ID: uuid.Must(uuid.NewV7()), WardID: w.ID, NeighborhoodID: nb, Role: role, Phone: phone,
		FullName: fmt.Sprintf("Người dùng %s %d", role, n), PasswordHash: hash, Locale: "vi", CreatedAt: e.Clock.Now(),
	})
	if err != nil {
		e.T.Fatal(err)
	}
	tok, err := e.App.Auth.Signer().Issue(u.ID)
	if err != nil {
		e.T.Fatal(err)
	}
	return User{ID: u.ID, Phone: phone, Password: testPassword, Role: role, Ward: w, Token: tok}
}

// Roles lists every role.
var Roles = []string{auth.RoleCitizen, auth.RoleVolunteer, auth.RoleOfficer, auth.RoleAdmin}

// Token mints a fresh access token for u at the clock's current time (tests that move the
// clock past a token's lifetime use it).
func (e *Env) Token(u User) string {
	e.T.Helper()
	tok, err := e.App.Auth.Signer().Issue(u.ID)
	if err != nil {
		e.T.Fatal(err)
	}
	return tok
}

// Count runs a SELECT count(*)-style query and returns the number.
func (e *Env) Count(sql string, args ...any) int {
	e.T.Helper()
	var n int
	if err := e.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		e.T.Fatal(err)
	}
	return n
}

// Serve puts the app on a real loopback socket (for clients that need one: a browser, the SDK)
// and returns its base URL; it stops when the test ends.
func (e *Env) Serve() string {
	e.T.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		e.T.Fatal(err)
	}
	go e.App.Fiber.Listener(ln)
	e.T.Cleanup(func() { _ = e.App.Fiber.ShutdownWithTimeout(time.Second) })
	return "http://" + ln.Addr().String()
}
