// Package auth proves who is calling: passwords, access tokens (JWT), refresh-token families,
// the login rate limit, and the Principal that every feature reads from the request context.
package auth

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth/authdb"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Roles.
const (
	RoleCitizen   = "citizen"
	RoleVolunteer = "volunteer"
	RoleOfficer   = "officer"
	RoleAdmin     = "admin"
)

// Principal is the authenticated caller, as the database has it now: read on each request, or
// from the account cache, which drops an account the moment it changes (see accountCache), so a
// deactivation or role change applies at once.
type Principal struct {
	UserID         uuid.UUID
	WardID         uuid.UUID
	NeighborhoodID uuid.NullUUID
	Role           string
	Locale         string
	account        *authdb.AccountsByIDsRow // the row it was made from, when authenticated
}

// User is the caller's account as the API shows it (GET /v1/me), from the row authentication
// read: no second read of the same row. ok is false for a Principal not made by Authenticate.
func (p Principal) User() (u api.User, ok bool) {
	r := p.account
	if r == nil {
		return api.User{}, false
	}
	u = api.User{Id: r.ID, Phone: r.Phone, FullName: r.FullName, Role: api.Role(r.Role), WardId: r.WardID,
		WardCode: r.WardCode, Locale: api.Locale(r.Locale), Active: r.Active, CreatedAt: r.CreatedAt}
	if r.NeighborhoodID.Valid {
		id := r.NeighborhoodID.UUID
		u.NeighborhoodId = &id
	}
	return u, true
}

// Is reports whether the caller has one of the roles.
func (p Principal) Is(roles ...string) bool { return slices.Contains(roles, p.Role) }

// The product speaks of two groups of people working for a ward, and names them apart:
//   - ward staff: everyone the ward gives an account to work with (volunteers, officers, admins);
//   - office: the one-stop office's own people (officers and admins), who make its decisions.

// WardStaff reports whether the caller works for the ward: a volunteer, an officer or an admin.
func (p Principal) WardStaff() bool { return p.Is(RoleVolunteer, RoleOfficer, RoleAdmin) }

// Office reports whether the caller is one of the office's own people: an officer or an admin.
func (p Principal) Office() bool { return p.Is(RoleOfficer, RoleAdmin) }

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the caller, if the request was authenticated.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// Caller returns the authenticated caller, or a 401 when there is none. Handlers behind the
// gate always have one; this keeps a handler safe even if its route were exposed by mistake.
func Caller(ctx context.Context) (Principal, error) {
	if p, ok := FromContext(ctx); ok {
		return p, nil
	}
	return Principal{}, httpx.ErrUnauthorized
}
