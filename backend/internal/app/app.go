// Package app wires the features into one Fiber application: middleware, the contract gate,
// the generated strict server, and the operational routes.
package app

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	gojson "github.com/goccy/go-json"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/cors"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/api-spec"
	"github.com/motcuagandan/motcua/backend/internal/accounts"
	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/gate"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/loop"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/ops"
	"github.com/motcuagandan/motcua/backend/internal/pickup"
	"github.com/motcuagandan/motcua/backend/internal/postal"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/ratelimit"
	"github.com/motcuagandan/motcua/backend/internal/rating"
	"github.com/motcuagandan/motcua/backend/internal/representation"
	"github.com/motcuagandan/motcua/backend/internal/session"
	"github.com/motcuagandan/motcua/backend/internal/stats"
	"github.com/motcuagandan/motcua/backend/internal/wards"
)

// Deps are what the application is built from.
type Deps struct {
	Cfg   config.Config
	Pool  *pgxpool.Pool
	Clock clock.Clock
	Log   *slog.Logger
}

// App is the wired application.
type App struct {
	Fiber       *fiber.App
	Auth        *auth.Service
	Accounts    *accounts.Service
	Dossiers    *dossier.Service
	Procedures  *procedure.Service
	Calendars   *calendar.Store
	Sessions    *session.Service
	Pickups     *pickup.Service
	Idempotency *idempotency.Store
	Limiter     *ratelimit.Limiter
	PushStats   *notify.Stats        // the push workers' counters, exported on /metrics
	PhoneStats  notify.PhoneStatsSet // the Zalo/SMS workers' counters, exported on /metrics
	DBOutage    *httpx.Outage        // logs the database's outages once each, not once per failure
	// API is every operation's handler, the layer behind the gate (tests call it without the
	// gate to show that handlers refuse no role the contract's x-roles admits).
	API  api.StrictServerInterface
	deps Deps
}

// server is the whole API: each feature's handlers embedded, so it satisfies the generated
// interface and a missing operation is a compile error.
type server struct {
	healthAPI
	authAPI
	accountsAPI
	wardsAPI
	procedureAPI
	calendarAPI
	dossierAPI
	notifyAPI
	sessionAPI
	postalAPI
	pickupAPI
	statsAPI
	representationAPI
	ratingAPI
	phoneReportsAPI
	webPushAPI
}

// Aliases give each embedded feature its own field name.
type (
	healthAPI    = ops.Health
	authAPI      = auth.Handlers
	accountsAPI  = accounts.Handlers
	wardsAPI     = wards.Handlers
	procedureAPI = procedure.Handlers
	calendarAPI  = calendar.Handlers
	dossierAPI   = dossier.Handlers
	notifyAPI    = notify.Handlers
	sessionAPI   = session.Handlers
	postalAPI    = postal.Handlers
	pickupAPI    = pickup.Handlers
	statsAPI     = stats.Handlers
)

// The ward's message statistics and Zalo's delivery events (issues 16 and 13).
type phoneReportsAPI = notify.PhoneReports

// People (issue 11): representatives, and the rating of every dossier.
type (
	representationAPI = representation.Handlers
	ratingAPI         = rating.Handlers
)

// The web app's pushes (issue 16): its public Firebase web config.
type webPushAPI = notify.WebConfig

var _ api.StrictServerInterface = server{}

