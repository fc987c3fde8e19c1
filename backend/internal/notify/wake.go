package notify

import "sync"

// wakeup is a broadcast: Signal releases every goroutine waiting on a channel taken from C
// before it, once. (A one-slot channel releases only one waiter, and a waiter that puts the
// token back for the others makes it circulate for ever: every idle round would claim again
// at once, thousands of times a second.)
type wakeup struct {
	mu sync.Mutex
	ch chan struct{}
}

func newWakeup() *wakeup { return &wakeup{ch: make(chan struct{})} }

// C is closed by the next Signal.
func (w *wakeup) C() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.ch
}

// Signal wakes everyone waiting now; later waiters wait for the next Signal.
func (w *wakeup) Signal() {
	w.mu.Lock()
	defer w.mu.Unlock()
	close(w.ch)
	w.ch = make(chan struct{})
}
