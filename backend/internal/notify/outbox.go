// Package notify tells people things: the in-app inbox, the phones' FCM tokens, and the push
// outbox. A change that must notify calls Enqueue inside its own transaction, so the inbox row
// and the push jobs exist exactly when the change does; workers send the jobs afterwards.
package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// Channel is the PostgreSQL NOTIFY channel that wakes workers when jobs are committed.
const Channel = "push_jobs"

// Message is one notification for one person: an account (UserID), or just a phone number
// (Phone, E.164: a dossier recorded for someone without an account). A message to a phone alone
// has no inbox to show it; it is sent by Zalo (and SMS when it matters).
type Message struct {
	UserID uuid.UUID
	Phone  string    // E.164; empty: the account's phone
	WardID uuid.UUID // whose Zalo/SMS count it is; zero: the account's ward
	Type   string    // one of push.Types, e.g. string(push.DossierResultReady)
	Title  httpx.Text
	Body   httpx.Text
	Data   map[string]string // ids and the deep link; see Payload
}

// maxPayload keeps the push under FCM's 4 KB limit with room for FCM's own envelope.
const maxPayload = 3500

// Enqueue writes the inbox row and one push job per device of the user in tx — or, for a type
// that reaches people by phone, the first job of the person's channel chain (Chain: their
// preference, their devices; a Zalo/SMS job held out of quiet hours, and after a push a Zalo job
// due if the push goes unconfirmed) — and wakes the workers when tx commits. It returns the
// notification id (also sent in every push's data so the app can drop a duplicate delivery).
func Enqueue(ctx context.Context, tx pgx.Tx, m Message, now timeNow) (uuid.UUID, error) {
	ids, err := EnqueueMany(ctx, tx, []Message{m}, now)
	if err != nil {
		return uuid.Nil, err
	}
	return ids[0], nil
}

// EnqueueMany is Enqueue for many messages (an announcement to a neighbourhood), in a few
// round trips whatever their number.
func EnqueueMany(ctx context.Context, tx pgx.Tx, msgs []Message, now timeNow) ([]uuid.UUID, error) {
	at := now()
	ids := make([]uuid.UUID, len(msgs))
	rows := make([]notifydb.InsertNotificationParams, len(msgs))
	jobs := make([]notifydb.InsertPushJobsParams, 0, len(msgs))
	var routed []uuid.UUID // what may go by Zalo/SMS: its person's chain decides (route.go)
	for i, m := range msgs {
		if m.UserID == uuid.Nil && m.Phone == "" {
			return nil, fmt.Errorf("notification %s has no addressee", m.Type)
		}
		// Every type is part of the push contract the apps route on (mobile-bridge/push);
		// TestEveryEmittedTypeIsInThePushContract finds a feature's stray type before this does.
		if _, ok := push.Types[push.Type(m.Type)]; !ok {
			return nil, fmt.Errorf("notification type %q is not in the push contract (mobile-bridge/push.Types)", m.Type)
		}
		ids[i] = uuid.Must(uuid.NewV7())
		data := map[string]string{}
		for k, v := range m.Data {
			data[k] = v
		}
		data[push.KeyNotificationID] = ids[i].String()
		data[push.KeyType] = m.Type
		if ReachesByPhone(m.Type) {
			data[push.KeyReceipt] = newReceiptKey()
		}
		raw, err := json.Marshal(data)
		if err != nil {
			return nil, err
		}
		if size := len(raw) + max(len(m.Title.VI)+len(m.Body.VI), len(m.Title.EN)+len(m.Body.EN)); size > maxPayload {
			return nil, fmt.Errorf("notification %s is %d bytes, over the push limit", m.Type, size)
		}
		user := uuid.NullUUID{UUID: m.UserID, Valid: m.UserID != uuid.Nil}
		rows[i] = notifydb.InsertNotificationParams{ID: ids[i], UserID: user, Type: m.Type, TitleVi: m.Title.VI,
			TitleEn: orVI(m.Title), BodyVi: m.Body.VI, BodyEn: orVI(m.Body), Data: raw, CreatedAt: at,
			Phone: nonEmpty(m.Phone), WardID: uuid.NullUUID{UUID: m.WardID, Valid: m.WardID != uuid.Nil}}
		if ReachesByPhone(m.Type) {
			routed = append(routed, ids[i])
		} else {
			jobs = append(jobs, notifydb.InsertPushJobsParams{NotificationID: ids[i], Now: at, UserID: user})
		}
	}
	q := notifydb.New(tx)
	var errs []error
	q.InsertNotification(ctx, rows).Exec(func(_ int, err error) { errs = append(errs, err) })
	if len(jobs) > 0 {
		q.InsertPushJobs(ctx, jobs).Exec(func(_ int, err error) { errs = append(errs, err) })
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(routed) > 0 {
		if err := routeNew(ctx, q, routed, at); err != nil {
			return nil, err
		}
	}
	if _, err := tx.Exec(ctx, "SELECT pg_notify($1, '')", Channel); err != nil {
		return nil, err
	}
	return ids, nil
}

func orVI(t httpx.Text) string {
	if t.EN != "" {
		return t.EN
	}
	return t.VI
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
