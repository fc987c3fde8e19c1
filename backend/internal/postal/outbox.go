package postal

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/postal/postaldb"
)

// CarrierChannel is the PostgreSQL NOTIFY channel that wakes the carrier workers when a
// hand-over commits.
const CarrierChannel = "carrier_jobs"

// handOver is the officer's hand-over of a requested shipment whose dossier has its result. With
// the tracking number the counter gave, the caller moves the shipment at once (moved). Without
// one, the carrier must register the parcel: that call leaves the system, so it is only written
// here as a job, in the hand-over's transaction (a rollback leaves no job and so no parcel), and
// the workers are woken when it commits. The shipment moves when the carrier answers
// (CarrierWorker). A repeated hand-over while the job is pending changes nothing; after the
// workers gave up, it starts a new round of attempts.
func (s *Service) handOver(ctx context.Context, tx pgx.Tx, sh postaldb.Shipment, tracking string, note *string, actor uuid.UUID, now time.Time) (moved bool, err error) {
	q := s.q.WithTx(tx)
	job, err := q.CarrierJobForUpdate(ctx, sh.ID)
	found := err == nil
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return false, err
	}
	switch {
	case found && job.State == "pending" && tracking != "":
		return false, ErrRegistrationPending // the carrier may be creating the parcel right now
	case found && job.State == "pending":
		return false, nil
	case found && job.State != "failed":
		return false, &lifecycle.Error{Resource: staffMachine.Resource(), From: sh.Status, To: string(HandedToCarrier), Kind: lifecycle.ErrIllegal}
	case tracking != "":
		if found {
			return true, q.CancelCarrierJob(ctx, job.ID)
		}
		return true, nil
	case found:
		_, err = q.RequeueCarrierJob(ctx, postaldb.RequeueCarrierJobParams{ID: job.ID, Now: now, RequestedBy: uuid.NullUUID{UUID: actor, Valid: true}, Note: note})
	default:
		_, err = q.InsertCarrierJob(ctx, postaldb.InsertCarrierJobParams{ID: uuid.Must(uuid.NewV7()), ShipmentID: sh.ID, Carrier: sh.Carrier,
			Now: now, RequestedBy: uuid.NullUUID{UUID: actor, Valid: true}, Note: note})
	}
	if err != nil {
		return false, err
	}
	if err := audit.Record(ctx, tx, audit.Event{WardID: sh.WardID, ActorID: actor, Action: "shipment.carrier_registration",
		TargetType: "shipment", TargetID: sh.ID, Detail: map[string]any{"carrier": sh.Carrier, "retry": found}, At: now}); err != nil {
		return false, err
	}
	_, err = tx.Exec(ctx, "SELECT pg_notify($1, '')", CarrierChannel)
	return false, err
}

// registrations returns the carrier jobs of the shipments, by shipment id, in one query.
func (s *Service) registrations(ctx context.Context, ids ...uuid.UUID) (map[uuid.UUID]postaldb.CarrierJob, error) {
	jobs, err := s.q.CarrierJobsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[uuid.UUID]postaldb.CarrierJob, len(jobs))
	for _, j := range jobs {
		out[j.ShipmentID] = j
	}
	return out, nil
}

// registration is a carrier job as the shipment shows it; why the last call failed is for staff only.
func registration(j postaldb.CarrierJob, staff bool) *Registration {
	out := &Registration{State: j.State, Attempts: int(j.Attempts), RequestedAt: j.RequestedAt}
	if j.State == "pending" {
		next := j.NextAttemptAt
		out.NextAttemptAt = &next
	}
	if staff {
		out.LastError = j.LastError
	}
	return out
}
