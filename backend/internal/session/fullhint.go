package session

import (
	"sync"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/session/sessiondb"
)

// fullFor is how long this process answers "full" for a slot without asking the database. It
// bounds how late a seat freed through another node is offered here; a change made through
// this process (a cancellation, a capacity raised, a session closed) forgets the hints at once.
const fullFor = 250 * time.Millisecond

// seatTries is how many requests per slot this process lets try for a seat at once: their reads
// and booking inserts overlap, and they queue in the database only on the slot's counter, for
// its UPDATE and the commit after it.
const seatTries = 4

// fullHints remembers, for a short while, the booking target of slots found full, so a storm of
// late requests is refused without a database read. A hint only ever refuses: a seat is granted
// by TakeSeat alone, and the CHECK on the counter bounds it whatever a hint says.
type fullHints struct {
	// turns lets a few requests per slot (per stripe) of this process at a time read the slot
	// and try for a seat: the others wait here, holding no database connection, instead of each
	// reading it and queueing on the slot's row lock, and most of them then find it known full.
	turns [64]chan struct{}
	mu    sync.Mutex
	gen   uint64 // bumped by every forget: a read begun before it may not store its answer
	slots map[slotKey]fullHint
}

type slotKey struct {
	session [16]byte
	startNs int64 // the instant, whatever zone it came in
}

type fullHint struct {
	row sessiondb.BookingTargetRow
	at  time.Time // monotonic; the service's clock may be a test's fake
}

func newFullHints() *fullHints {
	h := &fullHints{slots: map[slotKey]fullHint{}}
	for i := range h.turns {
		h.turns[i] = make(chan struct{}, seatTries)
	}
	return h
}

// generation is taken before reading the slot, and handed to remember with what was read.
func (h *fullHints) generation() uint64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.gen
}

// full returns the remembered target of a full slot, if it is recent.
func (h *fullHints) full(p sessiondb.BookingTargetParams) (sessiondb.BookingTargetRow, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e, ok := h.slots[key(p)]
	if !ok || time.Since(e.at) > fullFor {
		return sessiondb.BookingTargetRow{}, false
	}
	return e.row, true
}

// remember stores that a slot was full when read at generation gen, unless something was
// forgotten since (a cancellation that committed meanwhile would be hidden by it).
func (h *fullHints) remember(p sessiondb.BookingTargetParams, row sessiondb.BookingTargetRow, gen uint64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if gen != h.gen {
		return
	}
	if len(h.slots) > 10_000 { // slots are few at a time; a bound rather than an eviction policy
		clear(h.slots)
	}
	row.Full = true
	h.slots[key(p)] = fullHint{row: row, at: time.Now()}
}

// forget drops every hint; called after a change that may free a seat has committed.
func (h *fullHints) forget() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	clear(h.slots)
}

func key(p sessiondb.BookingTargetParams) slotKey {
	return slotKey{session: p.SessionID, startNs: p.StartsAt.UnixNano()}
}

// turn waits for this process's turn to try for a seat in the slot, and returns its end.
func (h *fullHints) turn(p sessiondb.BookingTargetParams) (done func()) {
	k := key(p)
	n := uint64(k.startNs)
	for _, b := range k.session {
		n = n*31 + uint64(b)
	}
	t := h.turns[n%uint64(len(h.turns))]
	t <- struct{}{}
	return func() { <-t }
}
