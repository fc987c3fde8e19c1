package notify

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/signature"
)

// Zalo posts its OA events in its own format, signed X-ZEvent-Signature: "mac=" + hex SHA-256
// of app id + raw body + the body's timestamp + the OA secret key (package signature). The one
// this office reads is user_received_message: a ZNS message reached the person's phone.
const zaloReceived = "user_received_message"

// Zalo retries an event its webhook did not take for 12 hours: a retry that old is still
// genuine (and deduplicated); an event from further back, or from the future, is refused.
const (
	zaloPast   = 12*time.Hour + 5*time.Minute
	zaloFuture = 5 * time.Minute
)

var errZaloUnsigned = errors.New("bad Zalo event signature")

// ZaloEventBody is the part of a Zalo OA event this office reads.
type ZaloEventBody struct {
	EventName string `json:"event_name"`
	AppID     string `json:"app_id"`
	OAID      string `json:"oa_id"`
	Timestamp string `json:"timestamp"` // Unix milliseconds
	Message   struct {
		MsgID        string `json:"msg_id"`
		TrackingID   string `json:"tracking_id"`
		DeliveryTime string `json:"delivery_time"` // Unix milliseconds
	} `json:"message"`
}

func unixMilli(s string) (time.Time, bool) {
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil || ms <= 0 {
		return time.Time{}, false
	}
	return time.UnixMilli(ms), true
}

// ApplyZaloEvent authenticates one Zalo event and applies it when it is a ZNS delivery.
func (h PhoneReports) ApplyZaloEvent(ctx context.Context, sig string, body []byte) (string, error) {
	var e ZaloEventBody
	if err := json.Unmarshal(body, &e); err != nil {
		return "", errMalformed
	}
	if h.ch.ZaloOASecretKey == "" || (h.ch.ZaloAppID != "" && e.AppID != h.ch.ZaloAppID) ||
		signature.VerifyZalo(e.AppID, body, e.Timestamp, h.ch.ZaloOASecretKey, sig) != nil {
		return "", errZaloUnsigned
	}
	now := h.clock.Now()
	at, ok := unixMilli(e.Timestamp)
	if !ok {
		return "", errMalformed
	}
	if at.Before(now.Add(-zaloPast)) || at.After(now.Add(zaloFuture)) {
		return "", errStaleReport
	}
	if e.EventName != zaloReceived {
		return "ignored", nil
	}
	if d, ok := unixMilli(e.Message.DeliveryTime); ok {
		at = d
	}
	m := e.Message
	if (m.TrackingID == "" && m.MsgID == "") || len(m.TrackingID) > 100 || len(m.MsgID) > 100 {
		return "", errMalformed
	}
	// Zalo's events carry no id of their own: one message is received once (Zalo's id for it,
	// else ours).
	id := zaloReceived + ":" + m.MsgID
	if m.MsgID == "" {
		id = zaloReceived + ":" + m.TrackingID
	}
	res, err := applyReport(ctx, h.pool, ChannelZNS, report{EventID: id, TrackingID: m.TrackingID, MessageID: m.MsgID,
		Status: "delivered", At: at}, now)
	if errors.Is(err, errUnknownMessage) {
		// Another system's message on the same OA: taken, so Zalo does not disable the webhook.
		slog.InfoContext(ctx, "zalo event for a message this office did not send", "msg_id", m.MsgID)
		return "unknown", nil
	}
	return res, err
}

// ZaloEvent implements POST /v1/webhooks/zalo (the raw body is kept by the gate: x-raw-body).
func (h PhoneReports) ZaloEvent(ctx context.Context, r api.ZaloEventRequestObject) (api.ZaloEventResponseObject, error) {
	res, err := h.ApplyZaloEvent(ctx, deref(r.Params.XZEventSignature), httpx.RawBody(ctx))
	switch {
	case errors.Is(err, errStaleReport):
		return nil, signature.Refusal("stale_timestamp", "motcua-zalo")
	case errors.Is(err, errZaloUnsigned):
		return nil, signature.Refusal("invalid_signature", "motcua-zalo")
	case errors.Is(err, errMalformed):
		return nil, httpx.NewError(http.StatusBadRequest, "malformed_json")
	case err != nil:
		return nil, err
	}
	return api.ZaloEvent200JSONResponse{Result: api.ZaloEventResultResult(res)}, nil
}
