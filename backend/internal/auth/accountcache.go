package auth

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth/authdb"
	"github.com/motcuagandan/motcua/backend/internal/loop"
)

// UsersChannel is where the database announces a changed account: a trigger on users (migration
// 00020) sends the user's id on every UPDATE or DELETE, and an empty payload when a ward changes.
const UsersChannel = "motcua_users"

// maxCachedAccounts bounds the account cache (a row is ~200 bytes); past it the cache starts over.
const maxCachedAccounts = 100_000

// accountCache keeps the callers' accounts between requests, so a request costs no database read
// to learn who is calling. It is served only while its listener is LISTENing on UsersChannel:
// every change to a user drops that user's entry the moment the notification arrives, and a lost
// connection empties the cache and turns it off until LISTEN works again (so a deactivation or a
// role change is never missed: without the listener every request reads the row, as before).
type accountCache struct {
	mu    sync.RWMutex
	live  bool
	gen   uint64 // bumped by every invalidation: a row read before one is not stored after it
	rows  map[uuid.UUID]authdb.AccountsByIDsRow
	ready chan struct{} // closed the first time the listener is LISTENing
	once  sync.Once
}

func newAccountCache() *accountCache {
	return &accountCache{rows: map[uuid.UUID]authdb.AccountsByIDsRow{}, ready: make(chan struct{})}
}

// get returns the cached row and the generation a miss must hand to put.
func (c *accountCache) get(id uuid.UUID) (authdb.AccountsByIDsRow, uint64, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if !c.live {
		return authdb.AccountsByIDsRow{}, c.gen, false
	}
	r, ok := c.rows[id]
	return r, c.gen, ok
}

// put stores a row read from the database, unless anything was invalidated since get.
func (c *accountCache) put(r authdb.AccountsByIDsRow, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.live || c.gen != gen {
		return
	}
	if len(c.rows) >= maxCachedAccounts {
		clear(c.rows)
	}
	c.rows[r.ID] = r
}

// forget drops one account.
func (c *accountCache) forget(id uuid.UUID) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	delete(c.rows, id)
}

// reset empties the cache and says whether it may be served.
func (c *accountCache) reset(live bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.rows)
	c.live = live
}

// Forget drops a user's cached account at once in this process (the accounts feature calls it
// after committing a change; other processes learn of it through UsersChannel).
func (s *Service) Forget(id uuid.UUID) { s.cache.forget(id) }

// WatchAccounts turns the account cache on and keeps it true until ctx ends: it LISTENs on
// UsersChannel and drops each changed account as its notification arrives. While the connection
// is down the cache is off (every request reads its account). Run it once per process
// (`motcua serve` does); without it the cache stays off.
func (s *Service) WatchAccounts(ctx context.Context, log *slog.Logger) {
	health := loop.NewHealth(log, "account cache listener", time.Second, 10*time.Second)
	for ctx.Err() == nil {
		err := s.watchOnce(ctx, health)
		s.cache.reset(false)
		if ctx.Err() != nil {
			return
		}
		loop.Sleep(ctx, health.Fail(err))
	}
}

// AccountCacheReady is closed once the account cache has been served for the first time (tests
// wait for it before they measure what it does).
func (s *Service) AccountCacheReady() <-chan struct{} { return s.cache.ready }

func (s *Service) watchOnce(ctx context.Context, health *loop.Health) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// The connection may still be LISTENing when this returns: do not give it back to the pool.
	defer func() { conn.Hijack().Close(context.Background()) }()
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{UsersChannel}.Sanitize()); err != nil {
		return err
	}
	// Whatever changed while nobody listened is not in the cache: it starts empty.
	s.cache.reset(true)
	s.cache.once.Do(func() { close(s.cache.ready) })
	health.OK()
	for {
		n, err := conn.Conn().WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if id, err := uuid.Parse(n.Payload); err == nil {
			s.cache.forget(id)
		} else {
			s.cache.reset(true) // a ward changed (its code is part of every cached account)
		}
	}
}
