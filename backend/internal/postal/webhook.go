package postal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/postal/postaldb"
)

// Event is a carrier's status callback.
type Event struct {
	EventID        string    `json:"event_id"`
	TrackingNumber string    `json:"tracking_number"`
	Status         string    `json:"status"`
	OccurredAt     time.Time `json:"occurred_at"`
	Note           *string   `json:"note,omitempty"`
}

var errMalformed = httpx.NewError(http.StatusBadRequest, "malformed_json")

// ParseEvent reads a callback body strictly: unknown fields, trailing data, missing fields and
// unknown statuses are refused.
func ParseEvent(body []byte) (Event, error) {
	var e Event
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || dec.More() {
		return Event{}, errMalformed
	}
	if e.EventID == "" || len(e.EventID) > 100 || e.TrackingNumber == "" || len(e.TrackingNumber) > 40 || e.OccurredAt.IsZero() {
		return Event{}, errMalformed
	}
	if _, ok := carrierMoves[e.Status]; !ok {
		return Event{}, errMalformed
	}
	return e, nil
}

// carrierMoves: for each carrier status, the shipment state it leads to and the states it may
// come from. Skipping ahead is allowed (a lost "in_transit" must not block "delivered"); going
// back is not, so an event delivered out of order never undoes a later one.
var carrierMoves = map[string]struct {
	to   string
	from []string
}{
	"in_transit": {"in_transit", []string{"handed_to_carrier"}},
	"delivered":  {"delivered", []string{"handed_to_carrier", "in_transit"}},
	"failed":     {"failed", []string{"handed_to_carrier", "in_transit"}},
	"returned":   {"returned_to_office", []string{"failed"}},
}

// Webhook authenticates and applies a carrier callback: the signature first (401), then the
// body (400); an event id seen before is accepted once; an event that would not move the
// shipment forward (older, or out of order) is recorded and changes nothing.
func (s *Service) Webhook(ctx context.Context, carrier, timestamp, signature string, body []byte) (api.WebhookResult, error) {
	secret, ok := s.secrets[carrier]
	if !ok {
		return api.WebhookResult{}, unsigned("invalid_signature")
	}
	switch err := Verify(secret, timestamp, signature, body, s.clock.Now()); {
	case errors.Is(err, ErrStale):
		return api.WebhookResult{}, unsigned("stale_timestamp")
	case err != nil:
		return api.WebhookResult{}, unsigned("invalid_signature")
	}
	ev, err := ParseEvent(body)
	if err != nil {
		return api.WebhookResult{}, err
	}
	var res api.WebhookResult
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		sh, err := q.ShipmentByTrackingForUpdate(ctx, postaldb.ShipmentByTrackingForUpdateParams{Carrier: carrier, TrackingNumber: &ev.TrackingNumber})
		if errors.Is(err, pgx.ErrNoRows) {
			return errUnknownParcel
		}
		if err != nil {
			return err
		}
		move := carrierMoves[ev.Status]
		applies := slices.Contains(move.from, sh.Status) && (sh.LastEventAt == nil || !ev.OccurredAt.Before(*sh.LastEventAt))
		outcome := "stale"
		if applies {
			outcome = "applied"
		}
		now := s.clock.Now()
		if _, err := q.RecordCarrierEvent(ctx, postaldb.RecordCarrierEventParams{Carrier: carrier, EventID: ev.EventID,
			ShipmentID: sh.ID, Status: ev.Status, Outcome: outcome, OccurredAt: ev.OccurredAt, ReceivedAt: now}); errors.Is(err, pgx.ErrNoRows) {
			res = api.WebhookResult{Result: api.Duplicate, ShipmentStatus: statusPtr(sh.Status)}
			return nil
		} else if err != nil {
			return err
		}
		if !applies {
			res = api.WebhookResult{Result: api.Stale, ShipmentStatus: statusPtr(sh.Status)}
			return nil
		}
		from := sh.Status
		if sh, err = q.SetShipmentStatus(ctx, postaldb.SetShipmentStatusParams{ID: sh.ID, Status: move.to, OccurredAt: &ev.OccurredAt, Now: now}); err != nil {
			return err
		}
		if err := s.event(ctx, tx, sh, &from, move.to, "carrier", [16]byte{}, ev.Note, ev.OccurredAt); err != nil {
			return err
		}
		if move.to == "delivered" {
			if err := s.dossiers.ReturnedByPost(ctx, tx, sh.DossierID, ev.OccurredAt); err != nil {
				return err
			}
		}
		res = api.WebhookResult{Result: api.Applied, ShipmentStatus: statusPtr(sh.Status)}
		return s.tell(ctx, tx, sh, move.to)
	})
	return res, err
}

func statusPtr(s string) *api.ShipmentStatus {
	st := api.ShipmentStatus(s)
	return &st
}

// unsigned is a webhook refused for its signature; its challenge names the carriers' HMAC
// scheme rather than the Bearer tokens of the app's users.
func unsigned(code string) *httpx.Error {
	return &httpx.Error{Status: http.StatusUnauthorized, Code: code, Challenge: `HMAC-SHA256 realm="motcua-carriers"`}
}
