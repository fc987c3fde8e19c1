package loop

import (
	"context"
	"time"
)

// Every runs fn now and then every d until ctx ends. A failed round is retried sooner (backing
// off from one second up to d) and logged through h once per failing spell.
func Every(ctx context.Context, d time.Duration, h *Health, fn func(context.Context) error) {
	for ctx.Err() == nil {
		wait := d
		if err := fn(ctx); err != nil && ctx.Err() == nil {
			wait = min(h.Fail(err), d)
		} else if err == nil {
			h.OK()
		}
		Sleep(ctx, wait)
	}
}

// Sleep waits d or until ctx ends.
func Sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
