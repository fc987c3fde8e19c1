package accounts

import (
	"context"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/accounts/accountsdb"
	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
)

// mayCreate says which roles each staff role may create: an admin any staff role, an officer
// only volunteers. Nobody creates citizens: they register themselves.
var mayCreate = map[string][]string{
	auth.RoleAdmin:   {auth.RoleAdmin, auth.RoleOfficer, auth.RoleVolunteer},
	auth.RoleOfficer: {auth.RoleVolunteer},
}

func allowed(list []string, role string) bool {
	for _, r := range list {
		if r == role {
			return true
		}
	}
	return false
}

// CreateStaff creates an account in the caller's own ward.
func (s *Service) CreateStaff(ctx context.Context, caller auth.Principal, req api.CreateUserRequest) (api.User, error) {
	if id, ok := idempotency.Committed(ctx, idemKind); ok {
		return s.User(ctx, id)
	}
	role := string(req.Role)
	if !allowed(mayCreate[caller.Role], role) {
		if caller.Role == auth.RoleOfficer && role != auth.RoleCitizen {
			return api.User{}, httpx.ErrForbidden
		}
		return api.User{}, httpx.Invalid(httpx.Field("role", "role_not_allowed"))
	}
	u := newUser{wardID: caller.WardID, neighborhood: req.NeighborhoodId, role: role, phone: req.Phone,
		fullName: req.FullName, password: req.Password, locale: req.Locale}
	if fields := s.validate(ctx, &u); len(fields) > 0 {
		return api.User{}, httpx.Invalid(fields...)
	}
	return s.create(ctx, u, caller.UserID)
}

// List returns a page of the caller's ward's accounts, newest first.
func (s *Service) List(ctx context.Context, caller auth.Principal, p api.ListUsersParams) (api.UserList, error) {
	before, err := httpx.DecodeIDCursor(p.Cursor)
	if err != nil {
		return api.UserList{}, err
	}
	limit := httpx.Limit(p.Limit)
	var role *string
	if p.Role != nil {
		r := string(*p.Role)
		role = &r
	}
	var rows []accountsdb.ListUsersRow
	if words, digits := searchTerms(p.Q); words != nil {
		rows, err = s.search(ctx, userSearch{WardID: caller.WardID, Role: role, Active: p.Active, Words: words, Digits: digits,
			BeforeID: before, Lim: int32(limit)})
	} else {
		rows, err = s.q.ListUsers(ctx, accountsdb.ListUsersParams{
			WardID: caller.WardID, Role: role, Active: p.Active, BeforeID: before, Lim: int32(limit),
		})
	}
	if err != nil {
		return api.UserList{}, err
	}
	out := api.UserList{Items: make([]api.User, 0, len(rows))}
	for _, r := range rows {
		u := toAPI(accountsdb.User{ID: r.ID, WardID: r.WardID, NeighborhoodID: r.NeighborhoodID,
			Role: r.Role, Phone: r.Phone, FullName: r.FullName, Locale: r.Locale, Active: r.Active,
			CreatedAt: r.CreatedAt}, r.WardCode)
		if u.Role == api.Volunteer {
			onDuty := r.OnDuty
			u.OnDuty = &onDuty
		}
		out.Items = append(out.Items, u)
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), limit, rows[len(rows)-1].ID.String())
	}
	return out, nil
}

// UpdateStaff changes another account of the caller's ward. Officers manage volunteers only and
// cannot change roles; nobody changes their own role or deactivates themselves (no lock-out).
// Deactivation ends every login of the account in the same transaction.
func (s *Service) UpdateStaff(ctx context.Context, caller auth.Principal, id uuid.UUID, req api.UpdateUserRequest) (api.User, error) {
	if id == caller.UserID && (req.Role != nil || req.Active != nil) {
		return api.User{}, httpx.NewError(http.StatusConflict, "cannot_change_self")
	}
	params := accountsdb.UpdateUserParams{ID: id, Active: req.Active, Now: s.clock.Now()}
	var fields []httpx.FieldError
	if req.FullName != nil {
		name, code := httpx.CheckText(*req.FullName, 120)
		if code != "" {
			fields = append(fields, httpx.Field("full_name", code))
		}
		params.FullName = &name
	}
	if req.Role != nil {
		if caller.Role != auth.RoleAdmin {
			return api.User{}, httpx.ErrForbidden
		}
		r := string(*req.Role)
		params.Role = &r
	}
	if req.NeighborhoodId != nil {
		if err := s.checkNeighborhood(ctx, caller.WardID, *req.NeighborhoodId); err != nil {
			var he *httpx.Error
			if !errors.As(err, &he) {
				return api.User{}, err
			}
			fields = append(fields, he.Fields...)
		}
		params.NeighborhoodID = uuid.NullUUID{UUID: *req.NeighborhoodId, Valid: true}
	}
	if len(fields) > 0 {
		return api.User{}, httpx.Invalid(fields...)
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		target, err := q.GetUserInWardForUpdate(ctx, accountsdb.GetUserInWardForUpdateParams{ID: id, WardID: caller.WardID})
		if errors.Is(err, pgx.ErrNoRows) {
			return httpx.ErrNotFound
		}
		if err != nil {
			return err
		}
		if caller.Role == auth.RoleOfficer && target.Role != auth.RoleVolunteer {
			return httpx.ErrForbidden
		}
		if _, err := q.UpdateUser(ctx, params); err != nil {
			return err
		}
		action := "user.update"
		if req.Active != nil && !*req.Active && target.Active {
			action = "user.deactivate"
			if err := auth.RevokeAll(ctx, tx, id, s.clock.Now()); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Event{WardID: caller.WardID, ActorID: caller.UserID, Action: action,
			TargetType: "user", TargetID: id, Detail: changes(req), At: params.Now})
	})
	if err != nil {
		return api.User{}, err
	}
	return s.User(ctx, id)
}

// changes lists what a PATCH asked to change, for the audit trail.
func changes(req api.UpdateUserRequest) map[string]any {
	m := map[string]any{}
	if req.FullName != nil {
		m["full_name"] = true
	}
	if req.NeighborhoodId != nil {
		m["neighborhood_id"] = req.NeighborhoodId.String()
	}
	if req.Role != nil {
		m["role"] = string(*req.Role)
	}
	if req.Active != nil {
		m["active"] = *req.Active
	}
	return m
}

// UpdateMe changes the caller's own name, neighbourhood (within their ward) or language.
func (s *Service) UpdateMe(ctx context.Context, caller auth.Principal, req api.UpdateMeRequest) (api.User, error) {
	params := accountsdb.UpdateUserParams{ID: caller.UserID, Now: s.clock.Now()}
	if req.FullName != nil {
		name, code := httpx.CheckText(*req.FullName, 120)
		if code != "" {
			return api.User{}, httpx.Invalid(httpx.Field("full_name", code))
		}
		params.FullName = &name
	}
	if req.NeighborhoodId != nil {
		if err := s.checkNeighborhood(ctx, caller.WardID, *req.NeighborhoodId); err != nil {
			return api.User{}, err
		}
		params.NeighborhoodID = uuid.NullUUID{UUID: *req.NeighborhoodId, Valid: true}
	}
	if req.Locale != nil {
		l := string(*req.Locale)
		params.Locale = &l
	}
	if _, err := s.q.UpdateUser(ctx, params); err != nil {
		return api.User{}, err
	}
	return s.User(ctx, caller.UserID)
}

// idemKind names users in the idempotency record of POST /v1/users.
const idemKind = "user"
