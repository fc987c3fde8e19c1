package pickup

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
)

// ownCollected locks the caller's own pickup and checks its state.
func (s *Service) own(ctx context.Context, q *pickupdb.Queries, caller auth.Principal, id uuid.UUID, status string) (pickupdb.Pickup, error) {
	p, err := q.GetPickupForUpdate(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && p.CitizenID != caller.UserID {
		return p, httpx.ErrNotFound
	}
	if err != nil {
		return p, err
	}
	if p.Status != status {
		return p, errIllegal
	}
	return p, nil
}

// Confirm is the citizen confirming, on their own phone, the form the volunteer filled.
func (s *Service) Confirm(ctx context.Context, caller auth.Principal, id uuid.UUID) (api.Pickup, error) {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		if _, err := s.own(ctx, q, caller, id, "collected"); err != nil {
			return err
		}
		_, err := q.Confirm(ctx, pickupdb.ConfirmParams{ID: id, Now: s.clock.Now()})
		return err
	})
	if err != nil {
		return api.Pickup{}, err
	}
	return s.view(ctx, caller, id)
}

// Rate records the citizen's satisfaction once the dossier was handed over.
func (s *Service) Rate(ctx context.Context, caller auth.Principal, id uuid.UUID, in api.RatingInput) (api.Pickup, error) {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		p, err := s.own(ctx, q, caller, id, "handed_over")
		if err != nil {
			return err
		}
		if p.Rating != nil {
			return errRated
		}
		_, err = q.Rate(ctx, pickupdb.RateParams{ID: id, Rating: ptr(int32(in.Score)), Comment: httpx.CleanOptional(in.Comment), Now: s.clock.Now()})
		return err
	})
	if err != nil {
		return api.Pickup{}, err
	}
	return s.view(ctx, caller, id)
}

func ptr[T any](v T) *T { return &v }

// Settings returns how the ward dispatches (auto, 120 minutes, until set).
func (s *Service) Settings(ctx context.Context, caller auth.Principal) (api.PickupSettings, error) {
	st, err := s.q.Settings(ctx, caller.WardID)
	if errors.Is(err, pgx.ErrNoRows) {
		return api.PickupSettings{DispatchMode: api.Auto, EscalateAfterMinutes: 120}, nil
	}
	if err != nil {
		return api.PickupSettings{}, err
	}
	return api.PickupSettings{DispatchMode: api.PickupSettingsDispatchMode(st.DispatchMode), EscalateAfterMinutes: int(st.EscalateAfterMinutes)}, nil
}

// PutSettings changes how the ward dispatches.
func (s *Service) PutSettings(ctx context.Context, caller auth.Principal, in api.PickupSettings) (api.PickupSettings, error) {
	_, err := s.q.PutSettings(ctx, pickupdb.PutSettingsParams{WardID: caller.WardID, DispatchMode: string(in.DispatchMode),
		EscalateAfterMinutes: int32(in.EscalateAfterMinutes), UpdatedAt: s.clock.Now()})
	return in, err
}

// SetDuty switches a volunteer on or off duty: the volunteer themselves, or the ward's staff.
func (s *Service) SetDuty(ctx context.Context, caller auth.Principal, id uuid.UUID, in api.DutyInput) (api.DutyInput, error) {
	if caller.Role == auth.RoleVolunteer && caller.UserID != id {
		return api.DutyInput{}, httpx.ErrForbidden
	}
	u, err := s.users.User(ctx, id)
	if err != nil || u.WardId != caller.WardID || u.Role != api.Volunteer {
		return api.DutyInput{}, httpx.ErrNotFound
	}
	return in, s.q.SetDuty(ctx, pickupdb.SetDutyParams{UserID: id, OnDuty: in.OnDuty, UpdatedAt: s.clock.Now()})
}

// Escalate marks requests nobody took in time (the ward's escalate_after_minutes) as at risk and
// tells the ward's officers, once per request.
func (s *Service) Escalate(ctx context.Context) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		rows, err := q.Escalate(ctx, s.clock.Now())
		if err != nil {
			return err
		}
		n = len(rows)
		var msgs []notify.Message
		officers := map[uuid.UUID][]uuid.UUID{}
		for _, r := range rows {
			if _, ok := officers[r.WardID]; !ok {
				if officers[r.WardID], err = q.Officers(ctx, r.WardID); err != nil {
					return err
				}
			}
			for _, o := range officers[r.WardID] {
				msgs = append(msgs, notify.Message{UserID: o, Type: "pickup.at_risk",
					Title: httpx.Text{VI: "Yêu cầu tiếp nhận tại nhà chưa có người nhận", EN: "Home pickup not taken"},
					Body:  httpx.Text{VI: r.Address + ": chưa có tình nguyện viên nhận, cần phân công.", EN: r.Address + ": no volunteer took it; please assign one."},
					Data:  map[string]string{"pickup_id": r.ID.String(), "link": "motcua://pickups/" + r.ID.String()}})
			}
		}
		if len(msgs) == 0 {
			return nil
		}
		_, err = notify.EnqueueMany(ctx, tx, msgs, s.clock.Now)
		return err
	})
	return n, err
}
