package notify

import (
	"context"
	"time"
)

// Push is one message to one device.
type Push struct {
	Token    string
	Title    string
	Body     string
	Data     map[string]string
	Platform string     // the device's: android, ios or web (PlatformWeb gets a webpush section)
	Both     *Bilingual // web only: both languages, for the service worker to pick the reader's
}

// Outcome is what became of a push.
type Outcome int

// Outcomes.
const (
	Sent      Outcome = iota // delivered to FCM
	Retry                    // temporary failure: try again later
	DropToken                // the token is dead: forget the device
	Fail                     // permanent failure of this message: dead-letter it
)

// Result is the outcome of one push.
type Result struct {
	Outcome    Outcome
	RetryAfter time.Duration // the server's Retry-After, when it gave one
	Err        error
}

// Sender delivers pushes. Implementations: FCM (the Firebase Admin SDK) and Recorder.
//
// Send reports the outcome of pushes[i] as done(i, result) as soon as its answer comes back
// (possibly from several goroutines at once, in any order), so the worker can record it before
// the rest of the batch is answered; it returns once every push has been reported.
type Sender interface {
	Send(ctx context.Context, pushes []Push, done func(i int, r Result))
}
