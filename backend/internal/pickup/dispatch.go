package pickup

import (
	"context"
	"errors"
	"github.com/motcuagandan/motcua/mobile-bridge/push"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
)

// dispatch offers a requested pickup: in "auto" wards (the default) it is assigned to the active
// on-duty volunteer of the neighbourhood with the fewest open tasks; in "open" wards every
// on-duty volunteer of the neighbourhood is told and the first to accept takes it.
func (s *Service) dispatch(ctx context.Context, tx pgx.Tx, p pickupdb.Pickup) error {
	q := s.q.WithTx(tx)
	mode := "auto"
	if st, err := q.Settings(ctx, p.WardID); err == nil {
		mode = st.DispatchMode
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	hood := uuid.NullUUID{UUID: p.NeighborhoodID, Valid: true}
	if mode == "open" {
		vols, err := q.OnDutyVolunteers(ctx, pickupdb.OnDutyVolunteersParams{WardID: p.WardID, NeighborhoodID: hood})
		if err != nil {
			return err
		}
		return s.tellVolunteers(ctx, tx, p, vols, string(push.PickupOffered))
	}
	v, err := q.NextVolunteer(ctx, pickupdb.NextVolunteerParams{WardID: p.WardID, NeighborhoodID: hood, PickupID: p.ID})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // nobody on duty: it waits in the pool, and escalates if nobody takes it
	}
	if err != nil {
		return err
	}
	by := auth.Principal{Role: RoleDispatch, WardID: p.WardID}
	if err := machine.Check(Status(p.Status), Assigned, actor{caller: by, p: p}); err != nil {
		return err
	}
	after, err := q.Assign(ctx, pickupdb.AssignParams{ID: p.ID, VolunteerID: uuid.NullUUID{UUID: v, Valid: true}, Now: s.clock.Now()})
	if err != nil {
		return err
	}
	if err := s.record(ctx, q, actor{caller: by, p: p}, Assigned, nil); err != nil {
		return err
	}
	return s.tellVolunteers(ctx, tx, after, []uuid.UUID{v}, string(push.PickupAssigned))
}

// record writes the event of a move of who.p (the row as it was) by who.caller through the
// machine, which checks the move once more.
func (s *Service) record(ctx context.Context, q *pickupdb.Queries, who actor, to Status, note *string) error {
	p, by := who.p, who.caller
	return machine.Apply(ctx, lifecycle.Event[Status, actor]{From: Status(p.Status), To: to, Actor: who, Note: note, At: s.clock.Now()},
		func(ctx context.Context, ev lifecycle.Event[Status, actor]) error {
			f := ev.From
			return s.event(ctx, q, p.ID, &f, ev.To, by, ev.Note)
		})
}

// event writes one row of a pickup's timeline.
func (s *Service) event(ctx context.Context, q *pickupdb.Queries, id uuid.UUID, from *Status, to Status, by auth.Principal, note *string) error {
	role := by.Role
	var f *string
	if from != nil {
		v := string(*from)
		f = &v
	}
	return q.InsertPickupEvent(ctx, pickupdb.InsertPickupEventParams{ID: uuid.Must(uuid.NewV7()), PickupID: id, FromStatus: f,
		ToStatus: string(to), ActorID: uuid.NullUUID{UUID: by.UserID, Valid: by.UserID != uuid.Nil}, ActorRole: &role,
		Note: note, CreatedAt: s.clock.Now()})
}
