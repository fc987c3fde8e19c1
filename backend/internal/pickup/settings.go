package pickup

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// How a ward dispatches its pickups, and which of its volunteers are on duty.

// Settings returns how the ward dispatches (auto, 120 minutes, until set).
func (s *Service) Settings(ctx context.Context, caller auth.Principal) (Settings, error) {
	st, err := s.q.Settings(ctx, caller.WardID)
	if errors.Is(err, pgx.ErrNoRows) {
		return Settings{DispatchMode: "auto", EscalateAfterMinutes: 120}, nil
	}
	if err != nil {
		return Settings{}, err
	}
	return Settings{DispatchMode: st.DispatchMode, EscalateAfterMinutes: int(st.EscalateAfterMinutes)}, nil
}

// PutSettings changes how the caller's ward dispatches.
func (s *Service) PutSettings(ctx context.Context, caller auth.Principal, in Settings) (Settings, error) {
	_, err := s.q.PutSettings(ctx, pickupdb.PutSettingsParams{WardID: caller.WardID, DispatchMode: in.DispatchMode,
		EscalateAfterMinutes: int32(in.EscalateAfterMinutes), UpdatedAt: s.clock.Now()})
	return in, err
}

// SetDuty switches a volunteer on or off duty: the volunteer themselves, or the ward's staff.
func (s *Service) SetDuty(ctx context.Context, caller auth.Principal, id uuid.UUID, onDuty bool) error {
	if caller.Role == auth.RoleVolunteer && caller.UserID != id {
		return fault.ErrForbidden
	}
	if _, err := tenant.Load(ctx, id, s.users.User, func(u api.User) bool {
		return u.WardId == caller.WardID && u.Role == api.Volunteer
	}); err != nil {
		return err
	}
	return s.q.SetDuty(ctx, pickupdb.SetDutyParams{UserID: id, OnDuty: onDuty, UpdatedAt: s.clock.Now()})
}
