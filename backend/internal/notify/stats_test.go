package notify_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/motcuagandan/motcua/backend/internal/notify"
)

func TestMetricsCountRoundsAndOutcomesAndReadTheQueue(t *testing.T) {
	const tokC = "token-cccccccccccccccccccccccc"
	p := newPushWorld(t, tokA, tokB, tokC)
	p.fake.Unregister(tokB)                            // → dead
	p.fake.FailToken(tokC, http.StatusTooManyRequests) // → retried (the SDK itself retries 503s)
	reg := prometheus.NewRegistry()
	reg.MustRegister(notify.NewCollector(p.worker.Stats(), p.e.Pool, p.e.Clock))

	p.enqueue(t)
	if n := drain(t, p.worker); n != 3 {
		t.Fatalf("claimed %d", n)
	}
	want := map[string]float64{
		"motcua_push_worker_rounds_total":       1,
		"motcua_push_worker_round_errors_total": 0,
		"motcua_push_jobs_claimed_total":        3,
		"motcua_push_jobs_sent_total":           1,
		"motcua_push_jobs_dead_total":           1,
		"motcua_push_jobs_retried_total":        1,
		"motcua_push_queue_pending":             1, // tokC, waiting for its retry
		"motcua_push_queue_oldest_due_seconds":  0, // …which is not due yet
		"motcua_push_queue_read_ok":             1,
	}
	check := func() {
		t.Helper()
		for name, v := range want {
			if got := gauge(t, reg, name); got != v {
				t.Errorf("%s = %v, want %v", name, got, v)
			}
		}
	}
	check()

	// Nobody drains for a while: the retry comes due and ages.
	p.e.Clock.Advance(time.Hour)
	got := gauge(t, reg, "motcua_push_queue_oldest_due_seconds")
	if got < 50*60 || got > 3600 {
		t.Errorf("oldest due job's age = %vs, want about an hour minus its backoff", got)
	}
	drain(t, p.worker)
	want["motcua_push_worker_rounds_total"] = 2
	want["motcua_push_jobs_claimed_total"] = 4
	want["motcua_push_jobs_sent_total"] = 2
	want["motcua_push_queue_pending"] = 0
	p.e.Clock.Advance(time.Minute) // the queue is read again at most every few seconds
	check()
}

func gauge(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			m := mf.GetMetric()[0]
			if m.Counter != nil {
				return m.Counter.GetValue()
			}
			return m.Gauge.GetValue()
		}
	}
	t.Fatalf("%s not exported", name)
	return 0
}
