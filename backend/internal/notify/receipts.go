package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// Delivery reports of the phone channels (issue 16), signed like the carriers' webhooks
// (postal/signature.go): "sha256=" + hex HMAC-SHA256 of "<timestamp>.<raw body>".
var (
	errUnsigned       = errors.New("missing or bad signature")
	errStaleReport    = errors.New("timestamp outside the allowed window")
	errMalformed      = errors.New("malformed delivery report")
	errUnknownMessage = errors.New("no message has this id")
)

// receiptSkew is how far a report's timestamp may be from the server's clock: older ones are
// refused as replays.
const receiptSkew = 5 * time.Minute

// SignReceipt is the X-Signature a provider puts on a delivery report.
func SignReceipt(secret []byte, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func verifyReceipt(secret []byte, timestamp, signature string, body []byte, now time.Time) error {
	secs, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || signature == "" {
		return errUnsigned
	}
	if at := time.Unix(secs, 0); at.Before(now.Add(-receiptSkew)) || at.After(now.Add(receiptSkew)) {
		return errStaleReport
	}
	if !hmac.Equal([]byte(signature), []byte(SignReceipt(secret, timestamp, body))) {
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
func (h Handlers) ApplyReceipt(ctx context.Context, provider, timestamp, signature string, body []byte) (string, error) {
	secret, ok := h.secrets[provider]
	if !ok {
		return "", errUnsigned
	}
	if err := verifyReceipt(secret, timestamp, signature, body, h.clock.Now()); err != nil {
		return "", err
	}
	r, err := parseReceipt(body)
	if err != nil {
		return "", err
	}
	var result string
	err = pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		q := h.q.WithTx(tx)
		id, err := q.MessageJobForReceipt(ctx, notifydb.MessageJobForReceiptParams{Channel: provider, TrackingID: r.TrackingID, MessageID: r.MessageID})
		if errors.Is(err, pgx.ErrNoRows) {
			return errUnknownMessage
		}
		if err != nil {
			return err
		}
		n, err := q.RecordReceipt(ctx, notifydb.RecordReceiptParams{Provider: provider, EventID: r.EventID,
			JobID: uuid.NullUUID{UUID: id, Valid: true}, ReceivedAt: h.clock.Now()})
		if err != nil {
			return err
		}
		if n == 0 {
			result = "duplicate"
			return nil
		}
		n, err = q.ApplyDelivery(ctx, notifydb.ApplyDeliveryParams{ID: id, Delivery: r.Status, At: r.OccurredAt})
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
func unsigned(code string) *httpx.Error {
	return &httpx.Error{Status: http.StatusUnauthorized, Code: code, Challenge: `HMAC-SHA256 realm="motcua-messages"`}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
