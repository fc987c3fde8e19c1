package notify

import (
	"context"
	"log/slog"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// PhoneMessage is one Zalo or SMS message to one phone number.
type PhoneMessage struct {
	// TrackingID is the job's id: the provider's deduplication key (a resend after a crash is
	// not a second message) and the key of its delivery reports.
	TrackingID string
	Phone      string // E.164
	Type       string // the notification type: picks the ZNS template
	Text       string // the Vietnamese title and body: the SMS text
	Params     map[string]string
}

// PhoneResult is what became of a phone message.
type PhoneResult struct {
	Outcome    Outcome // Sent, Retry or Fail (Fail moves on to the next channel when there is one)
	ProviderID string  // the provider's message id, when it gave one
	Segments   int     // parts billed (SMS); 1 for ZNS
	RetryAfter time.Duration
	Err        error
}

// PhoneSender delivers phone messages through one channel: ZNS, an SMS gateway, or a recorder.
type PhoneSender interface {
	SendPhone(ctx context.Context, m PhoneMessage) PhoneResult
}

// PhoneRecorder is the development sender of a channel: it logs each message (phone masked) and
// reports it sent, like PUSH_DRIVER=record.
type PhoneRecorder struct {
	Channel string
	Log     *slog.Logger
}

// SendPhone logs the message.
func (r PhoneRecorder) SendPhone(ctx context.Context, m PhoneMessage) PhoneResult {
	segments := 1
	if r.Channel == ChannelSMS {
		segments = Segments(m.Text)
	}
	r.Log.InfoContext(ctx, r.Channel+" recorded", "phone", MaskPhone(m.Phone), "type", m.Type, "tracking_id", m.TrackingID,
		"segments", segments)
	return PhoneResult{Outcome: Sent, ProviderID: "recorded-" + m.TrackingID, Segments: segments}
}

// WardMonthCounts is what a ward sent by Zalo and SMS in the Vietnamese calendar month of at:
// messages, SMS parts (what is billed) and the delivery reports received, per channel.
func WardMonthCounts(ctx context.Context, db notifydb.DBTX, ward uuid.UUID, at time.Time) ([]notifydb.WardMessageCountsRow, error) {
	l := at.In(calendar.Location)
	from := time.Date(l.Year(), l.Month(), 1, 0, 0, 0, 0, calendar.Location)
	return notifydb.New(db).WardMessageCounts(ctx, notifydb.WardMessageCountsParams{WardID: uuid.NullUUID{UUID: ward, Valid: true},
		From: from, To: from.AddDate(0, 1, 0)})
}
