package httpx

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgconn"
)

// UnavailableRetryAfter is how long clients are asked to wait when the database cannot be
// reached: long enough not to hammer a restarting server, short enough for a phone to retry
// while the person still looks at the screen.
const UnavailableRetryAfter = 3 * time.Second

// ErrUnavailable is the 503 for a request that failed only because the database (or another
// dependency) could not be reached: nothing is wrong with the request, it can be sent again.
var ErrUnavailable = &Error{Status: http.StatusServiceUnavailable, Code: "service_unavailable", RetryAfter: UnavailableRetryAfter}

func init() {
	Register(map[string]Text{
		"service_unavailable": {"Hệ thống đang tạm gián đoạn, vui lòng thử lại sau ít giây", "The service is briefly unavailable, please try again in a few seconds"},
	})
}

// IsUnavailable reports whether err says the database could not be reached rather than
// anything about the request: a failed connection attempt, a connection cut or timed out
// mid-way, the server shutting down or starting up (SQLSTATE class 08, 57P01–57P03, 53300), or
// a deadline that ran out waiting for a pooled connection.
func IsUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "57P01", "57P02", "57P03", "53300": // admin/crash shutdown, cannot connect now, too many connections
			return true
		}
		return strings.HasPrefix(pgErr.Code, "08") // connection exception
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connectErr) || errors.As(err, &netErr) || pgconn.Timeout(err) ||
		errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, context.DeadlineExceeded)
}

// renderUnavailable answers 503 and tells log, which counts outages rather than requests.
func renderUnavailable(c *fiber.Ctx, err error, log func(c *fiber.Ctx, err error)) error {
	log(c, err)
	return Render(c, ErrUnavailable)
}

// Outage logs one dependency's outages as two lines each — the first failure and the recovery —
// however many requests fail in between. While down it probes every Every (default 1 s).
type Outage struct {
	Name  string                          // "database"
	Log   *slog.Logger                    // where the two lines go
	Probe func(ctx context.Context) error // nil error: reachable
	Every time.Duration
	down  atomic.Bool
}

// Down reports whether an outage is in progress.
func (o *Outage) Down() bool { return o.down.Load() }

// Failed records a failure that IsUnavailable classified; only the first of an outage is logged.
func (o *Outage) Failed(err error) {
	if !o.down.CompareAndSwap(false, true) {
		return
	}
	o.Log.Warn(o.Name+" unreachable", "err", err)
	go o.watch(time.Now())
}

func (o *Outage) watch(since time.Time) {
	every := o.Every
	if every <= 0 {
		every = time.Second
	}
	for {
		time.Sleep(every)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := o.Probe(ctx)
		cancel()
		switch {
		case err == nil:
			o.Log.Info(o.Name+" reachable again", "down_for", time.Since(since).Round(time.Millisecond).String())
			o.down.Store(false)
			return
		case !IsUnavailable(err): // e.g. the pool was closed at shutdown: nothing left to watch
			o.down.Store(false)
			return
		}
	}
}
