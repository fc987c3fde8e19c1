package dossier

import (
	"context"
	"regexp"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// portalCodeShape is the national portal's dossier code: the unit's code, the date received as
// YYMMDD and a sequence number (Thông tư 01/2018/TT-VPCP), as the migration's CHECK states it.
var portalCodeShape = regexp.MustCompile(`^[0-9A-Za-z.]{1,30}-[0-9]{6}-[0-9]{4,6}$`)

func validPortalCode(s string) bool { return portalCodeShape.MatchString(s) }

// SetPortalCode records (or, with nil, clears) the portal's own code of a dossier of the ward.
func (s *Service) SetPortalCode(ctx context.Context, caller auth.Principal, id uuid.UUID, code *string) (Detail, error) {
	if code != nil && !validPortalCode(*code) {
		return Detail{}, invalid("portal_code", "invalid_portal_code")
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		if _, err := tenant.Load(ctx, id, q.GetDossierForUpdate, visible(caller)); err != nil {
			return err
		}
		now := s.clock.Now()
		row, err := q.SetPortalCode(ctx, dossierdb.SetPortalCodeParams{ID: id, PortalCode: code, Now: now})
		if err != nil {
			return portalCodeTaken(err)
		}
		return audit.Record(ctx, tx, audit.Event{WardID: row.WardID, ActorID: caller.UserID, Action: "dossier.portal_code",
			TargetType: "dossier", TargetID: row.ID, Detail: map[string]any{"code": row.Code, "portal_code": code}, At: now})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.detail(ctx, id)
}
