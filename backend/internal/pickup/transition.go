package pickup

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// Transition moves a pickup. Accepting is the compare-and-set claim; handing over creates the
// dossier in the same transaction, so a retry can never create a second one. Every read inside
// the transaction goes through it: the row stays locked while the transaction holds its one
// pool connection, and waiting for a second connection then could starve the pool.
func (s *Service) Transition(ctx context.Context, caller auth.Principal, id uuid.UUID, in Move) (Pickup, error) {
	if _, ok := idempotency.Committed(ctx, "pickup"); ok {
		return s.acted(ctx, caller, id) // this very move committed already: answer, do not move again
	}
	if in.To == Accepted && caller.Role == auth.RoleVolunteer {
		return s.claim(ctx, caller, id)
	}
	now := s.clock.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "pickup", id); err != nil {
			return err
		}
		q := s.q.WithTx(tx)
		acts, err := actsFor(ctx, tx, caller)
		if err != nil {
			return err
		}
		before, err := tenant.Load(ctx, id, q.GetPickupForUpdate, visibleTo(caller, acts))
		if err != nil {
			return err
		}
		who := actor{caller, before, represents(caller, acts, before)}
		if err := machine.Check(Status(before.Status), in.To, who); err != nil {
			return err
		}
		note := httpx.CleanOptional(in.Note)
		var p pickupdb.Pickup
		switch in.To {
		case Assigned:
			if p, err = s.assign(ctx, tx, before, in.VolunteerID, now); err != nil {
				return err
			}
		case Requested: // declined: back to the pool, offered to the next volunteer
			if err := q.Decline(ctx, pickupdb.DeclineParams{PickupID: id, VolunteerID: caller.UserID}); err != nil {
				return err
			}
			if p, err = q.SetPickupStatus(ctx, pickupdb.SetPickupStatusParams{ID: id, Status: string(Requested), Release: true, Now: now}); err != nil {
				return err
			}
			if err := s.record(ctx, q, who, Requested, note); err != nil {
				return err
			}
			return s.dispatch(ctx, tx, p)
		case Collected:
			if p, err = s.collect(ctx, q, before, in); err != nil {
				return err
			}
		case HandedOver:
			return s.handOver(ctx, tx, before, caller, note)
		default: // en_route, failed, cancelled
			reason := httpx.CleanOptional(in.Reason)
			if in.To == Failed && reason == nil {
				return fault.Fields(fault.F("reason", "required"))
			}
			if (in.To == Failed || in.To == Cancelled) && reason != nil {
				note = reason
			}
			if p, err = q.SetPickupStatus(ctx, pickupdb.SetPickupStatusParams{ID: id, Status: string(in.To), Release: false, Now: now}); err != nil {
				return err
			}
		}
		if err := s.record(ctx, q, who, in.To, note); err != nil {
			return err
		}
		if caller.Office() {
			if err := s.audited(ctx, tx, caller, p, in.To); err != nil {
				return err
			}
		}
		reason := ""
		if note != nil {
			reason = *note
		}
		return s.tellCitizen(ctx, tx, p, in.To, reason)
	})
	if err != nil {
		return Pickup{}, err
	}
	return s.acted(ctx, caller, id)
}

// assign gives the pickup to an active volunteer of its ward, chosen by an officer.
func (s *Service) assign(ctx context.Context, tx pgx.Tx, p pickupdb.Pickup, volunteer *uuid.UUID, now time.Time) (pickupdb.Pickup, error) {
	if volunteer == nil {
		return p, fault.Fields(fault.F("volunteer_id", "required"))
	}
	q := s.q.WithTx(tx)
	ok, err := q.ActiveVolunteer(ctx, pickupdb.ActiveVolunteerParams{ID: *volunteer, WardID: p.WardID})
	if err != nil {
		return p, err
	}
	if !ok {
		return p, fault.Fields(fault.F("volunteer_id", "unknown_volunteer"))
	}
	if p, err = q.Assign(ctx, pickupdb.AssignParams{ID: p.ID, VolunteerID: uuid.NullUUID{UUID: *volunteer, Valid: true}, Now: now}); err != nil {
		return p, err
	}
	return p, s.tellVolunteers(ctx, tx, p, []uuid.UUID{*volunteer}, string(push.PickupAssigned))
}

