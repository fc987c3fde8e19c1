package notify

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/loop"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// WorkerConfig tunes the push workers.
type WorkerConfig struct {
	Batch       int           // jobs claimed per round
	Concurrency int           // rounds in flight per worker process
	Lease       time.Duration // a claimed job is re-sent after this if its worker vanished…
	Heartbeat   time.Duration // …so a batch still being sent extends its lease this often
	MaxAttempts int           // then the job is dead-lettered
	Poll        time.Duration // fallback wake-up (retries that come due; a missed NOTIFY)
	BaseBackoff time.Duration
	MaxBackoff  time.Duration
	// OutageBackoff caps the wait between rounds while the database is unreachable.
	OutageBackoff time.Duration
	// Stats receives the counters (shared with /metrics); nil gives the worker its own.
	Stats *Stats
}

// DefaultWorkerConfig is what serve and worker use unless told otherwise.
func DefaultWorkerConfig() WorkerConfig {
	return WorkerConfig{Batch: 500, Concurrency: 4, Lease: 15 * time.Second, Heartbeat: 5 * time.Second, MaxAttempts: 8,
		Poll: time.Second, BaseBackoff: 2 * time.Second, MaxBackoff: 10 * time.Minute, OutageBackoff: 10 * time.Second}
}

// Worker drains the push outbox.
type Worker struct {
	pool   *pgxpool.Pool
	q      *notifydb.Queries
	clock  clock.Clock
	sender Sender
	log    *slog.Logger
	cfg    WorkerConfig
	stats  *Stats
	health *loop.Health // the rounds' and heartbeats' view of the database
}

// NewWorker builds a worker.
func NewWorker(pool *pgxpool.Pool, clk clock.Clock, sender Sender, log *slog.Logger, cfg WorkerConfig) *Worker {
	def := DefaultWorkerConfig()
	if cfg.Heartbeat <= 0 || cfg.Heartbeat >= cfg.Lease {
		cfg.Heartbeat = cfg.Lease / 3
	}
	if cfg.OutageBackoff <= 0 {
		cfg.OutageBackoff = def.OutageBackoff
	}
	if cfg.Stats == nil {
		cfg.Stats = new(Stats)
	}
	return &Worker{pool: pool, q: notifydb.New(pool), clock: clk, sender: sender, log: log, cfg: cfg, stats: cfg.Stats,
		health: loop.NewHealth(log, "push worker", max(cfg.Poll, 100*time.Millisecond), cfg.OutageBackoff)}
}

// Stats returns the worker's counters.
func (w *Worker) Stats() *Stats { return w.stats }

// Run drains until ctx ends. Each round claims once; an idle round then sleeps until a NOTIFY
// says jobs were committed (every idle round looks once) or the Poll tick (retries coming
// due). While the database is unreachable rounds back off, and the failure is logged once.
func (w *Worker) Run(ctx context.Context) error {
	wake := newWakeup()
	// Every idle round wakes on each notification, and when the listener (re)connects: jobs
	// may have been committed while nobody was listening.
	go db.Listen(ctx, w.pool, Channel, wake.Signal, loop.NewHealth(w.log, "push listener", time.Second, w.cfg.OutageBackoff))
	var wg sync.WaitGroup
	for i := 0; i < max(1, w.cfg.Concurrency); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.round(ctx, wake)
		}()
	}
	wg.Wait()
	return nil
}

func (w *Worker) round(ctx context.Context, wake *wakeup) {
	tick := time.NewTicker(w.cfg.Poll)
	defer tick.Stop()
	for ctx.Err() == nil {
		// Taken before claiming: a NOTIFY that arrives while this round works makes it look again.
		woken := wake.C()
		n, err := w.DrainOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			w.stats.RoundErrors.Add(1)
			// Back off; the listener's reconnection (a Signal) ends the wait early.
			t := time.NewTimer(w.health.Fail(err))
			select {
			case <-ctx.Done():
			case <-woken:
			case <-t.C:
			}
			t.Stop()
			continue
		}
		w.health.OK()
		if n == w.cfg.Batch {
			continue // more waiting: go again at once
		}
		select {
		case <-ctx.Done():
		case <-woken:
		case <-tick.C:
		}
	}
}

// backoff is how long a job waits after its attempt-th temporary failure: exponential with jitter.
func (w *Worker) backoff(attempt int) time.Duration {
	return loop.Backoff(w.cfg.BaseBackoff, w.cfg.MaxBackoff, attempt)
}

func errText(err error) *string {
	if err == nil {
		return nil
	}
	s := err.Error()
	if len(s) > 500 {
		s = s[:500]
	}
	return &s
}
