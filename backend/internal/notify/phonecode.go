package notify

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// PhoneCodeType is the notification type of a one-time code texted to prove a phone (h-otp).
// It is no push type: it never goes to an app or an inbox.
const PhoneCodeType = "account.phone_code"

// EnqueuePhoneCode queues a one-time code as an SMS to phone, in tx, and wakes the workers when
// tx commits. The proof is holding the SIM, so it goes by SMS alone, whatever the person's
// channel order (a push or Zalo reaches an app signed in elsewhere). The notification has no
// user and no ward, so no inbox shows it and no phone claim takes it; the job carries the ward
// whose SMS count it is.
func EnqueuePhoneCode(ctx context.Context, tx pgx.Tx, phone string, ward uuid.UUID, text httpx.Text, now time.Time) error {
	id := uuid.Must(uuid.NewV7())
	if _, err := tx.Exec(ctx, `INSERT INTO notifications (id, user_id, type, title_vi, title_en, body_vi, body_en, data, created_at, phone, ward_id)
		VALUES ($1, NULL, $2, 'Một Cửa Gần Dân', 'Một Cửa Gần Dân', $3, $4, '{}', $5, $6, NULL)`,
		id, PhoneCodeType, text.VI, orVI(text), now, phone); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO message_jobs (id, notification_id, channel, phone, ward_id, next_attempt_at, created_at)
		VALUES ($1, $2, 'sms', $3, $4, $5, $5)`, uuid.Must(uuid.NewV7()), id, phone, ward, now); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, "SELECT pg_notify($1, '')", Channel)
	return err
}
