package pickup

import (
	"context"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// What the citizen a pickup is for does on their own phone, beside the lifecycle's moves.

// own locks the caller's own pickup and checks it is in the state the act needs.
func own(ctx context.Context, q *pickupdb.Queries, caller auth.Principal, id uuid.UUID, status Status) (pickupdb.Pickup, error) {
	p, err := tenant.Load(ctx, id, q.GetPickupForUpdate, func(p pickupdb.Pickup) bool {
		return p.CitizenID.Valid && p.CitizenID.UUID == caller.UserID
	})
	if err != nil {
		return p, err
	}
	if Status(p.Status) != status {
		return p, ErrState
	}
	return p, nil
}

// Confirm is the citizen confirming, on their own phone, the form the volunteer filled.
func (s *Service) Confirm(ctx context.Context, caller auth.Principal, id uuid.UUID) (Pickup, error) {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		if _, err := own(ctx, q, caller, id, Collected); err != nil {
			return err
		}
		_, err := q.Confirm(ctx, pickupdb.ConfirmParams{ID: id, Now: s.clock.Now()})
		return err
	})
	if err != nil {
		return Pickup{}, err
	}
	return s.view(ctx, caller, id)
}

// Rate records the citizen's satisfaction once the dossier was handed over, once.
func (s *Service) Rate(ctx context.Context, caller auth.Principal, id uuid.UUID, in Rating) (Pickup, error) {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		p, err := own(ctx, q, caller, id, HandedOver)
		if err != nil {
			return err
		}
		if p.Rating != nil {
			return ErrRated
		}
		score := int32(in.Score)
		_, err = q.Rate(ctx, pickupdb.RateParams{ID: id, Rating: &score, Comment: httpx.CleanOptional(in.Comment), Now: s.clock.Now()})
		return err
	})
	if err != nil {
		return Pickup{}, err
	}
	return s.view(ctx, caller, id)
}
