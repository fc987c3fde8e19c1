package pickup

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
)

// The lifecycle: each move, the states it leaves from, and who may make it. "holder" is the
// volunteer holding the pickup; "owner" the citizen it is for.
var machine = map[string]struct {
	from []string
	who  []string
}{
	"assigned":    {[]string{"requested", "assigned"}, []string{"officer", "admin"}},
	"accepted":    {[]string{"requested", "assigned"}, []string{"volunteer"}},
	"requested":   {[]string{"assigned"}, []string{"holder"}}, // the assigned volunteer declines
	"en_route":    {[]string{"accepted"}, []string{"holder"}},
	"collected":   {[]string{"en_route"}, []string{"holder"}},
	"handed_over": {[]string{"collected"}, []string{"holder", "officer", "admin"}},
	"failed":      {[]string{"en_route"}, []string{"holder"}},
	"cancelled":   {[]string{"requested", "assigned", "accepted"}, []string{"owner", "officer", "admin"}},
}

func may(p pickupdb.Pickup, c auth.Principal, who []string) bool {
	for _, w := range who {
		switch {
		case w == "holder" && c.Role == auth.RoleVolunteer && p.VolunteerID.Valid && p.VolunteerID.UUID == c.UserID,
			w == "owner" && c.Role == auth.RoleCitizen && p.CitizenID == c.UserID,
			w == c.Role:
			return true
		}
	}
	return false
}

// Transition moves a pickup. Accepting is the compare-and-set claim; handing over creates the
// dossier in the same transaction, so a retry can never create a second one.
func (s *Service) Transition(ctx context.Context, caller auth.Principal, id uuid.UUID, in api.PickupTransition) (api.Pickup, error) {
	if _, ok := idempotency.Committed(ctx, "pickup"); ok {
		return s.acted(ctx, caller, id) // this very move committed already: answer, do not move again
	}
	to := string(in.To)
	rule, ok := machine[to]
	if !ok {
		return api.Pickup{}, errIllegal
	}
	if to == "accepted" && caller.Role == auth.RoleVolunteer {
		return s.claim(ctx, caller, id)
	}
	now := s.clock.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "pickup", id); err != nil {
			return err
		}
		q := s.q.WithTx(tx)
		p, err := q.GetPickupForUpdate(ctx, id)
		if errors.Is(err, pgx.ErrNoRows) || err == nil && !visible(p, caller) {
			return httpx.ErrNotFound
		}
		if err != nil {
			return err
		}
		if !slices.Contains(rule.from, p.Status) {
			return errIllegal
		}
		if !may(p, caller, rule.who) {
			return httpx.ErrForbidden
		}
		from := p.Status
		note := httpx.CleanOptional(in.Note)
		switch to {
		case "assigned":
			if in.VolunteerId == nil {
				return httpx.Invalid(httpx.Field("volunteer_id", "required"))
			}
			v, err := s.users.User(ctx, *in.VolunteerId)
			if err != nil || v.WardId != p.WardID || v.Role != api.Volunteer || !v.Active {
				return httpx.Invalid(httpx.Field("volunteer_id", "unknown_volunteer"))
			}
			if p, err = q.Assign(ctx, pickupdb.AssignParams{ID: id, VolunteerID: uuid.NullUUID{UUID: v.Id, Valid: true}, Now: now}); err != nil {
				return err
			}
			if err := s.tellVolunteers(ctx, tx, p, []uuid.UUID{v.Id}, "pickup.assigned"); err != nil {
				return err
			}
		case "requested": // declined: back to the pool, offered to the next volunteer
			if err := q.Decline(ctx, pickupdb.DeclineParams{PickupID: id, VolunteerID: caller.UserID}); err != nil {
				return err
			}
			if p, err = q.SetPickupStatus(ctx, pickupdb.SetPickupStatusParams{ID: id, Status: to, Release: true, Now: now}); err != nil {
				return err
			}
			if err := s.event(ctx, q, id, &from, to, caller, note); err != nil {
				return err
			}
			return s.dispatch(ctx, tx, p)
		case "collected":
			if p, err = s.collect(ctx, q, p, in); err != nil {
				return err
			}
		case "handed_over":
			if p.ConfirmedAt == nil {
				return errNotConfirmed
			}
			if !p.ProcedureID.Valid {
				return httpx.Invalid(httpx.Field("procedure_id", "required"))
			}
			holder := auth.Principal{UserID: p.VolunteerID.UUID, WardID: p.WardID, Role: auth.RoleVolunteer}
			if caller.Role != auth.RoleVolunteer {
				holder = caller
			}
			dossierNote := "Tiếp nhận tại nhà"
			dossierID, code, err := s.dossiers.CreateInTx(ctx, tx, holder, api.DossierInput{ProcedureId: p.ProcedureID.UUID,
				ApplicantId: &p.CitizenID, Channel: api.DossierChannelHomePickup, Note: &dossierNote})
			if err != nil {
				return err
			}
			if p, err = q.HandOver(ctx, pickupdb.HandOverParams{ID: id, DossierID: uuid.NullUUID{UUID: dossierID, Valid: true}, Now: now}); err != nil {
				return err
			}
			if err := s.event(ctx, q, id, &from, to, caller, note); err != nil {
				return err
			}
			return s.tellCitizen(ctx, tx, p, to, code)
		default: // en_route, failed, cancelled
			if to == "failed" && httpx.CleanOptional(in.Reason) == nil {
				return httpx.Invalid(httpx.Field("reason", "required"))
			}
			if to == "failed" || to == "cancelled" {
				if r := httpx.CleanOptional(in.Reason); r != nil {
					note = r
				}
			}
			if p, err = q.SetPickupStatus(ctx, pickupdb.SetPickupStatusParams{ID: id, Status: to, Release: false, Now: now}); err != nil {
				return err
			}
		}
		if err := s.event(ctx, q, id, &from, to, caller, note); err != nil {
			return err
		}
		if caller.Is(auth.RoleOfficer, auth.RoleAdmin) {
			if err := s.audited(ctx, tx, caller, p, to); err != nil {
				return err
			}
		}
		reason := ""
		if note != nil {
			reason = *note
		}
		return s.tellCitizen(ctx, tx, p, to, reason)
	})
	if err != nil {
		return api.Pickup{}, err
	}
	return s.acted(ctx, caller, id)
}

