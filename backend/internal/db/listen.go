package db

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Listen holds a connection LISTENing on channel until ctx ends and signals wake on every
// notification without blocking (one pending signal is enough: the receiver looks once). It
// also signals after each successful LISTEN, so work committed while the listener was
// reconnecting is not left for the next poll. It logs once when listening fails and once when
// it works again, not on every retry.
func Listen(ctx context.Context, pool *pgxpool.Pool, channel string, wake chan<- struct{}, log *slog.Logger) {
	signal := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	failing := false
	for ctx.Err() == nil {
		conn, err := pool.Acquire(ctx)
		if err == nil {
			if _, err = conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err == nil {
				if failing {
					log.Info("listener back", "channel", channel)
					failing = false
				}
				signal()
				for {
					if _, err = conn.Conn().WaitForNotification(ctx); err != nil {
						break
					}
					signal()
				}
			}
			// The connection may still be LISTENing: do not return it to the pool.
			conn.Hijack().Close(context.Background())
		}
		if ctx.Err() != nil {
			return
		}
		if !failing {
			log.Warn("listener reconnecting", "channel", channel, "err", err)
			failing = true
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
