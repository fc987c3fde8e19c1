package dossier

import (
	"context"
	"crypto/subtle"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Track answers the public tracking page: status, dates and the history of states only — no
// names, phones, notes or who did what. The last four digits of the applicant's phone must
// match; a wrong one answers exactly like an unknown code, and look-ups are rate-limited per
// address, so codes cannot be enumerated.
func (s *Service) Track(ctx context.Context, code, last4 string) (Detail, error) {
	if err := s.limiter.Check(ctx, "track:"+httpx.ClientIP(ctx), s.cfg.TrackLimitPerIP, time.Minute); err != nil {
		return Detail{}, err
	}
	row, err := s.q.GetDossierByCode(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if errors.Is(err, pgx.ErrNoRows) {
		return Detail{}, fault.ErrNotFound
	}
	if err != nil {
		return Detail{}, err
	}
	if !s.phoneEndsWith(ctx, row, last4) {
		return Detail{}, fault.ErrNotFound
	}
	return s.withEvents(ctx, fromRow(row))
}

// phoneEndsWith reports whether the dossier's phone — the one recorded when it was received, or
// the applicant account's current one (the citizen may have changed numbers since) — ends with
// last4. A dossier without any phone cannot be tracked publicly.
func (s *Service) phoneEndsWith(ctx context.Context, d dossierdb.Dossier, last4 string) bool {
	if d.ApplicantPhone != nil && lastFour(*d.ApplicantPhone, last4) {
		return true
	}
	if !d.ApplicantID.Valid {
		return false
	}
	u, err := s.users.User(ctx, d.ApplicantID.UUID)
	return err == nil && lastFour(u.Phone, last4)
}

func lastFour(phone, last4 string) bool {
	return len(phone) >= 4 && subtle.ConstantTimeCompare([]byte(phone[len(phone)-4:]), []byte(last4)) == 1
}
