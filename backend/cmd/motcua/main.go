// Command motcua is the Một Cửa Gần Dân server.
//
//	motcua serve              apply migrations, then serve HTTP until SIGTERM/SIGINT
//	motcua migrate up|down|status
//	motcua seed               create the demo wards and accounts (idempotent)
//	motcua worker             run the background workers only (any number of nodes may)
//	motcua healthcheck        GET /healthz on HTTP_ADDR; exit 0 when healthy (container probes)
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh everywhere, even in a distroless image

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/app"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/logging"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/postal"
	"github.com/motcuagandan/motcua/backend/internal/seed"
)

const usage = `usage: motcua <command>

commands:
  serve                   apply migrations and serve HTTP on HTTP_ADDR
  migrate up|down|status  manage the database schema
  seed                    create the demo wards and accounts (idempotent)
  worker                  run only the background workers (push delivery), no HTTP
  postal-event TRACKING in_transit|delivered|failed|returned
                          play the local carrier: send a signed status callback to the server
  healthcheck             exit 0 when the server on HTTP_ADDR is healthy
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "motcua:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cmd string, args []string) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	switch cmd {
	case "serve":
		return serve(ctx, cfg)
	case "migrate":
		return migrate(ctx, cfg, args)
	case "seed":
		pool, err := openDB(ctx, cfg)
		if err != nil {
			return err
		}
		defer pool.Close()
		if err := db.Migrate(ctx, pool); err != nil {
			return err
		}
		if err := seed.Run(ctx, pool, auth.Hasher{MemoryKiB: cfg.PasswordMemoryKiB, Time: cfg.PasswordTime, Threads: 1}); err != nil {
			return err
		}
		fmt.Println("demo data ready; every demo account's password is", seed.DemoPassword)
		return nil
	case "healthcheck":
		return healthcheck(cfg)
	case "worker":
		return worker(ctx, cfg)
	case "postal-event":
		return postalEvent(cfg, args)
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

// openDB connects to DATABASE_URL, or in development finds a local PostgreSQL.
func openDB(ctx context.Context, cfg config.Config) (*pgxpool.Pool, error) {
	url := cfg.DatabaseURL
	if url == "" {
		var err error
		if url, err = db.Locate(ctx, "motcua"); err != nil {
			return nil, err
		}
	}
	return db.Open(ctx, url, cfg.DBMaxConns)
}

func serve(ctx context.Context, cfg config.Config) error {
	log := logging.New(os.Stdout, cfg.LogLevel)
	if os.Getenv("GOGC") == "" {
		// As for the worker: a request's garbage is small and short-lived, and collecting less
		// often was ~20 % of the dossier list's CPU (see docs/benchmarks.md, Authenticated reads).
		debug.SetGCPercent(400)
	}
	pool, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := db.Migrate(ctx, pool); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	a, err := app.New(app.Deps{Cfg: cfg, Pool: pool, Log: log})
	if err != nil {
		return err
	}
	// Callers' accounts are kept in memory while the database can tell this process of changes.
	go a.Auth.WatchAccounts(ctx, log)
	if cfg.RunWorkers {
		sender, err := notify.NewSender(ctx, cfg, log)
		if err != nil {
			return err
		}
		go a.RunBackground(ctx, sender, workerConfig(cfg))
	}

	errc := make(chan error, 1)
	go func() { errc <- a.Fiber.Listen(cfg.HTTPAddr) }()
	log.Info("listening", "addr", cfg.HTTPAddr, "env", cfg.Env, "dev_jwt_key", cfg.JWTDevKeyUsed)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	return a.Fiber.ShutdownWithTimeout(20 * time.Second)
}

func migrate(ctx context.Context, cfg config.Config, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: motcua migrate up|down|status")
	}
	pool, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer pool.Close()
	m, err := db.NewMigrator(pool)
	if err != nil {
		return err
	}
	defer m.Close()
	switch args[0] {
	case "up":
		res, err := m.Up(ctx)
		for _, r := range res {
			fmt.Println("applied", r.Source.Path, r.Duration)
		}
		return err
	case "down":
		r, err := m.Down(ctx)
		if r != nil {
			fmt.Println("rolled back", r.Source.Path)
		}
		return err
	case "status":
		st, err := m.Status(ctx)
		for _, s := range st {
			fmt.Printf("%-10s %s\n", s.State, s.Source.Path)
		}
		return err
	}
	return fmt.Errorf("usage: motcua migrate up|down|status")
}

// localURL is the server's base URL as a client on the same machine reaches it.
func localURL(cfg config.Config) string {
	addr := cfg.HTTPAddr
	if strings.HasPrefix(addr, "0.0.0.0:") || strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1:" + addr[strings.LastIndex(addr, ":")+1:]
	}
	return "http://" + addr
}

// postalEvent plays the local carrier in development: a signed callback, as VNPost would send.
func postalEvent(cfg config.Config, args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: motcua postal-event TRACKING in_transit|delivered|failed|returned")
	}
	body, _ := json.Marshal(map[string]string{"event_id": uuid.NewString(), "tracking_number": args[0],
		"status": args[1], "occurred_at": time.Now().Format(time.RFC3339)})
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest("POST", localURL(cfg)+"/v1/webhooks/postal", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Carrier", "local")
	req.Header.Set("X-Timestamp", ts)
	req.Header.Set("X-Signature", postal.Sign(cfg.PostalSecrets["local"], ts, body))
	res, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	fmt.Printf("%d %s\n", res.StatusCode, out)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("the server refused the event")
	}
	return nil
}

func healthcheck(cfg config.Config) error {
	client := http.Client{Timeout: 3 * time.Second}
	res, err := client.Get(localURL(cfg) + "/healthz")
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("healthz answered %d", res.StatusCode)
	}
	return nil
}

func workerConfig(cfg config.Config) notify.WorkerConfig {
	wc := notify.DefaultWorkerConfig()
	wc.Concurrency = cfg.PushConcurrency
	return wc
}

// worker runs the background jobs alone (no HTTP); the schema must already be current (serve migrates).
func worker(ctx context.Context, cfg config.Config) error {
	log := logging.New(os.Stdout, cfg.LogLevel)
	pool, err := openDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer pool.Close()
	current, err := db.Current(ctx, pool)
	if err != nil || !current {
		return fmt.Errorf("the database schema is not current (run motcua migrate up or motcua serve first): %v", err)
	}
	sender, err := notify.NewSender(ctx, cfg, log)
	if err != nil {
		return err
	}
	a, err := app.New(app.Deps{Cfg: cfg, Pool: pool, Log: log})
	if err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		// A worker's heap is small and short-lived (push batches); collecting less often buys
		// ~25 % more pushes per core (see docs/benchmarks.md).
		debug.SetGCPercent(400)
	}
	log.Info("worker started", "push_driver", cfg.PushDriver)
	a.RunBackground(ctx, sender, workerConfig(cfg))
	return nil
}
