package httpx

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
)

const (
	// HeaderRequestID carries the request id in and out.
	HeaderRequestID = "X-Request-ID"
	localsRequestID = "request_id"
)

// RequestID keeps a well-formed incoming X-Request-ID (so a trace crosses services) or makes one.
func RequestIDMiddleware() fiber.Handler {
	return func(c *fiber.Ctx) error {
		id := c.Get(HeaderRequestID)
		if !validRequestID(id) {
			var b [12]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Locals(localsRequestID, id)
		c.Set(HeaderRequestID, id)
		return c.Next()
	}
}

func validRequestID(s string) bool {
	if len(s) < 8 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// RequestID returns the request's id.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals(localsRequestID).(string)
	if id == "" {
		// Refusals made before the middleware ran (fasthttp's 413/431 for an oversized request)
		// still carry an id, so the citizen can quote one.
		var b [12]byte
		_, _ = rand.Read(b[:])
		id = hex.EncodeToString(b[:])
		c.Locals(localsRequestID, id)
		c.Set(HeaderRequestID, id)
	}
	return id
}

// AccessLog writes one JSON line per request: method, route template (never the raw query,
// which may carry personal data), status, latency and request id.
func AccessLog(log *slog.Logger, observe func(c *fiber.Ctx, status int, elapsed time.Duration)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		start := time.Now()
		err := c.Next()
		if err != nil {
			// Render now so the logged status is the one the client gets.
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		elapsed := time.Since(start)
		status := c.Response().StatusCode()
		if observe != nil {
			observe(c, status, elapsed)
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(c.UserContext(), level, "http",
			slog.String("request_id", RequestID(c)),
			slog.String("method", c.Method()),
			slog.String("route", RouteTemplate(c)),
			slog.Int("status", status),
			slog.Float64("ms", float64(elapsed.Microseconds())/1000),
		)
		return nil
	}
}

// LocalsRoute is where the gate stores the contract path of the operation it matched, so logs
// and metrics name the route even when the request is refused before Fiber routes it.
const LocalsRoute = "route_template"

// RouteTemplate is the matched route pattern (e.g. /v1/users/{id}), or "unmatched".
func RouteTemplate(c *fiber.Ctx) string {
	if r, ok := c.Locals(LocalsRoute).(string); ok {
		return r
	}
	if r := c.Route(); r != nil && r.Path != "" && r.Path != "/" {
		return r.Path
	}
	if c.Path() == "/" {
		return "/"
	}
	return "unmatched"
}
