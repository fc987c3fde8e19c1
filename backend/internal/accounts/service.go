// Package accounts manages user accounts: citizens registering, the caller's own profile, and
// staff accounts managed by a ward's admin and officers.
package accounts

import (
	"context"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/accounts/accountsdb"
	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/phone"
)

// Service is the accounts feature.
type Service struct {
	pool   *pgxpool.Pool
	q      *accountsdb.Queries
	clock  clock.Clock
	hasher auth.Hasher
}

// NewService wires the feature.
func NewService(pool *pgxpool.Pool, clk clock.Clock, hasher auth.Hasher) *Service {
	return &Service{pool: pool, q: accountsdb.New(pool), clock: clk, hasher: hasher}
}

func init() {
	httpx.Register(map[string]httpx.Text{
		"cannot_change_self": {VI: "Bạn không thể tự đổi vai trò hoặc tự khóa tài khoản của mình", EN: "You cannot change your own role or deactivate yourself"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"unknown_ward":         {VI: "Không có phường/xã với mã này", EN: "No ward has this code"},
		"unknown_neighborhood": {VI: "Khu phố không thuộc phường/xã này", EN: "This neighbourhood is not in the ward"},
		"phone_taken":          {VI: "Số điện thoại đã được đăng ký", EN: "This phone number is already registered"},
		"role_not_allowed":     {VI: "Bạn không được tạo hoặc gán vai trò này", EN: "You may not create or assign this role"},
	})
}

// newUser is a validated account to create.
type newUser struct {
	wardID       uuid.UUID
	neighborhood *uuid.UUID
	role         string
	phone        string
	fullName     string
	password     string
	locale       *api.Locale
}

// validate checks the common fields and returns field errors.
func (s *Service) validate(ctx context.Context, u *newUser) []httpx.FieldError {
	var fields []httpx.FieldError
	if p, err := phone.Normalize(u.phone); err != nil {
		fields = append(fields, httpx.Field("phone", "invalid_phone"))
	} else {
		u.phone = p
	}
	if code := auth.PasswordProblem(u.password); code != "" {
		fields = append(fields, httpx.Field("password", code))
	}
	var code string
	if u.fullName, code = httpx.CheckText(u.fullName, 120); code != "" {
		fields = append(fields, httpx.Field("full_name", code))
	}
	if u.neighborhood != nil && u.wardID != uuid.Nil {
		if err := s.checkNeighborhood(ctx, u.wardID, *u.neighborhood); err != nil {
			fields = append(fields, httpx.Field("neighborhood_id", "unknown_neighborhood"))
		}
	}
	return fields
}

func (s *Service) checkNeighborhood(ctx context.Context, wardID, id uuid.UUID) error {
	ok, err := s.q.NeighborhoodInWard(ctx, accountsdb.NeighborhoodInWardParams{ID: id, WardID: wardID})
	if err != nil {
		return err
	}
	if !ok {
		return httpx.Invalid(httpx.Field("neighborhood_id", "unknown_neighborhood"))
	}
	return nil
}

// create inserts a validated user and its audit event in one transaction.
func (s *Service) create(ctx context.Context, u newUser, actor uuid.UUID) (api.User, error) {
	hash, err := s.hasher.Hash(u.password)
	if err != nil {
		return api.User{}, err
	}
	locale := api.Vi
	if u.locale != nil {
		locale = *u.locale
	}
	var nb uuid.NullUUID
	if u.neighborhood != nil {
		nb = uuid.NullUUID{UUID: *u.neighborhood, Valid: true}
	}
	now := s.clock.Now()
	id := uuid.Must(uuid.NewV7())
	var row accountsdb.User
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, idemKind, id); err != nil {
			return err
		}
		var err error
		row, err = s.q.WithTx(tx).CreateUser(ctx, accountsdb.CreateUserParams{
			ID: id, WardID: u.wardID, NeighborhoodID: nb, Role: u.role,
			Phone: u.phone, FullName: u.fullName, PasswordHash: hash, Locale: string(locale), CreatedAt: now,
		})
		if err != nil {
			return err
		}
		// Nothing recorded for the phone is claimed here: that waits for the texted code (verify.go).
		return audit.Record(ctx, tx, audit.Event{WardID: u.wardID, ActorID: actor, Action: "user.create",
			TargetType: "user", TargetID: row.ID, Detail: map[string]any{"role": u.role}, At: now})
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == "users_phone_key" {
		return api.User{}, &httpx.Error{Status: http.StatusConflict, Code: "phone_taken",
			Fields: []httpx.FieldError{httpx.Field("phone", "phone_taken")}}
	}
	if err != nil {
		return api.User{}, err
	}
	return s.User(ctx, row.ID)
}

// RegisterCitizen creates a citizen account from the public sign-up form.
func (s *Service) RegisterCitizen(ctx context.Context, req api.RegisterRequest) (api.User, error) {
	u := newUser{role: auth.RoleCitizen, phone: req.Phone, fullName: req.FullName, password: req.Password,
		neighborhood: req.NeighborhoodId, locale: req.Locale}
	ward, err := s.q.WardByCode(ctx, req.WardCode)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		fields := append(s.validate(ctx, &u), httpx.Field("ward_code", "unknown_ward"))
		return api.User{}, httpx.Invalid(fields...)
	case err != nil:
		return api.User{}, err
	}
	u.wardID = ward.ID
	if fields := s.validate(ctx, &u); len(fields) > 0 {
		return api.User{}, httpx.Invalid(fields...)
	}
	return s.create(ctx, u, uuid.Nil)
}

// User returns one account as the API shows it.
func (s *Service) User(ctx context.Context, id uuid.UUID) (api.User, error) {
	row, err := s.q.GetUser(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return api.User{}, httpx.ErrNotFound
	}
	if err != nil {
		return api.User{}, err
	}
	return toAPI(accountsdb.User{ID: row.ID, WardID: row.WardID, NeighborhoodID: row.NeighborhoodID,
		Role: row.Role, Phone: row.Phone, FullName: row.FullName, Locale: row.Locale, Active: row.Active,
		CreatedAt: row.CreatedAt}, row.WardCode), nil
}

func toAPI(u accountsdb.User, wardCode string) api.User {
	out := api.User{
		Id: u.ID, Phone: u.Phone, FullName: u.FullName, Role: api.Role(u.Role), WardId: u.WardID,
		WardCode: wardCode, Locale: api.Locale(u.Locale), Active: u.Active, CreatedAt: u.CreatedAt,
	}
	if u.NeighborhoodID.Valid {
		id := u.NeighborhoodID.UUID
		out.NeighborhoodId = &id
	}
	return out
}

// Residents lists the active citizens of a neighbourhood (announcements go to them).
func (s *Service) Residents(ctx context.Context, wardID, neighborhoodID uuid.UUID) ([]uuid.UUID, error) {
	return s.q.Residents(ctx, accountsdb.ResidentsParams{WardID: wardID, NeighborhoodID: uuid.NullUUID{UUID: neighborhoodID, Valid: true}})
}
