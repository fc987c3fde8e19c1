package benchkit

import (
	"io"
	"log/slog"
	"net"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/app"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
)

// Serve runs the real application (the same app.New as `motcua serve`, every middleware and the
// contract gate) on pool, on a free loopback port, its logs discarded. It returns the app, the
// address it listens on (host:port) and the function that shuts it down.
func Serve(pool *pgxpool.Pool) (*app.App, string, func(), error) {
	cfg, err := config.Load()
	if err != nil {
		return nil, "", nil, err
	}
	a, err := app.New(app.Deps{Cfg: cfg, Pool: pool, Clock: clock.System{}, Log: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		return nil, "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", nil, err
	}
	go a.Fiber.Listener(ln)
	return a, ln.Addr().String(), func() { _ = a.Fiber.Shutdown() }, nil
}
