package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/loop"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// PhoneStats counts what the phone workers of this process did, for one channel.
type PhoneStats struct {
	Sent, Retried, Dead, FellBack atomic.Int64
}

// PhoneStatsSet is the counters of both phone channels (shared with /metrics).
type PhoneStatsSet map[string]*PhoneStats

// NewPhoneStats makes the counters of both channels.
func NewPhoneStats() PhoneStatsSet {
	return PhoneStatsSet{ChannelZNS: new(PhoneStats), ChannelSMS: new(PhoneStats)}
}

// PhoneWorker drains the Zalo and SMS jobs: the same outbox discipline as the push Worker
// (SKIP LOCKED claims, a lease named by a token, attempts, backoff), one sender per channel.
type PhoneWorker struct {
	pool    *pgxpool.Pool
	q       *notifydb.Queries
	clock   clock.Clock
	senders map[string]PhoneSender
	log     *slog.Logger
	cfg     WorkerConfig
	stats   PhoneStatsSet
	health  *loop.Health
}

// NewPhoneWorker builds a worker sending ZNS jobs through zns and SMS jobs through sms.
func NewPhoneWorker(pool *pgxpool.Pool, clk clock.Clock, zns, sms PhoneSender, log *slog.Logger, cfg WorkerConfig) *PhoneWorker {
	def := DefaultWorkerConfig()
	if cfg.OutageBackoff <= 0 {
		cfg.OutageBackoff = def.OutageBackoff
	}
	// No heartbeat here: a batch is small and its lease long enough for the slowest provider
	// (phoneInFlight at a time, each up to two requests and a token refresh of 15 s).
	cfg.Batch = min(max(cfg.Batch, 1), phoneBatch)
	cfg.Lease = max(cfg.Lease, phoneLease)
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = def.MaxAttempts
	}
	return &PhoneWorker{pool: pool, q: notifydb.New(pool), clock: clk, log: log, cfg: cfg,
		senders: map[string]PhoneSender{ChannelZNS: zns, ChannelSMS: sms},
		stats:   NewPhoneStats(),
		health:  loop.NewHealth(log, "phone worker", max(cfg.Poll, 100*time.Millisecond), cfg.OutageBackoff)}
}

// Stats returns a channel's counters.
func (w *PhoneWorker) Stats(channel string) *PhoneStats { return w.stats[channel] }

// UseStats makes the worker count into s (the process's counters, exported on /metrics).
func (w *PhoneWorker) UseStats(s PhoneStatsSet) *PhoneWorker {
	w.stats = s
	return w
}

// Run drains until ctx ends, woken by the outbox's NOTIFY or the Poll tick (held and retried
// jobs coming due).
func (w *PhoneWorker) Run(ctx context.Context) error {
	wake := newWakeup()
	go db.Listen(ctx, w.pool, Channel, wake.Signal, loop.NewHealth(w.log, "phone listener", time.Second, w.cfg.OutageBackoff))
	tick := time.NewTicker(w.cfg.Poll)
	defer tick.Stop()
	for ctx.Err() == nil {
		woken := wake.C()
		n, err := w.DrainOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		wait := time.Duration(0)
		if err != nil {
			wait = w.health.Fail(err)
		} else {
			w.health.OK()
			if n == w.cfg.Batch {
				continue
			}
		}
		var t <-chan time.Time
		if wait > 0 {
			t = time.After(wait)
		} else {
			t = tick.C
		}
		select {
		case <-ctx.Done():
		case <-woken:
		case <-t:
		}
	}
	return nil
}

// phoneInFlight bounds the messages of one batch in flight at once.
const (
	phoneInFlight = 32
	phoneBatch    = 64
	phoneLease    = 2 * time.Minute
)

