// Package auth proves who is calling: passwords, access tokens (JWT), refresh-token families,
// the login rate limit, and the Principal that every feature reads from the request context.
package auth

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Roles.
const (
	RoleCitizen   = "citizen"
	RoleVolunteer = "volunteer"
	RoleOfficer   = "officer"
	RoleAdmin     = "admin"
)

// Principal is the authenticated caller, loaded fresh from the database on every request so a
// deactivation or role change applies at once.
type Principal struct {
	UserID         uuid.UUID
	WardID         uuid.UUID
	NeighborhoodID uuid.NullUUID
	Role           string
	Locale         string
}

// Is reports whether the caller has one of the roles.
func (p Principal) Is(roles ...string) bool { return slices.Contains(roles, p.Role) }

// Staff reports whether the caller works for the ward (volunteer, officer or admin).
func (p Principal) Staff() bool { return p.Role != RoleCitizen }

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

// Require returns the caller when they have one of roles, else 401/403.
func Require(ctx context.Context, roles ...string) (Principal, error) {
	p, err := Caller(ctx)
	if err != nil {
		return p, err
	}
	if !p.Is(roles...) {
		return p, httpx.ErrForbidden
	}
	return p, nil
}

// SameWard returns 404 (not 403, so other wards' ids are not revealed) unless wardID is the
// caller's ward. Every tenant-scoped lookup goes through it or filters by the caller's ward in SQL.
func (p Principal) SameWard(wardID uuid.UUID) error {
	if p.WardID != wardID {
		return httpx.ErrNotFound
	}
	return nil
}