// New builds the application.
func New(d Deps) (*App, error) {
	if d.Clock == nil {
		d.Clock = clock.System{}
	}
	limiter := ratelimit.New(d.Pool, d.Clock)
	notify.SetPushConfirmTimeout(d.Cfg.Channels.PushConfirmTimeout)
	accSvc := accounts.NewService(d.Pool, d.Clock, auth.NewHasher(d.Cfg))
	authSvc := auth.NewService(d.Pool, d.Cfg, d.Clock, limiter, accSvc)
	idem := idempotency.New(d.Pool, d.Clock)
	procSvc := procedure.NewService(d.Pool, d.Clock)
	calStore := calendar.NewStore(d.Pool, d.Clock)
	sessionSvc := session.NewService(d.Pool, d.Clock, procSvc, accSvc, calStore)
	dossierSvc := dossier.NewService(d.Pool, d.Clock, d.Cfg, procSvc, calStore, limiter, accSvc)
	pickupSvc := pickup.NewService(d.Pool, d.Clock, procSvc, accSvc, calStore, dossierSvc.CreateSubmitted)

	g, err := gate.New(apispec.YAML, authSvc, idem)
	if err != nil {
		return nil, err
	}
	metrics := ops.NewMetrics(d.Pool)
	pushStats := new(notify.Stats)
	metrics.Registry.MustRegister(notify.NewCollector(pushStats, d.Pool, d.Clock))
	phoneStats := notify.NewPhoneStats()
	metrics.Registry.MustRegister(notify.NewPhoneCollector(phoneStats))
	outage := &httpx.Outage{Name: "database", Log: d.Log, Probe: d.Pool.Ping}

	f := fiber.New(fiber.Config{
		// Fiber reuses request buffers after a handler returns; strings must not alias them.
		Immutable:               true,
		BodyLimit:               d.Cfg.BodyLimitBytes,
		ErrorHandler:            httpx.ErrorHandler(logInternal(d.Log, outage)),
		DisableStartupMessage:   true,
		ReadTimeout:             30 * time.Second,
		WriteTimeout:            30 * time.Second,
		IdleTimeout:             120 * time.Second,
		EnableTrustedProxyCheck: len(d.Cfg.TrustedProxies) > 0,
		TrustedProxies:          d.Cfg.TrustedProxies,
		ProxyHeader:             proxyHeader(d.Cfg),
		// Every response body: goccy/go-json writes what encoding/json writes (same struct tags,
		// Marshaler methods, sorted map keys, HTML escaping) in about half the CPU, and was the
		// fastest pure-Go encoder to hand (bytedance/sonic needs its JIT on amd64 only). Request
		// bodies stay with encoding/json: the gate decodes them through the contract.
		JSONEncoder: gojson.Marshal,
	})
	f.Use(httpx.RequestIDMiddleware())
	f.Use(httpx.AccessLog(d.Log, metrics.Observe))
	f.Use(recover.New())
	f.Use(cors.New(cors.Config{
		AllowOrigins:  d.Cfg.CORSOrigins,
		AllowHeaders:  "Authorization, Content-Type, Accept-Language, Idempotency-Key, X-Request-ID",
		ExposeHeaders: "X-Request-ID, Retry-After, Idempotent-Replayed, WWW-Authenticate",
		MaxAge:        600,
	}))
	f.Use(httpx.Compress(httpx.CompressMinBytes))

	// The public catalogue and sessions lists carry a validator (ETag; 304 on If-None-Match):
	// the catalogue changes rarely and may be kept a minute; sessions' places change with every
	// booking, so those are revalidated each time (no-cache) but not downloaded again unchanged.
	catalogue, sessions := httpx.ETag("public, max-age=60"), httpx.ETag("no-cache")
	f.Use(func(c *fiber.Ctx) error {
		switch c.Path() {
		case "/v1/procedures":
			return catalogue(c)
		case "/v1/sessions":
			return sessions(c)
		}
		return c.Next()
	})

	// Operational routes outside the contract's API operations.
	f.Get("/metrics", metrics.Handler())
	f.Get("/openapi.yaml", ops.SpecHandler(apispec.YAML))
	f.Get("/docs", ops.DocsHandler()) // Fiber's non-strict routing also matches /docs/
	f.Get("/docs/*", ops.DocsHandler())
	ops.MountWebApp(f)

	srv := server{
		healthAPI:    ops.Health{Pool: d.Pool},
		authAPI:      auth.Handlers{Svc: authSvc},
		accountsAPI:  accounts.Handlers{Svc: accSvc, Forget: authSvc.Forget},
		wardsAPI:     wards.NewHandlers(d.Pool, d.Clock),
		procedureAPI: procedure.Handlers{Svc: procSvc},
		calendarAPI:  calendar.Handlers{Store: calStore},
		dossierAPI:   dossier.Handlers{Svc: dossierSvc},
		notifyAPI:    notify.NewHandlers(d.Pool, d.Clock, d.Cfg.Channels.CallbackSecrets),
		sessionAPI:   session.Handlers{Svc: sessionSvc},
		// A parcel that reaches the office becomes a submitted dossier for the officers' intake.
		postalAPI: postal.Handlers{Svc: postal.NewService(d.Pool, d.Clock, d.Cfg, dossierSvc, dossierSvc.CreateSubmitted, procSvc)},
		pickupAPI: pickup.Handlers{Svc: pickupSvc},
		statsAPI:  stats.NewHandlers(d.Pool, d.Clock),
		// phoneReportsAPI: message statistics and the Zalo webhook (notify/msgstats.go, zalo.go).
		phoneReportsAPI: notify.NewPhoneReports(d.Pool, d.Clock, d.Cfg.Channels),
	}
	srv.representationAPI = representation.Handlers{Svc: representation.NewService(d.Pool, d.Clock, limiter)}
	srv.ratingAPI = rating.Handlers{Svc: rating.NewService(d.Pool, d.Clock)}
	srv.webPushAPI = notify.WebConfig{Cfg: d.Cfg.WebPush}
	// Each operation's route runs the gate's guard for that operation, then the generated
	// strict handler (which binds the body the gate validated).
	if err := g.Mount(f, func(r fiber.Router) { api.RegisterHandlers(r, api.NewStrictHandler(srv, nil)) }); err != nil {
		return nil, err
	}
	// No catch-all route: Fiber itself answers an unknown path 404 and a known path with the
	// wrong method 405 with Allow, both rendered as problems by the error handler.

	return &App{Fiber: f, Auth: authSvc, Accounts: accSvc, Dossiers: dossierSvc, Procedures: procSvc, Calendars: calStore, Sessions: sessionSvc, Pickups: pickupSvc,
		Idempotency: idem, Limiter: limiter, PushStats: pushStats, PhoneStats: phoneStats, DBOutage: outage, API: srv, deps: d}, nil
}

