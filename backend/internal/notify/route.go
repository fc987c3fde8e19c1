package notify

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// Routing (DESIGN §10): a notification goes down its person's Chain one channel at a time. The
// first channel starts when it is queued; the next when the one before failed for good, or,
// after a push, when the push was not confirmed within PushConfirmTimeout: that job is written
// with the push, due then, and an acknowledgement before a worker claims it cancels it.
// Everything is rows in the outbox, so a restart forgets nothing.

// States of a channel for one notification, as RouteFacts reports them.
const (
	stateNone    = ""        // not tried
	stateWaiting = "waiting" // a phone job scheduled after a push, never claimed
	stateLive    = "live"    // being sent, or sent
	stateFailed  = "failed"  // failed for good, or cancelled
)

// newReceiptKey is the proof a push carries (push.KeyReceipt) for its acknowledgement: a random
// value only the person's devices and inbox see.
func newReceiptKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func chainOf(f notifydb.RouteFactsRow) []string {
	return Chain(prefsOf(f), f.Type, f.HasDevice, f.Phone != "")
}

func prefsOf(f notifydb.RouteFactsRow) Prefs {
	return Prefs{Order: f.ChannelOrder, NoZNS: f.ZnsOptOut, NoSMS: f.SmsOptOut}
}

func stateOf(f notifydb.RouteFactsRow, channel string) string {
	switch channel {
	case ChannelPush:
		return f.PushState
	case ChannelZNS:
		return f.ZnsState
	default:
		return f.SmsState
	}
}

// routeNew starts each new notification on the first channel of its chain that takes it.
func routeNew(ctx context.Context, q *notifydb.Queries, ids []uuid.UUID, now time.Time) error {
	facts, err := q.RouteFacts(ctx, ids)
	if err != nil {
		return err
	}
	for _, f := range facts {
		chain := chainOf(f)
		for i := range chain {
			ok, err := start(ctx, q, f, chain, i, now)
			if err != nil || ok {
				if err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

// start begins chain[i] and reports whether a job was written. A push also schedules the next
// phone channel not yet tried, due when the push should have been confirmed.
func start(ctx context.Context, q *notifydb.Queries, f notifydb.RouteFactsRow, chain []string, i int, now time.Time) (bool, error) {
	if chain[i] != ChannelPush {
		n, err := q.StartPhone(ctx, notifydb.StartPhoneParams{Channel: chain[i], NotificationID: f.ID, NotBefore: NotBefore(now), Now: now})
		return n > 0, err
	}
	n, err := q.StartPush(ctx, notifydb.StartPushParams{NotificationID: f.ID, Now: now})
	if err != nil || n == 0 {
		return false, err
	}
	for _, next := range chain[i+1:] {
		if stateOf(f, next) == stateNone {
			_, err := q.StartPhone(ctx, notifydb.StartPhoneParams{Channel: next, NotificationID: f.ID,
				NotBefore: NotBefore(now.Add(PushConfirmTimeout())), Now: now})
			return true, err
		}
	}
	return true, nil
}

// fallBack moves a notification on after its failed channel (a push dead on every device, a
// Zalo message or SMS failed for good or refused by an opt-out): the next channel of the
// person's chain, as it is now, that was not tried. A job waiting for a push's confirmation is
// brought forward. Nothing when another device's push is still pending or was sent, or a later
// channel is already being sent. It reports whether a channel was started.
func fallBack(ctx context.Context, q *notifydb.Queries, id uuid.UUID, failed string, now time.Time) (bool, error) {
	facts, err := q.RouteFacts(ctx, []uuid.UUID{id})
	if err != nil || len(facts) == 0 {
		return false, err
	}
	f := facts[0]
	if failed == ChannelPush && f.PushState == stateLive {
		return false, nil
	}
	order := prefsOf(f).Order
	if len(order) != len(DefaultOrder) {
		order = DefaultOrder
	}
	after := slices.Index(order, failed)
	chain := chainOf(f)
	for i, c := range chain {
		if slices.Index(order, c) <= after {
			continue
		}
		switch stateOf(f, c) {
		case stateFailed:
			continue
		case stateLive:
			return false, nil
		}
		ok, err := start(ctx, q, f, chain, i, now)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}