// DrainOnce claims one batch of due jobs, sends each through its channel and records the
// outcomes. It returns how many jobs it claimed.
func (w *PhoneWorker) DrainOnce(ctx context.Context) (int, error) {
	now := w.clock.Now()
	lease := now.Add(w.cfg.Lease)
	token := uuid.NullUUID{UUID: uuid.Must(uuid.NewV7()), Valid: true}
	jobs, err := w.q.ClaimMessageJobs(ctx, notifydb.ClaimMessageJobsParams{LeaseUntil: &lease, LeaseToken: token, Now: now,
		Batch: int32(max(1, w.cfg.Batch))})
	if err != nil || len(jobs) == 0 {
		return 0, err
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for range min(phoneInFlight, len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
				j := jobs[i]
				var err error
				if j.OptedOut {
					err = w.optedOut(ctx, j, token)
				} else {
					err = w.record(ctx, j, token, w.send(ctx, j))
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return len(jobs), errors.Join(errs...)
}

func (w *PhoneWorker) send(ctx context.Context, j notifydb.ClaimMessageJobsRow) PhoneResult {
	s := w.senders[j.Channel]
	if s == nil {
		return PhoneResult{Outcome: Fail, Err: fmt.Errorf("no sender for channel %q", j.Channel)}
	}
	var data map[string]string
	if err := json.Unmarshal(j.Data, &data); err != nil {
		return PhoneResult{Outcome: Fail, Err: err}
	}
	return s.SendPhone(ctx, PhoneMessage{TrackingID: j.ID.String(), Phone: j.Phone, Type: j.Type,
		Text: j.TitleVi + ". " + j.BodyVi, Params: templateData(j, data)})
}

// maxParam is the longest a ZNS template parameter may be (Zalo: 400 characters for the
// longest parameter kinds; templates are approved with their own, often shorter, limits).
const maxParam = 400

// templateData is what a ZNS template is filled with: the dossier (or other) code, the
// notification's title and body, cut to maxParam. The approved templates of every type use
// these names (README: ZALO_TEMPLATE_<TYPE>).
func templateData(j notifydb.ClaimMessageJobsRow, data map[string]string) map[string]string {
	p := map[string]string{"title": excerptRunes(j.TitleVi, maxParam), "body": excerptRunes(j.BodyVi, maxParam)}
	for _, k := range []string{push.KeyCode, push.KeyTrackingNumber} {
		if v := data[k]; v != "" {
			p[k] = excerptRunes(v, maxParam)
		}
	}
	return p
}

func excerptRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// record writes one outcome. A Zalo message that failed for good becomes an SMS when the event
// warrants one.
func (w *PhoneWorker) record(ctx context.Context, j notifydb.ClaimMessageJobsRow, token uuid.NullUUID, r PhoneResult) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	now := w.clock.Now()
	st := w.stats[j.Channel]
	switch r.Outcome {
	case Sent:
		seg := int32(max(1, r.Segments))
		err := w.q.MarkMessageSent(ctx, notifydb.MarkMessageSentParams{ID: j.ID, Now: &now, ProviderID: nonEmpty(r.ProviderID), Segments: &seg})
		if err == nil {
			st.Sent.Add(1)
		}
		return err
	case Retry:
		if int(j.Attempts) < w.cfg.MaxAttempts {
			next := NotBefore(now.Add(max(loop.Backoff(w.cfg.BaseBackoff, w.cfg.MaxBackoff, int(j.Attempts)), r.RetryAfter)))
			err := w.q.RetryMessageJob(ctx, notifydb.RetryMessageJobParams{ID: j.ID, LeaseToken: token, NextAttemptAt: next, LastError: errText(r.Err)})
			if err == nil {
				st.Retried.Add(1)
			}
			return err
		}
	}
	w.log.Warn(j.Channel+" message failed", "job", j.ID, "phone", MaskPhone(j.Phone), "attempts", j.Attempts, "err", r.Err)
	if err := w.q.KillMessageJob(ctx, notifydb.KillMessageJobParams{ID: j.ID, LeaseToken: token, LastError: errText(r.Err)}); err != nil {
		return err
	}
	st.Dead.Add(1)
	return w.fallBack(ctx, j, now)
}

// fallBack hands a notification whose message failed (or was refused) to the person's next
// channel: SMS after Zalo for what matters, or the app when they put Zalo first.
func (w *PhoneWorker) fallBack(ctx context.Context, j notifydb.ClaimMessageJobsRow, now time.Time) error {
	started, err := fallBack(ctx, w.q, j.NotificationID, j.Channel, now)
	if started {
		w.stats[j.Channel].FellBack.Add(1)
	}
	return err
}

// optedOut cancels a claimed message its person refused since it was queued, and moves on.
func (w *PhoneWorker) optedOut(ctx context.Context, j notifydb.ClaimMessageJobsRow, token uuid.NullUUID) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	msg := "opted out"
	if err := w.q.CancelMessageJob(ctx, notifydb.CancelMessageJobParams{ID: j.ID, LeaseToken: token, LastError: &msg}); err != nil {
		return err
	}
	return w.fallBack(ctx, j, w.clock.Now())
}
