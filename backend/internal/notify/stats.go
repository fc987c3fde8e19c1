package notify

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// Stats counts what the push workers of this process did (exported on /metrics).
type Stats struct {
	Rounds      atomic.Int64 // claim queries run
	RoundErrors atomic.Int64 // rounds that failed (database or recording errors)
	Claimed     atomic.Int64 // jobs leased
	Sent        atomic.Int64 // jobs FCM accepted
	Retried     atomic.Int64 // jobs put back with a backoff
	Dead        atomic.Int64 // jobs dead-lettered (dead token, permanent error, too many attempts)
	FellBack    atomic.Int64 // notifications handed to the next channel (push → Zalo, Zalo → SMS)
}

// Collector exports the workers' counters and the queue's depth and oldest due job to
// Prometheus. The queue is read with one query from the partial index of pending jobs, at most
// once per minInterval whatever the scrape rate, so scraping cannot keep the database busy.
type Collector struct {
	stats *Stats
	pool  *pgxpool.Pool
	clock clock.Clock

	mu      sync.Mutex
	readAt  time.Time
	last    notifydb.QueueStatsRow
	lastErr error
}

// minInterval bounds how often a scrape reads the queue.
const minInterval = 5 * time.Second

// NewCollector exports stats and the queue of pool.
func NewCollector(stats *Stats, pool *pgxpool.Pool, clk clock.Clock) *Collector {
	return &Collector{stats: stats, pool: pool, clock: clk}
}

var (
	descRounds  = prometheus.NewDesc("motcua_push_worker_rounds_total", "Push worker rounds (claim queries) run by this process.", nil, nil)
	descErrors  = prometheus.NewDesc("motcua_push_worker_round_errors_total", "Push worker rounds that failed (database unreachable, outcome not recorded).", nil, nil)
	descClaimed = prometheus.NewDesc("motcua_push_jobs_claimed_total", "Push jobs leased by this process's workers.", nil, nil)
	descSent    = prometheus.NewDesc("motcua_push_jobs_sent_total", "Push jobs FCM accepted, sent by this process's workers.", nil, nil)
	descRetried = prometheus.NewDesc("motcua_push_jobs_retried_total", "Push jobs put back for a later attempt after a temporary failure.", nil, nil)
	descDead    = prometheus.NewDesc("motcua_push_jobs_dead_total", "Push jobs dead-lettered (dead token, permanent error or too many attempts).", nil, nil)
	descPending = prometheus.NewDesc("motcua_push_queue_pending", "Push jobs waiting to be sent (due now or retrying later), all nodes.", nil, nil)
	descOldest  = prometheus.NewDesc("motcua_push_queue_oldest_due_seconds", "How long the oldest due push job has been waiting (0 when none is due).", nil, nil)
	descUp      = prometheus.NewDesc("motcua_push_queue_read_ok", "1 when the last read of the push queue for these metrics succeeded.", nil, nil)
)

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descRounds, descErrors, descClaimed, descSent, descRetried, descDead, descPending, descOldest, descUp} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	s := c.stats
	for d, v := range map[*prometheus.Desc]*atomic.Int64{descRounds: &s.Rounds, descErrors: &s.RoundErrors,
		descClaimed: &s.Claimed, descSent: &s.Sent, descRetried: &s.Retried, descDead: &s.Dead} {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v.Load()))
	}
	q, err := c.queue()
	ok := 1.0
	if err != nil {
		ok = 0
	}
	ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, ok)
	if err == nil {
		ch <- prometheus.MustNewConstMetric(descPending, prometheus.GaugeValue, float64(q.Pending))
		ch <- prometheus.MustNewConstMetric(descOldest, prometheus.GaugeValue, q.OldestDueSeconds)
	}
}

// queue reads the queue's figures, or returns the last ones when they are fresh enough.
func (c *Collector) queue() (notifydb.QueueStatsRow, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	if !c.readAt.IsZero() && now.Sub(c.readAt) < minInterval && now.Sub(c.readAt) >= 0 {
		return c.last, c.lastErr
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c.last, c.lastErr = notifydb.New(c.pool).QueueStats(ctx, now)
	c.readAt = now
	return c.last, c.lastErr
}
