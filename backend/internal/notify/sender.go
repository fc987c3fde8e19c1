package notify

import (
	"context"
	"time"
)

// Push is one message to one device.
type Push struct {
	Token string
	Title string
	Body  string
	Data  map[string]string
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

// Result is the outcome of one push, in the order the pushes were given.
type Result struct {
	Outcome    Outcome
	RetryAfter time.Duration // the server's Retry-After, when it gave one
	Err        error
}

// Sender delivers pushes. Implementations: FCM (the Firebase Admin SDK) and Recorder.
type Sender interface {
	Send(ctx context.Context, pushes []Push) []Result
}
