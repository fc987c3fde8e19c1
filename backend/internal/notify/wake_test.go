package notify

import (
	"testing"
	"time"
)

// A Signal releases every waiter once; the next wait blocks until the next Signal.
func TestWakeupIsABroadcastThatDoesNotRepeat(t *testing.T) {
	w := newWakeup()
	const waiters = 4
	chans := make([]<-chan struct{}, waiters)
	for i := range chans {
		chans[i] = w.C()
	}
	w.Signal()
	for i, c := range chans {
		select {
		case <-c:
		default:
			t.Fatalf("waiter %d was not woken", i)
		}
	}
	select {
	case <-w.C():
		t.Fatal("a wait begun after the Signal returned at once: the wake-up repeats")
	case <-time.After(50 * time.Millisecond):
	}
}
