package loop

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/testkit/loglines"
)

func TestHealthLogsStateChangesOnly(t *testing.T) {
	var out loglines.Buffer
	h := NewHealth(slog.New(slog.NewTextHandler(&out, nil)), "booking reminders", time.Second, time.Minute)
	h.OK() // healthy from the start: nothing to say
	for i := 0; i < 1000; i++ {
		h.Fail(errors.New("dial tcp 127.0.0.1:5432: connect: connection refused"))
	}
	h.OK()
	h.OK()
	h.Fail(errors.New("again"))
	h.OK()
	got := out.Lines()
	if len(got) != 4 || !strings.Contains(got[0], "failing") || !strings.Contains(got[1], "recovered") ||
		!strings.Contains(got[1], "failed_rounds=1000") || !strings.Contains(got[2], "failing") {
		t.Fatalf("logged %d lines:\n%s", len(got), strings.Join(got, "\n"))
	}
}

func TestBackoffGrowsToItsCap(t *testing.T) {
	for n := 1; n < 40; n++ {
		d := Backoff(time.Second, time.Minute, n)
		want := min(time.Second<<min(n-1, 20), time.Minute)
		if d < want/2 || d > want {
			t.Fatalf("attempt %d: %s, want within [%s, %s]", n, d, want/2, want)
		}
	}
}

// A periodic job that fails is retried sooner than its period and logged once; when it works
// again it goes back to its period.
func TestEveryRetriesAFailingJobAndLogsOnce(t *testing.T) {
	var out loglines.Buffer
	h := NewHealth(slog.New(slog.NewTextHandler(&out, nil)), "pickup escalation", 10*time.Millisecond, time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	calls := 0
	done := make(chan struct{})
	go func() {
		defer close(done)
		Every(ctx, time.Hour, h, func(context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if calls <= 3 {
				return errors.New("database down")
			}
			return nil
		})
	}()
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		c := calls
		mu.Unlock()
		if c >= 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a failing job with a one-hour period was called %d times: no retry", c)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if got := out.Lines(); len(got) != 2 || !strings.Contains(got[0], "failing") || !strings.Contains(got[1], "recovered") {
		t.Fatalf("logged:\n%s", strings.Join(got, "\n"))
	}
	if calls != 4 {
		t.Fatalf("called %d times; after recovering it should wait its period", calls)
	}
}
