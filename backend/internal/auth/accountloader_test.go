package auth

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth/authdb"
	"github.com/motcuagandan/motcua/backend/internal/testkit/race"
)

// Misses that arrive while a read is in flight are read together afterwards, each caller gets
// its own row (or pgx.ErrNoRows), and no read serves more than maxAccountBatch ids.
func TestAccountLoaderReadsConcurrentMissesTogether(t *testing.T) {
	var reads, inFlight, most atomic.Int32
	known := map[uuid.UUID]bool{}
	ids := make([]uuid.UUID, 1200)
	for i := range ids {
		ids[i] = uuid.New()
		known[ids[i]] = i%10 != 0 // every tenth caller has no account
	}
	l := &accountLoader{read: func(_ context.Context, batch []uuid.UUID) ([]authdb.AccountsByIDsRow, error) {
		reads.Add(1)
		if n := inFlight.Add(1); n > most.Load() {
			most.Store(n)
		}
		defer inFlight.Add(-1)
		if len(batch) > maxAccountBatch {
			t.Errorf("a read of %d ids", len(batch))
		}
		time.Sleep(2 * time.Millisecond)
		var rows []authdb.AccountsByIDsRow
		for _, id := range batch {
			if known[id] {
				rows = append(rows, authdb.AccountsByIDsRow{ID: id, Role: "citizen", Active: true})
			}
		}
		return rows, nil
	}}
	race.Run(len(ids), func(i int) {
		id := ids[i]
		row, err := l.load(context.Background(), id)
		switch {
		case !known[id] && !errors.Is(err, pgx.ErrNoRows):
			t.Errorf("unknown %s: %v", id, err)
		case known[id] && (err != nil || row.ID != id):
			t.Errorf("%s: got %s, %v", id, row.ID, err)
		}
	})
	if n := reads.Load(); n >= int32(len(ids))/2 {
		t.Errorf("%d reads for %d concurrent misses: they were not read together", n, len(ids))
	}
	t.Logf("%d reads for %d misses, at most %d at once", reads.Load(), len(ids), most.Load())

	// Idle again: a lone miss is read at once, by itself.
	before := reads.Load()
	if _, err := l.load(context.Background(), ids[1]); err != nil {
		t.Fatal(err)
	}
	if reads.Load() != before+1 {
		t.Fatal("a lone miss was not read at once")
	}
}

// A failed read fails every caller waiting on it, and the loader keeps working afterwards; a
// caller that gives up returns at once without failing the others.
func TestAccountLoaderErrorsAndGivingUp(t *testing.T) {
	fail := errors.New("database down")
	var calls atomic.Int32
	release := make(chan struct{})
	l := &accountLoader{read: func(ctx context.Context, batch []uuid.UUID) ([]authdb.AccountsByIDsRow, error) {
		if calls.Add(1) == 1 {
			<-release
			return nil, fail
		}
		rows := make([]authdb.AccountsByIDsRow, len(batch))
		for i, id := range batch {
			rows[i] = authdb.AccountsByIDsRow{ID: id}
		}
		return rows, nil
	}}
	first := make(chan error)
	go func() { _, err := l.load(context.Background(), uuid.New()); first <- err }()
	for calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithCancel(context.Background())
	gaveUp := make(chan error)
	go func() { _, err := l.load(ctx, uuid.New()); gaveUp <- err }()
	waiter := make(chan error)
	go func() { _, err := l.load(context.Background(), uuid.New()); waiter <- err }()
	cancel()
	if err := <-gaveUp; !errors.Is(err, context.Canceled) {
		t.Fatalf("the caller who gave up: %v", err)
	}
	close(release)
	if err := <-first; !errors.Is(err, fail) {
		t.Fatalf("first: %v", err)
	}
	if err := <-waiter; err != nil {
		t.Fatalf("the waiter's own read: %v", err)
	}
	if _, err := l.load(context.Background(), uuid.New()); err != nil {
		t.Fatalf("after the failure: %v", err)
	}
}
