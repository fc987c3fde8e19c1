package dossier

import (
	"context"
	"crypto/subtle"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Track answers the public tracking page: status, dates and the history of states only — no
// names, phones, notes or who did what. The last four digits of the applicant's phone must
// match; a wrong one answers exactly like an unknown code, and look-ups are rate-limited per
// address, so codes cannot be enumerated.
func (s *Service) Track(ctx context.Context, code, last4 string) (api.PublicDossier, error) {
	if err := s.limiter.Check(ctx, "track:"+httpx.ClientIP(ctx), s.cfg.TrackLimitPerIP, time.Minute); err != nil {
		return api.PublicDossier{}, err
	}
	d, err := s.q.GetDossierByCode(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if errors.Is(err, pgx.ErrNoRows) {
		return api.PublicDossier{}, httpx.ErrNotFound
	}
	if err != nil {
		return api.PublicDossier{}, err
	}
	if !s.phoneEndsWith(ctx, d, last4) {
		return api.PublicDossier{}, httpx.ErrNotFound
	}
	evs, err := s.q.Events(ctx, d.ID)
	if err != nil {
		return api.PublicDossier{}, err
	}
	b := s.toAPI(d)
	out := api.PublicDossier{Code: d.Code, ProcedureName: d.ProcedureName, Status: b.Status, PortalStatusCode: b.PortalStatusCode,
		ReceivedAt: at(d.ReceivedAt), DueAt: at(d.DueAt), Overdue: b.Overdue, ResultAt: d.ResultAt}
	out.History = make([]struct {
		At     time.Time         `json:"at"`
		Status api.DossierStatus `json:"status"`
	}, 0, len(evs))
	for _, e := range evs {
		out.History = append(out.History, struct {
			At     time.Time         `json:"at"`
			Status api.DossierStatus `json:"status"`
		}{At: e.CreatedAt, Status: api.DossierStatus(e.ToStatus)})
	}
	return out, nil
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
