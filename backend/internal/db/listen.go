package db

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/loop"
)

// Listen holds a connection LISTENing on channel until ctx ends and calls signal on every
// notification (signal must not block). It also calls signal after each successful LISTEN, so
// work committed while nobody was listening is not left for the next poll. A lost connection is
// reconnected with health's backoff; health logs one line when listening starts failing and one
// when it works again, not one per retry.
func Listen(ctx context.Context, pool *pgxpool.Pool, channel string, signal func(), health *loop.Health) {
	for ctx.Err() == nil {
		err := listenOnce(ctx, pool, channel, signal, health)
		if ctx.Err() != nil {
			return
		}
		loop.Sleep(ctx, health.Fail(err))
	}
}

func listenOnce(ctx context.Context, pool *pgxpool.Pool, channel string, signal func(), health *loop.Health) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// The connection may still be LISTENing when this returns: do not give it back to the pool.
	defer func() { conn.Hijack().Close(context.Background()) }()
	if _, err = conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	health.OK()
	signal()
	for {
		if _, err := conn.Conn().WaitForNotification(ctx); err != nil {
			return err
		}
		signal()
	}
}

// Nudge is a signal for Listen that leaves one wake-up pending in ch (a channel of capacity 1)
// without blocking: the receiver looks once, however many notifications came meanwhile.
func Nudge(ch chan<- struct{}) func() {
	return func() {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}