func proxyHeader(cfg config.Config) string {
	if len(cfg.TrustedProxies) > 0 {
		return fiber.HeaderXForwardedFor
	}
	return ""
}

func logInternal(log *slog.Logger, outage *httpx.Outage) func(c *fiber.Ctx, err error) {
	return func(c *fiber.Ctx, err error) {
		if httpx.IsUnavailable(err) {
			outage.Failed(err) // one line per outage, not one per request
			return
		}
		level, msg := slog.LevelError, "internal error"
		if fault := (*httpx.InputFault)(nil); errors.As(err, &fault) {
			level, msg = slog.LevelWarn, "input refused by the database: a validation is missing"
		}
		log.Log(c.UserContext(), level, msg, "request_id", httpx.RequestID(c),
			"route", httpx.RouteTemplate(c), "err", err)
	}
}

// RunBackground runs the background jobs until ctx ends: the push worker (through sender), the
// day-before booking reminders, pickup escalation, and the clean-up sweeps. Every job is safe to
// run on many nodes at once. A job that fails (the database is down) logs one line when it
// starts failing and one when it recovers, and retries with a backoff meanwhile.
func (a *App) RunBackground(ctx context.Context, sender notify.Sender, wc notify.WorkerConfig) {
	log := a.deps.Log
	if wc.Stats == nil {
		wc.Stats = a.PushStats
	}
	jobs := []struct {
		name  string
		every time.Duration
		run   func(context.Context) error
	}{
		{"pickup escalation", time.Minute, func(ctx context.Context) error {
			n, err := a.Pickups.Escalate(ctx)
			if n > 0 {
				log.Info("pickups escalated", "count", n)
			}
			return err
		}},
		{"booking reminders", time.Minute, func(ctx context.Context) error {
			n, err := a.Sessions.SendReminders(ctx)
			if n > 0 {
				log.Info("booking reminders queued", "count", n)
			}
			return err
		}},
		{"idempotency sweep", 10 * time.Minute, func(ctx context.Context) error {
			_, err := a.Idempotency.Sweep(ctx, a.deps.Cfg.IdempotencyTTL)
			return err
		}},
		{"rate limit sweep", 10 * time.Minute, func(ctx context.Context) error {
			_, err := a.Limiter.Sweep(ctx, a.deps.Clock.Now().Add(-24*time.Hour))
			return err
		}},
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // parcels handed over, to register with the carrier (outside any transaction)
		defer wg.Done()
		postal.NewCarrierWorker(a.deps.Pool, a.deps.Clock, log, postal.DefaultCarrierWorkerConfig()).Run(ctx)
	}()
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			loop.Every(ctx, j.every, loop.NewHealth(log, j.name, time.Second, j.every), j.run)
		}()
	}
	// Zalo and SMS jobs (issue 16): recorded unless their endpoints are configured.
	if zns, sms, err := notify.NewPhoneSenders(ctx, a.deps.Cfg, a.deps.Pool, a.deps.Clock, log); err != nil {
		log.Error("phone channels not started", "err", err)
	} else {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = notify.NewPhoneWorker(a.deps.Pool, a.deps.Clock, zns, sms, log, wc).UseStats(a.PhoneStats).Run(ctx)
		}()
	}
	_ = notify.NewWorker(a.deps.Pool, a.deps.Clock, sender, log, wc).Run(ctx)
	wg.Wait()
}
