package pickup

import (
	"context"
	"math"
	"slices"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
	"github.com/motcuagandan/motcua/backend/internal/representation"
	"github.com/motcuagandan/motcua/backend/internal/representation/representationdb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// visibleTo: the citizen it is for and their representatives (acts: actsFor's answer; never
// anyone else's, and nobody's when it is for a person without an account); the volunteer holding
// it, or any volunteer of its neighbourhood while it is open; the ward's officers and admins.
func visibleTo(c auth.Principal, acts []uuid.UUID) func(pickupdb.Pickup) bool {
	return func(p pickupdb.Pickup) bool {
		switch c.Role {
		case auth.RoleCitizen:
			return p.CitizenID.Valid && (p.CitizenID.UUID == c.UserID || p.WardID == c.WardID && slices.Contains(acts, p.CitizenID.UUID))
		case auth.RoleVolunteer:
			return p.WardID == c.WardID && (holds(p, c) ||
				Status(p.Status) == Requested && c.NeighborhoodID.Valid && c.NeighborhoodID.UUID == p.NeighborhoodID)
		case auth.RoleOfficer, auth.RoleAdmin:
			return p.WardID == c.WardID
		}
		return false
	}
}

// claimableBy: a volunteer may race for a pickup of their neighbourhood (or one they were
// assigned); the losers learn it was taken, everyone else that it does not exist.
func claimableBy(c auth.Principal) func(pickupdb.Pickup) bool {
	return func(p pickupdb.Pickup) bool {
		return p.WardID == c.WardID && (holds(p, c) || c.NeighborhoodID.Valid && c.NeighborhoodID.UUID == p.NeighborhoodID)
	}
}

func holds(p pickupdb.Pickup, c auth.Principal) bool {
	return p.VolunteerID.Valid && p.VolunteerID.UUID == c.UserID
}

// Get returns a pickup with its timeline.
func (s *Service) Get(ctx context.Context, caller auth.Principal, id uuid.UUID) (Pickup, error) {
	return s.view(ctx, caller, id)
}

func (s *Service) view(ctx context.Context, caller auth.Principal, id uuid.UUID) (Pickup, error) {
	acts, err := actsFor(ctx, s.pool, caller)
	if err != nil {
		return Pickup{}, err
	}
	return s.load(ctx, caller, id, visibleTo(caller, acts))
}

// actsFor is, for a citizen, whose pickups they see: their own and those of every applicant they
// hold a live representation for (a representative books and follows pickups for the applicant,
// issue 11; a revoked link no longer counts). Nil for staff. db is the pool or a transaction.
func actsFor(ctx context.Context, db representationdb.DBTX, c auth.Principal) ([]uuid.UUID, error) {
	if c.Role != auth.RoleCitizen {
		return nil, nil
	}
	return representation.Viewers(ctx, db, c.UserID)
}

// represents reports whether the citizen c acts for the citizen p is for, not being them.
func represents(c auth.Principal, acts []uuid.UUID, p pickupdb.Pickup) bool {
	return c.Role == auth.RoleCitizen && p.WardID == c.WardID && p.CitizenID.Valid && p.CitizenID.UUID != c.UserID &&
		slices.Contains(acts, p.CitizenID.UUID)
}

// acted is the pickup as shown to whoever just moved it, even if the move took it out of their
// sight (a volunteer who declined); personal details still follow the usual rules.
func (s *Service) acted(ctx context.Context, caller auth.Principal, id uuid.UUID) (Pickup, error) {
	return s.load(ctx, caller, id, func(pickupdb.Pickup) bool { return true })
}

func (s *Service) load(ctx context.Context, caller auth.Principal, id uuid.UUID, visible func(pickupdb.Pickup) bool) (Pickup, error) {
	p, err := tenant.Load(ctx, id, s.q.GetPickup, visible)
	if err != nil {
		return Pickup{}, err
	}
	evs, err := s.q.PickupEvents(ctx, id)
	if err != nil {
		return Pickup{}, err
	}
	out := []Pickup{seenBy(p, caller)}
	if err := s.name(ctx, out); err != nil {
		return Pickup{}, err
	}
	out[0].Events = evs
	return out[0], nil
}

// name fills the account holders' names of the pickups whose details the caller may see: the
// volunteer at the door needs to know whom to ask for.
func (s *Service) name(ctx context.Context, ps []Pickup) error {
	var ids []uuid.UUID
	for _, p := range ps {
		if p.Private && p.CitizenID.Valid {
			ids = append(ids, p.CitizenID.UUID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := s.q.CitizenNames(ctx, ids)
	if err != nil {
		return err
	}
	names := make(map[uuid.UUID]string, len(rows))
	for _, r := range rows {
		names[r.ID] = r.FullName
	}
	for i := range ps {
		if ps[i].Private && ps[i].CitizenID.Valid {
			ps[i].CitizenName = names[ps[i].CitizenID.UUID]
		}
	}
	return nil
}

// seenBy is the row as caller sees it: the phones and the filled form go only to those who need
// them (not to a volunteer who does not hold the task).
func seenBy(p pickupdb.Pickup, c auth.Principal) Pickup {
	return Pickup{Pickup: p, Private: c.Role != auth.RoleVolunteer || holds(p, c)}
}

// List returns a page of pickups as the caller's role sees them; volunteers' pages are sorted
// nearest first when they say where they are.
func (s *Service) List(ctx context.Context, caller auth.Principal, f Filter) ([]Pickup, *string, error) {
	before, err := httpx.DecodeIDCursor(f.Cursor)
	if err != nil {
		return nil, nil, err
	}
	params := pickupdb.ListPickupsParams{WardID: caller.WardID, AtRisk: f.AtRisk, BeforeID: before, Lim: int32(f.Limit)}
	switch caller.Role {
	case auth.RoleCitizen:
		// their own and those of the applicants they represent
		if params.CitizenIds, err = actsFor(ctx, s.pool, caller); err != nil {
			return nil, nil, err
		}
	case auth.RoleVolunteer:
		params.VolunteerView = uuid.NullUUID{UUID: caller.UserID, Valid: true}
		params.VolunteerHood = caller.NeighborhoodID
	}
	if f.Status != nil {
		st := string(*f.Status)
		params.Status = &st
	}
	if f.NeighborhoodID != nil {
		params.NeighborhoodID = uuid.NullUUID{UUID: *f.NeighborhoodID, Valid: true}
	}
	rows, err := s.q.ListPickups(ctx, params)
	if err != nil {
		return nil, nil, err
	}
	out := make([]Pickup, 0, len(rows))
	near := f.NearLat != nil && f.NearLng != nil
	for _, r := range rows {
		item := seenBy(r, caller)
		if near && r.Lat != nil && r.Lng != nil {
			d := haversineKm(*f.NearLat, *f.NearLng, *r.Lat, *r.Lng)
			item.DistanceKm = &d
		}
		out = append(out, item)
	}
	if err := s.name(ctx, out); err != nil {
		return nil, nil, err
	}
	if near {
		slices.SortStableFunc(out, func(a, b Pickup) int {
			switch {
			case a.DistanceKm == nil && b.DistanceKm == nil:
				return 0
			case a.DistanceKm == nil:
				return 1
			case b.DistanceKm == nil:
				return -1
			case *a.DistanceKm < *b.DistanceKm:
				return -1
			case *a.DistanceKm > *b.DistanceKm:
				return 1
			}
			return 0
		})
	}
	var next *string
	if len(rows) > 0 {
		next = httpx.NextCursor(len(rows), f.Limit, rows[len(rows)-1].ID.String())
	}
	return out, next, nil
}

func haversineKm(lat1, lng1, lat2, lng2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLng := (lat2-lat1)*rad, (lng2-lng1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}
