package auth

import (
	"context"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth/authdb"
)

// accountLoader reads the accounts of callers the cache does not hold. One read is in flight at a
// time; the misses that arrive meanwhile wait and are read together by the next one, so a storm of
// first requests (a Saturday session opening for booking) costs a few reads of many rows instead
// of one read per caller, and a lone miss is read at once, as before.
type accountLoader struct {
	read func(ctx context.Context, ids []uuid.UUID) ([]authdb.AccountsByIDsRow, error)

	mu       sync.Mutex
	inFlight bool
	next     *accountBatch // the misses waiting for the read in flight to end
}

type accountBatch struct {
	ids  []uuid.UUID
	done chan struct{}
	rows map[uuid.UUID]authdb.AccountsByIDsRow
	err  error
}

// maxAccountBatch bounds one read's ids; more waiting misses are read by the reads that follow.
const maxAccountBatch = 500

// accountReadTimeout bounds a shared read: it runs apart from any one request's context, so a
// caller that gives up does not fail the others waiting on it.
const accountReadTimeout = 10 * time.Second

func newAccountLoader(q *authdb.Queries) *accountLoader {
	return &accountLoader{read: func(ctx context.Context, ids []uuid.UUID) ([]authdb.AccountsByIDsRow, error) {
		return q.AccountsByIDs(ctx, ids)
	}}
}

// load returns the account of id, pgx.ErrNoRows when there is none.
func (l *accountLoader) load(ctx context.Context, id uuid.UUID) (authdb.AccountsByIDsRow, error) {
	l.mu.Lock()
	var b *accountBatch
	if l.inFlight {
		if l.next == nil || len(l.next.ids) >= maxAccountBatch {
			if l.next != nil {
				// A full batch is read by its own goroutine; this one starts the next.
				full := l.next
				go l.run(full, false)
			}
			l.next = &accountBatch{done: make(chan struct{})}
		}
		b = l.next
		b.ids = append(b.ids, id)
		l.mu.Unlock()
	} else {
		l.inFlight = true
		l.mu.Unlock()
		b = &accountBatch{ids: []uuid.UUID{id}, done: make(chan struct{})}
		l.run(b, true)
	}
	select {
	case <-b.done:
	case <-ctx.Done():
		return authdb.AccountsByIDsRow{}, ctx.Err()
	}
	if b.err != nil {
		return authdb.AccountsByIDsRow{}, b.err
	}
	row, ok := b.rows[id]
	if !ok {
		return row, pgx.ErrNoRows
	}
	return row, nil
}

// run reads a batch; the read that holds the in-flight turn (chain) then starts the batch that
// gathered meanwhile, in another goroutine, so no caller waits for reads that are not its own.
func (l *accountLoader) run(b *accountBatch, chain bool) {
	ctx, cancel := context.WithTimeout(context.Background(), accountReadTimeout)
	rows, err := l.read(ctx, b.ids)
	cancel()
	b.rows, b.err = make(map[uuid.UUID]authdb.AccountsByIDsRow, len(rows)), err
	for _, r := range rows {
		b.rows[r.ID] = r
	}
	close(b.done)
	if !chain {
		return
	}
	l.mu.Lock()
	next := l.next
	l.next = nil
	if next == nil {
		l.inFlight = false
	}
	l.mu.Unlock()
	if next != nil {
		go l.run(next, true)
	}
}
