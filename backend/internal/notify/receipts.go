package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
	"github.com/motcuagandan/motcua/backend/internal/signature"
)

// Delivery reports of the phone channels (issue 16), signed with the carriers' scheme (package
// signature): "sha256=" + lower-case hex HMAC-SHA256 of "<timestamp>.<raw body>".
var (
	errUnsigned       = errors.New("missing or bad signature")
	errStaleReport    = errors.New("timestamp outside the allowed window")
	errMalformed      = errors.New("malformed delivery report")
	errUnknownMessage = errors.New("no message has this id")
)

// SignReceipt is the X-Signature a provider puts on a delivery report.
func SignReceipt(secret []byte, timestamp string, body []byte) string {
	return signature.Sign(secret, timestamp, body)
}

// verifyReceipt accepts only the exact lower-case signature (unlike the carriers' webhook).
func verifyReceipt(secret []byte, timestamp, sig string, body []byte, now time.Time) error {
	switch err := signature.Verify(secret, timestamp, sig, body, now, signature.Options{}); {
	case errors.Is(err, signature.ErrStale):
		return errStaleReport
	case err != nil:
		return errUnsigned
	}
	return nil
}

// Receipt is a provider's delivery report.
type Receipt struct {
	EventID    string    `json:"event_id"`
	TrackingID string    `json:"tracking_id"`
	MessageID  string    `json:"message_id"`
	Status     string    `json:"status"`
	OccurredAt time.Time `json:"occurred_at"`
}

func parseReceipt(body []byte) (Receipt, error) {
	var r Receipt
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil || dec.More() {
		return Receipt{}, errMalformed
	}
	if r.EventID == "" || len(r.EventID) > 100 || (r.TrackingID == "" && r.MessageID == "") || len(r.TrackingID) > 100 ||
		len(r.MessageID) > 100 || (r.Status != "delivered" && r.Status != "failed") || r.OccurredAt.IsZero() {
		return Receipt{}, errMalformed
	}
	return r, nil
}

// ApplyReceipt authenticates and applies one delivery report: the signature first, then the
// body; the same event id is applied once; a report older than the one applied changes nothing.
func (h Handlers) ApplyReceipt(ctx context.Context, provider, timestamp, sig string, body []byte) (string, error) {
	secret, ok := h.secrets[provider]
	if !ok {
		return "", errUnsigned
	}
	if err := verifyReceipt(secret, timestamp, sig, body, h.clock.Now()); err != nil {
		return "", err
	}
	r, err := parseReceipt(body)
	if err != nil {
		return "", err
	}
	return applyReport(ctx, h.pool, provider, report{EventID: r.EventID, TrackingID: r.TrackingID, MessageID: r.MessageID,
		Status: r.Status, At: r.OccurredAt}, h.clock.Now())
}

// report is a delivery report, whoever's format it came in.
type report struct {
	EventID, TrackingID, MessageID, Status string
	At                                     time.Time
}

// applyReport applies one authenticated report to the message of channel it names: the same
// event id once ("duplicate"), a report older than the one applied changes nothing ("stale").
func applyReport(ctx context.Context, pool *pgxpool.Pool, channel string, r report, now time.Time) (string, error) {
	var result string
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		q := notifydb.New(tx)
		// Our tracking ids are the jobs' UUIDs: anything else cannot be ours.
		tracking, perr := uuid.Parse(r.TrackingID)
		id, err := q.MessageJobForReceipt(ctx, notifydb.MessageJobForReceiptParams{Channel: channel,
			TrackingID: uuid.NullUUID{UUID: tracking, Valid: perr == nil}, MessageID: nonEmpty(r.MessageID)})
		if errors.Is(err, pgx.ErrNoRows) {
			return errUnknownMessage
		}
		if err != nil {
			return err
		}
		n, err := q.RecordReceipt(ctx, notifydb.RecordReceiptParams{Provider: channel, EventID: r.EventID,
			JobID: uuid.NullUUID{UUID: id, Valid: true}, ReceivedAt: now})
		if err != nil {
			return err
		}
		if n == 0 {
			result = "duplicate"
			return nil
		}
		n, err = q.ApplyDelivery(ctx, notifydb.ApplyDeliveryParams{ID: id, Delivery: r.Status, At: r.At})
		result = "applied"
		if n == 0 {
			result = "stale"
		}
		return err
	})
	return result, err
}

// MessageReceipt implements POST /v1/webhooks/messages (the raw body is kept by the gate:
// x-raw-body).
func (h Handlers) MessageReceipt(ctx context.Context, r api.MessageReceiptRequestObject) (api.MessageReceiptResponseObject, error) {
	res, err := h.ApplyReceipt(ctx, deref(r.Params.XProvider), deref(r.Params.XTimestamp), deref(r.Params.XSignature), httpx.RawBody(ctx))
	switch {
	case errors.Is(err, errStaleReport):
		return nil, unsigned("stale_timestamp")
	case errors.Is(err, errUnsigned):
		return nil, unsigned("invalid_signature")
	case errors.Is(err, errMalformed):
		return nil, httpx.NewError(http.StatusBadRequest, "malformed_json")
	case errors.Is(err, errUnknownMessage):
		return nil, httpx.NewError(http.StatusNotFound, "unknown_message")
	case err != nil:
		return nil, err
	}
	return api.MessageReceipt200JSONResponse{Result: api.MessageReceiptResultResult(res)}, nil
}

// unsigned is a report refused for its signature; the challenge names the providers' HMAC scheme.
func unsigned(code string) *httpx.Error { return signature.Refusal(code, "motcua-messages") }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
