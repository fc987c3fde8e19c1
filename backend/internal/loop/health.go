// Package loop holds what the server's background loops share: a health record that logs one
// line when a loop starts failing and one when it recovers (not one per failed round), and
// tells the loop how long to back off meanwhile.
package loop

import (
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"
)

// Health is the state of one background loop (possibly run by several goroutines at once).
type Health struct {
	name      string
	log       *slog.Logger
	base, max time.Duration

	mu       sync.Mutex
	failing  bool
	since    time.Time
	failures int
}

// NewHealth tracks the loop called name; while it fails, the waits grow from base to max.
func NewHealth(log *slog.Logger, name string, base, max time.Duration) *Health {
	return &Health{name: name, log: log, base: base, max: max}
}

// Fail records a failed round and returns how long to wait before the next one. Only the
// first failure of a spell is logged.
func (h *Health) Fail(err error) time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.failures++
	if !h.failing {
		h.failing, h.since = true, time.Now()
		h.log.Error("background loop failing; backing off until it recovers", "loop", h.name, "err", err)
	}
	return Backoff(h.base, h.max, h.failures)
}

// OK records a successful round; it logs once when it ends a failing spell.
func (h *Health) OK() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.failing {
		h.log.Info("background loop recovered", "loop", h.name, "failed_rounds", h.failures,
			"down_for", time.Since(h.since).Round(time.Millisecond).String())
	}
	h.failing, h.failures = false, 0
}

// Failing says whether the last round failed.
func (h *Health) Failing() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.failing
}

// Backoff is base·2^(n-1) capped at max, with jitter (a random wait in [d/2, d]) so that many
// goroutines and nodes do not retry in step.
func Backoff(base, max time.Duration, n int) time.Duration {
	d := base << min(max0(n-1), 20)
	if d <= 0 || d > max {
		d = max
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}