// handOver brings the collected dossier to the office: it creates the dossier, `submitted` for
// the office's intake (DESIGN.md §4; Nghị định 118/2025/NĐ-CP: the clock starts when an officer
// receives it), links it, and tells the citizen, all in tx.
func (s *Service) handOver(ctx context.Context, tx pgx.Tx, before pickupdb.Pickup, caller auth.Principal, note *string) error {
	if before.ConfirmedAt == nil {
		return ErrNotConfirmed
	}
	if !before.ProcedureID.Valid {
		return fault.Fields(fault.F("procedure_id", "required"))
	}
	// The dossier is created by the volunteer who collected it, or by the officer handing over for them.
	by := auth.Principal{UserID: before.VolunteerID.UUID, WardID: before.WardID, Role: auth.RoleVolunteer}
	if caller.Role != auth.RoleVolunteer {
		by = caller
	}
	dossierNote := "Tiếp nhận tại nhà"
	in := dossier.Submission{WardID: before.WardID, ProcedureID: before.ProcedureID.UUID, Channel: dossier.ChannelHomePickup,
		Note: &dossierNote, By: by}
	if before.CitizenID.Valid {
		in.ApplicantID = &before.CitizenID.UUID
	} else { // a person without an account: the dossier carries their name and phone
		in.ApplicantPhone = before.ApplicantPhone
		if before.ApplicantName != nil {
			in.ApplicantName = *before.ApplicantName
		}
	}
	dossierID, code, err := s.submit(ctx, tx, in)
	if err != nil {
		return err
	}
	q := s.q.WithTx(tx)
	p, err := q.HandOver(ctx, pickupdb.HandOverParams{ID: before.ID, DossierID: uuid.NullUUID{UUID: dossierID, Valid: true},
		DossierCode: code, Now: s.clock.Now()})
	if err != nil {
		return err
	}
	if err := s.record(ctx, q, actor{caller: caller, p: before}, HandedOver, note); err != nil {
		return err
	}
	return s.tellCitizen(ctx, tx, p, HandedOver, code)
}

// claim makes the caller the holder if nobody else is: one UPDATE with the condition in its
// WHERE, so of many volunteers accepting at once exactly one row update succeeds.
func (s *Service) claim(ctx context.Context, caller auth.Principal, id uuid.UUID) (Pickup, error) {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "pickup", id); err != nil {
			return err
		}
		q := s.q.WithTx(tx)
		// Read without a lock: the compare-and-set below decides the race.
		before, err := tenant.Load(ctx, id, q.GetPickup, claimableBy(caller))
		if err != nil {
			return err
		}
		if Status(before.Status) == Accepted && !holds(before, caller) {
			return ErrTaken
		}
		if err := machine.Check(Status(before.Status), Accepted, actor{caller: caller, p: before}); err != nil {
			return err
		}
		p, err := q.Claim(ctx, pickupdb.ClaimParams{ID: id, VolunteerID: uuid.NullUUID{UUID: caller.UserID, Valid: true}, Now: s.clock.Now()})
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrTaken
		}
		if err != nil {
			return err
		}
		if err := s.record(ctx, q, actor{caller: caller, p: before}, Accepted, nil); err != nil {
			return err
		}
		name, err := q.FullName(ctx, caller.UserID)
		if err != nil {
			return err
		}
		return s.tellCitizen(ctx, tx, p, Accepted, name)
	})
	if err != nil {
		return Pickup{}, err
	}
	return s.view(ctx, caller, id)
}

// collect records what the volunteer collected, checked against the procedure's required
// documents, and the form they filled for the citizen.
func (s *Service) collect(ctx context.Context, q *pickupdb.Queries, p pickupdb.Pickup, in Move) (pickupdb.Pickup, error) {
	proc := p.ProcedureID
	if in.ProcedureID != nil {
		proc = uuid.NullUUID{UUID: *in.ProcedureID, Valid: true}
	}
	collected := []string{}
	for _, d := range in.CollectedDocuments {
		if c := httpx.CleanText(d); c != "" && !slices.Contains(collected, c) {
			collected = append(collected, c)
		}
	}
	missing := []string{}
	if proc.Valid {
		required, err := q.ProcedureDocuments(ctx, pickupdb.ProcedureDocumentsParams{ID: proc.UUID, WardID: p.WardID})
		if errors.Is(err, pgx.ErrNoRows) {
			return p, fault.Fields(fault.F("procedure_id", "not_home_pickup"))
		}
		if err != nil {
			return p, err
		}
		for _, req := range required {
			if !slices.Contains(collected, req) {
				missing = append(missing, req)
			}
		}
	}
	form := in.FormData
	if form == nil {
		form = map[string]string{}
	}
	raw, _ := json.Marshal(form)
	var confirmed *time.Time
	if in.ConfirmedInPerson {
		now := s.clock.Now()
		confirmed = &now
	}
	return q.Collect(ctx, pickupdb.CollectParams{ID: p.ID, Collected: collected, Missing: missing, FormData: raw,
		ProcedureID: proc, ConfirmedAt: confirmed, Now: s.clock.Now()})
}

// audited records staff actions on pickups.
func (s *Service) audited(ctx context.Context, tx pgx.Tx, caller auth.Principal, p pickupdb.Pickup, to Status) error {
	return audit.Record(ctx, tx, audit.Event{WardID: p.WardID, ActorID: caller.UserID, Action: "pickup." + string(to),
		TargetType: "pickup", TargetID: p.ID, At: s.clock.Now()})
}