// claim makes the caller the holder if nobody else is: one UPDATE with the condition in its
// WHERE, so of many volunteers accepting at once exactly one row update succeeds.
func (s *Service) claim(ctx context.Context, caller auth.Principal, id uuid.UUID) (api.Pickup, error) {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "pickup", id); err != nil {
			return err
		}
		q := s.q.WithTx(tx)
		before, err := q.GetPickup(ctx, id)
		// Volunteers of the neighbourhood may race for it; the losers learn it was taken (409),
		// everyone else that it does not exist (404).
		mayClaim := err == nil && before.WardID == caller.WardID && (before.VolunteerID.Valid && before.VolunteerID.UUID == caller.UserID ||
			caller.NeighborhoodID.Valid && caller.NeighborhoodID.UUID == before.NeighborhoodID)
		if errors.Is(err, pgx.ErrNoRows) || err == nil && !mayClaim {
			return httpx.ErrNotFound
		}
		if err != nil {
			return err
		}
		p, err := q.Claim(ctx, pickupdb.ClaimParams{ID: id, VolunteerID: uuid.NullUUID{UUID: caller.UserID, Valid: true}, Now: s.clock.Now()})
		if errors.Is(err, pgx.ErrNoRows) {
			if before.Status == "requested" || before.Status == "assigned" || before.Status == "accepted" {
				return errTaken
			}
			return errIllegal
		}
		if err != nil {
			return err
		}
		if err := s.event(ctx, q, id, &before.Status, "accepted", caller, nil); err != nil {
			return err
		}
		return s.tellCitizen(ctx, tx, p, "accepted", "")
	})
	if err != nil {
		return api.Pickup{}, err
	}
	return s.view(ctx, caller, id)
}

// collect records what the volunteer collected, checked against the procedure's required
// documents, and the form they filled for the citizen.
func (s *Service) collect(ctx context.Context, q *pickupdb.Queries, p pickupdb.Pickup, in api.PickupTransition) (pickupdb.Pickup, error) {
	proc := p.ProcedureID
	if in.ProcedureId != nil {
		proc = uuid.NullUUID{UUID: *in.ProcedureId, Valid: true}
	}
	collected := []string{}
	if in.CollectedDocuments != nil {
		for _, d := range *in.CollectedDocuments {
			if c := httpx.CleanText(d); c != "" && !slices.Contains(collected, c) {
				collected = append(collected, c)
			}
		}
	}
	missing := []string{}
	if proc.Valid {
		pr, err := s.procedures.Get(ctx, p.WardID, proc.UUID)
		if err != nil {
			return p, httpx.Invalid(httpx.Field("procedure_id", "not_home_pickup"))
		}
		for _, req := range pr.RequiredDocuments {
			if !slices.Contains(collected, req) {
				missing = append(missing, req)
			}
		}
	}
	form := map[string]string{}
	if in.FormData != nil {
		form = *in.FormData
	}
	raw, _ := json.Marshal(form)
	var confirmed *time.Time
	if in.ConfirmedInPerson != nil && *in.ConfirmedInPerson {
		now := s.clock.Now()
		confirmed = &now
	}
	return q.Collect(ctx, pickupdb.CollectParams{ID: p.ID, Collected: collected, Missing: missing, FormData: raw,
		ProcedureID: proc, ConfirmedAt: confirmed, Now: s.clock.Now()})
}
