package notify

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// WorkerConfig tunes the push workers.
type WorkerConfig struct {
	Batch       int           // jobs claimed per round (≤ 500, one SendEach call)
	Concurrency int           // rounds in flight per worker process
	Lease       time.Duration // a claimed job is re-sent after this if its worker vanished
	MaxAttempts int           // then the job is dead-lettered
	Poll        time.Duration // fallback wake-up (retries that come due; a missed NOTIFY)
	BaseBackoff time.Duration
	MaxBackoff  time.Duration
}

// DefaultWorkerConfig is what serve and worker use unless told otherwise.
func DefaultWorkerConfig() WorkerConfig {
	return WorkerConfig{Batch: 500, Concurrency: 4, Lease: 60 * time.Second, MaxAttempts: 8,
		Poll: time.Second, BaseBackoff: 2 * time.Second, MaxBackoff: 10 * time.Minute}
}

// Worker drains the push outbox.
type Worker struct {
	pool   *pgxpool.Pool
	q      *notifydb.Queries
	clock  clock.Clock
	sender Sender
	log    *slog.Logger
	cfg    WorkerConfig
}

// NewWorker builds a worker.
func NewWorker(pool *pgxpool.Pool, clk clock.Clock, sender Sender, log *slog.Logger, cfg WorkerConfig) *Worker {
	return &Worker{pool: pool, q: notifydb.New(pool), clock: clk, sender: sender, log: log, cfg: cfg}
}

// Run drains until ctx ends: immediately when a NOTIFY says jobs were committed, and at least
// every Poll for retries coming due.
func (w *Worker) Run(ctx context.Context) error {
	wake := make(chan struct{}, 1)
	go w.listen(ctx, wake)
	var wg sync.WaitGroup
	for i := 0; i < max(1, w.cfg.Concurrency); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(w.cfg.Poll)
			defer t.Stop()
			for ctx.Err() == nil {
				n, err := w.DrainOnce(ctx)
				if err != nil && ctx.Err() == nil {
					w.log.Error("push round failed", "err", err)
				}
				if n == w.cfg.Batch {
					continue // more waiting: go again at once
				}
				select {
				case <-ctx.Done():
				case <-wake:
					// pass the wake-up on so every idle round notices
					select {
					case wake <- struct{}{}:
					default:
					}
				case <-t.C:
				}
			}
		}()
	}
	wg.Wait()
	return nil
}

// listen holds a connection LISTENing on Channel and signals wake on every notification,
// reconnecting after errors.
func (w *Worker) listen(ctx context.Context, wake chan<- struct{}) {
	for ctx.Err() == nil {
		conn, err := w.pool.Acquire(ctx)
		if err != nil {
			sleep(ctx, time.Second)
			continue
		}
		if _, err = conn.Exec(ctx, "LISTEN "+Channel); err == nil {
			for {
				if _, err = conn.Conn().WaitForNotification(ctx); err != nil {
					break
				}
				select {
				case wake <- struct{}{}:
				default:
				}
			}
		}
		// The connection may still be LISTENing: do not return it to the pool.
		conn.Hijack().Close(context.Background())
		if ctx.Err() == nil {
			w.log.Warn("push listener reconnecting", "err", err)
			sleep(ctx, time.Second)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

// DrainOnce claims one batch of due jobs, sends them and records the outcomes. It returns how
// many jobs it claimed.
func (w *Worker) DrainOnce(ctx context.Context) (int, error) {
	jobs, err := w.Claim(ctx)
	if err != nil || len(jobs) == 0 {
		return 0, err
	}
	return len(jobs), w.Deliver(ctx, jobs)
}

// Claim leases a batch of due jobs (exported so tests can simulate a worker dying after it).
func (w *Worker) Claim(ctx context.Context) ([]notifydb.ClaimPushJobsRow, error) {
	now := w.clock.Now()
	lease := now.Add(w.cfg.Lease)
	return w.q.ClaimPushJobs(ctx, notifydb.ClaimPushJobsParams{LeaseUntil: &lease, Now: now, Batch: int32(w.cfg.Batch)})
}

// Deliver sends claimed jobs and records what happened to each.
func (w *Worker) Deliver(ctx context.Context, jobs []notifydb.ClaimPushJobsRow) error {
	pushes := make([]Push, 0, len(jobs))
	sendable := make([]notifydb.ClaimPushJobsRow, 0, len(jobs))
	var errs []error
	for _, j := range jobs {
		if j.DeviceLocale == nil {
			// The device was removed or moved to another account since the job was queued.
			errs = append(errs, w.q.KillPushJob(ctx, notifydb.KillPushJobParams{ID: j.ID, LastError: ptr("device no longer registered to the user")}))
			continue
		}
		p := Push{Token: j.Token, Title: j.TitleVi, Body: j.BodyVi}
		if *j.DeviceLocale == "en" {
			p.Title, p.Body = j.TitleEn, j.BodyEn
		}
		if err := json.Unmarshal(j.Data, &p.Data); err != nil {
			errs = append(errs, err)
			continue
		}
		pushes = append(pushes, p)
		sendable = append(sendable, j)
	}
	results := w.sender.Send(ctx, pushes)
	// Record outcomes even if ctx was cancelled mid-way: the sends happened.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	var sent []uuid.UUID
	now := w.clock.Now()
	for i, r := range results {
		j := sendable[i]
		switch r.Outcome {
		case Sent:
			sent = append(sent, j.ID)
		case DropToken:
			errs = append(errs, w.q.DeleteDeviceToken(rctx, j.Token),
				w.q.KillPushJob(rctx, notifydb.KillPushJobParams{ID: j.ID, LastError: errText(r.Err)}))
		case Fail:
			errs = append(errs, w.q.KillPushJob(rctx, notifydb.KillPushJobParams{ID: j.ID, LastError: errText(r.Err)}))
		case Retry:
			if int(j.Attempts) >= w.cfg.MaxAttempts {
				w.log.Warn("push dead-lettered", "job", j.ID, "attempts", j.Attempts, "err", r.Err)
				errs = append(errs, w.q.KillPushJob(rctx, notifydb.KillPushJobParams{ID: j.ID, LastError: errText(r.Err)}))
				continue
			}
			next := now.Add(max(w.backoff(int(j.Attempts)), r.RetryAfter))
			errs = append(errs, w.q.RetryPushJob(rctx, notifydb.RetryPushJobParams{ID: j.ID, NextAttemptAt: next, LastError: errText(r.Err)}))
		}
	}
	if len(sent) > 0 {
		errs = append(errs, w.q.MarkPushSent(rctx, notifydb.MarkPushSentParams{Now: &now, Ids: sent}))
	}
	return errors.Join(errs...)
}

// backoff is exponential with full jitter: a random wait in [base·2^(n-1)/2, base·2^(n-1)], capped.
func (w *Worker) backoff(attempt int) time.Duration {
	d := w.cfg.BaseBackoff << min(attempt-1, 20)
	if d <= 0 || d > w.cfg.MaxBackoff {
		d = w.cfg.MaxBackoff
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
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

func ptr[T any](v T) *T { return &v }
