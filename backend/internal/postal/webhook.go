package postal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
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

// ParseEvent reads a callback body strictly: unknown fields, trailing data, missing fields and
// unknown statuses are refused.
func ParseEvent(body []byte) (Event, error) {
	var e Event
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || dec.More() {
		return Event{}, ErrMalformed
	}
	if e.EventID == "" || len(e.EventID) > 100 || e.TrackingNumber == "" || len(e.TrackingNumber) > 40 || e.OccurredAt.IsZero() {
		return Event{}, ErrMalformed
	}
	if _, ok := carrierStatuses[e.Status]; !ok {
		return Event{}, ErrMalformed
	}
	return e, nil
}

// Webhook authenticates and applies a carrier callback: the signature first (401), then the
// body (400); an event id seen before is accepted once; an event that would not move the
// shipment forward (older, or out of order: the carrier machine has no such move) is recorded and
// changes nothing. A dossier posted to the office becomes a submitted dossier when it is delivered.
func (s *Service) Webhook(ctx context.Context, carrier, timestamp, signature string, body []byte) (WebhookOutcome, error) {
	secret, ok := s.secrets[carrier]
	if !ok {
		return WebhookOutcome{}, ErrBadSignature
	}
	switch err := Verify(secret, timestamp, signature, body, s.clock.Now()); {
	case errors.Is(err, ErrStale):
		return WebhookOutcome{}, ErrStale
	case err != nil:
		return WebhookOutcome{}, ErrBadSignature
	}
	ev, err := ParseEvent(body)
	if err != nil {
		return WebhookOutcome{}, err
	}
	var res WebhookOutcome
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		sh, err := q.ShipmentByTrackingForUpdate(ctx, postaldb.ShipmentByTrackingForUpdateParams{Carrier: carrier, TrackingNumber: &ev.TrackingNumber})
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrUnknownParcel
		}
		if err != nil {
			return err
		}
		from, to := Status(sh.Status), carrierStatuses[ev.Status]
		actor := carrierActor{signed: carrier, parcel: sh.Carrier}
		applies := carrierMachine.Check(from, to, actor) == nil &&
			(sh.LastEventAt == nil || !ev.OccurredAt.Before(*sh.LastEventAt))
		outcome := "stale"
		if applies {
			outcome = "applied"
		}
		now := s.clock.Now()
		if _, err := q.RecordCarrierEvent(ctx, postaldb.RecordCarrierEventParams{Carrier: carrier, EventID: ev.EventID,
			ShipmentID: sh.ID, Status: ev.Status, Outcome: outcome, OccurredAt: ev.OccurredAt, ReceivedAt: now}); errors.Is(err, pgx.ErrNoRows) {
			res = WebhookOutcome{Result: "duplicate", Status: Status(sh.Status)}
			return nil
		} else if err != nil {
			return err
		}
		if !applies {
			res = WebhookOutcome{Result: "stale", Status: Status(sh.Status)}
			return nil
		}
		params := postaldb.SetShipmentStatusParams{ID: sh.ID, Status: string(to), OccurredAt: &ev.OccurredAt, Now: now}
		if Direction(sh.Direction) == Inbound && to == Delivered {
			if err := s.arrive(ctx, tx, sh, ev.OccurredAt, &params); err != nil {
				return err
			}
		}
		if sh, err = q.SetShipmentStatus(ctx, params); err != nil {
			return err
		}
		if err := carrierMachine.Apply(ctx, lifecycle.Event[Status, carrierActor]{From: from, To: to, Actor: actor, Note: ev.Note, At: ev.OccurredAt},
			func(ctx context.Context, e lifecycle.Event[Status, carrierActor]) error {
				return s.event(ctx, tx, sh, (*string)(&e.From), string(e.To), "carrier", uuid.Nil, e.Note, e.At)
			}); err != nil {
			return err
		}
		if Direction(sh.Direction) == Outbound && to == Delivered {
			if err := s.dossiers.ReturnedByPost(ctx, tx, sh.DossierID.UUID, ev.OccurredAt); err != nil {
				return err
			}
		}
		res = WebhookOutcome{Result: "applied", Status: Status(sh.Status)}
		return s.tell(ctx, tx, sh, to)
	})
	return res, err
}
