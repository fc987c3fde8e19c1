package auth

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth/authdb"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/ratelimit"
)

// Accounts is what auth needs from the accounts feature.
type Accounts interface {
	// RegisterCitizen validates and creates a citizen account.
	RegisterCitizen(ctx context.Context, req api.RegisterRequest) (api.User, error)
	// User returns the account as the API shows it.
	User(ctx context.Context, id uuid.UUID) (api.User, error)
}

// NewHasher is the password hasher the configuration asks for (argon2id).
func NewHasher(cfg config.Config) Hasher {
	return Hasher{MemoryKiB: cfg.PasswordMemoryKiB, Time: cfg.PasswordTime, Threads: 1}
}

// Service logs people in and out and authenticates requests.
type Service struct {
	pool     *pgxpool.Pool
	q        *authdb.Queries
	cfg      config.Config
	clock    clock.Clock
	Hasher   Hasher
	signer   *Signer
	limiter  *ratelimit.Limiter
	accounts Accounts
	dummy    string // a hash verified when the phone is unknown, so timing does not reveal accounts
	cache    *accountCache
	loader   *accountLoader
}

// NewService wires the service. The accounts feature comes first: it needs nothing of this
// service (it ends logins with the package's RevokeAll), so the two are wired without a cycle.
func NewService(pool *pgxpool.Pool, cfg config.Config, clk clock.Clock, limiter *ratelimit.Limiter, accounts Accounts) *Service {
	h := NewHasher(cfg)
	dummy, _ := h.Hash("not-a-real-password-1")
	q := authdb.New(pool)
	return &Service{pool: pool, q: q, cfg: cfg, clock: clk, Hasher: h,
		signer: NewSigner(cfg, clk), limiter: limiter, accounts: accounts, dummy: dummy, cache: newAccountCache(),
		loader: newAccountLoader(q)}
}

// Signer exposes the token signer (tests mint tokens with it).
func (s *Service) Signer() *Signer { return s.signer }

// Authenticate turns a bearer token into the caller, refusing bad tokens and inactive users.
// The account comes from the account cache when WatchAccounts keeps it, else from the database.
func (s *Service) Authenticate(ctx context.Context, token string) (Principal, error) {
	id, err := s.signer.Verify(token)
	if err != nil {
		return Principal{}, httpx.ErrUnauthorized
	}
	row, gen, ok := s.cache.get(id)
	if !ok {
		row, err = s.loader.load(ctx, id)
		if errors.Is(err, pgx.ErrNoRows) {
			return Principal{}, httpx.ErrUnauthorized
		}
		if err != nil {
			return Principal{}, err
		}
		s.cache.put(row, gen)
	}
	if !row.Active {
		return Principal{}, errInactive
	}
	return Principal{UserID: row.ID, WardID: row.WardID, NeighborhoodID: row.NeighborhoodID, Role: row.Role, Locale: row.Locale,
		account: &row}, nil
}

var (
	errInactive           = httpx.NewError(http.StatusUnauthorized, "account_inactive")
	errInvalidCredentials = httpx.NewError(http.StatusUnauthorized, "invalid_credentials")
	errRefreshInvalid     = httpx.NewError(http.StatusUnauthorized, "refresh_token_invalid")
	errRefreshReused      = httpx.NewError(http.StatusUnauthorized, "refresh_token_reused")
)

func init() {
	httpx.Register(map[string]httpx.Text{
		"account_inactive":      {VI: "Tài khoản đã bị khóa", EN: "This account has been deactivated"},
		"invalid_credentials":   {VI: "Số điện thoại hoặc mật khẩu không đúng", EN: "Wrong phone number or password"},
		"refresh_token_invalid": {VI: "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại", EN: "Your session has expired, please log in again"},
		"refresh_token_reused":  {VI: "Phiên đăng nhập đã bị thu hồi vì mã làm mới bị dùng lại, vui lòng đăng nhập lại", EN: "This session was revoked because a refresh token was reused; please log in again"},
		"phone_taken":           {VI: "Số điện thoại đã được đăng ký", EN: "This phone number is already registered"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"weak_password": {VI: "Mật khẩu cần ít nhất 8 ký tự, có cả chữ và số, và không phải mật khẩu phổ biến", EN: "Use at least 8 characters with letters and digits, not a common password"},
		"invalid_phone": {VI: "Số điện thoại không hợp lệ", EN: "Not a valid phone number"},
	})
}

// Register creates a citizen and logs them in.
func (s *Service) Register(ctx context.Context, req api.RegisterRequest) (api.AuthResponse, error) {
	u, err := s.accounts.RegisterCitizen(ctx, req)
	if err != nil {
		return api.AuthResponse{}, err
	}
	return s.startSession(ctx, u)
}

// Login checks the phone and password, under a per-phone and per-address rate limit.
func (s *Service) Login(ctx context.Context, req api.LoginRequest, clientIP string) (api.AuthResponse, error) {
	key := req.Phone
	if p, err := phone.Normalize(req.Phone); err == nil {
		key = p
	}
	window := s.cfg.LoginLimitWindow
	for _, b := range []struct {
		bucket string
		limit  int
	}{{"login-ip:" + clientIP, s.cfg.LoginLimitPerIP}, {"login-phone:" + key, s.cfg.LoginLimitPerPhone}} {
		if err := s.limiter.Check(ctx, b.bucket, b.limit, window); err != nil {
			return api.AuthResponse{}, err
		}
	}
	cred, err := s.q.CredentialsByPhone(ctx, key)
	if errors.Is(err, pgx.ErrNoRows) {
		_, _ = s.Hasher.Verify(req.Password, s.dummy)
		return api.AuthResponse{}, errInvalidCredentials
	}
	if err != nil {
		return api.AuthResponse{}, err
	}
	ok, err := s.Hasher.Verify(req.Password, cred.PasswordHash)
	if err != nil {
		return api.AuthResponse{}, err
	}
	if !ok {
		return api.AuthResponse{}, errInvalidCredentials
	}
	if !cred.Active {
		return api.AuthResponse{}, errInactive
	}
	u, err := s.accounts.User(ctx, cred.ID)
	if err != nil {
		return api.AuthResponse{}, err
	}
	return s.startSession(ctx, u)
}

// startSession opens a new refresh-token family for the user.
func (s *Service) startSession(ctx context.Context, u api.User) (api.AuthResponse, error) {
	refresh, err := s.insertRefresh(ctx, s.q, u.Id, uuid.Must(uuid.NewV7()))
	if err != nil {
		return api.AuthResponse{}, err
	}
	return s.tokens(u, refresh)
}

func (s *Service) insertRefresh(ctx context.Context, q *authdb.Queries, userID, family uuid.UUID) (string, error) {
	token, hash, err := newRefreshToken()
	if err != nil {
		return "", err
	}
	now := s.clock.Now()
	err = q.InsertRefreshToken(ctx, authdb.InsertRefreshTokenParams{
		ID: uuid.Must(uuid.NewV7()), FamilyID: family, UserID: userID, TokenHash: hash,
		CreatedAt: now, ExpiresAt: now.Add(s.cfg.RefreshTTL),
	})
	return token, err
}

func (s *Service) tokens(u api.User, refresh string) (api.AuthResponse, error) {
	access, err := s.signer.Issue(u.Id)
	if err != nil {
		return api.AuthResponse{}, err
	}
	return api.AuthResponse{
		User: u, AccessToken: access, RefreshToken: refresh,
		TokenType: api.Bearer, ExpiresIn: int(s.signer.TTL() / time.Second),
	}, nil
}

// Refresh rotates a refresh token. A token presented a second time means it leaked: the whole
// family is revoked (committed even though the call fails) and the caller must log in again.
func (s *Service) Refresh(ctx context.Context, token string) (api.AuthResponse, error) {
	var (
		userID  uuid.UUID
		refresh string
		outcome error
	)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		// Hold the family's lock first (then the row's, always in that order): a reuse that
		// revokes the family must also see the token a concurrent rotation is adding.
		family, err := q.RefreshTokenFamily(ctx, hashRefreshToken(token))
		if errors.Is(err, pgx.ErrNoRows) {
			outcome = errRefreshInvalid
			return nil
		}
		if err != nil {
			return err
		}
		if err := q.LockRefreshFamily(ctx, family); err != nil {
			return err
		}
		now := s.clock.Now()
		rt, err := q.RefreshTokenForUpdate(ctx, hashRefreshToken(token))
		if errors.Is(err, pgx.ErrNoRows) {
			outcome = errRefreshInvalid
			return nil
		}
		if err != nil {
			return err
		}
		switch {
		case rt.RevokedAt != nil:
			outcome = errRefreshInvalid
			return nil
		case rt.UsedAt != nil:
			outcome = errRefreshReused
			return q.RevokeFamily(ctx, authdb.RevokeFamilyParams{FamilyID: rt.FamilyID, RevokedAt: &now})
		case !now.Before(rt.ExpiresAt):
			outcome = errRefreshInvalid
			return nil
		}
		p, err := q.PrincipalByID(ctx, rt.UserID)
		if err != nil {
			return err
		}
		if !p.Active {
			outcome = errInactive
			return q.RevokeFamily(ctx, authdb.RevokeFamilyParams{FamilyID: rt.FamilyID, RevokedAt: &now})
		}
		if err := q.MarkRefreshTokenUsed(ctx, authdb.MarkRefreshTokenUsedParams{ID: rt.ID, UsedAt: &now}); err != nil {
			return err
		}
		userID = rt.UserID
		refresh, err = s.insertRefresh(ctx, q, rt.UserID, rt.FamilyID)
		return err
	})
	if err != nil {
		return api.AuthResponse{}, err
	}
	if outcome != nil {
		return api.AuthResponse{}, outcome
	}
	u, err := s.accounts.User(ctx, userID)
	if err != nil {
		return api.AuthResponse{}, err
	}
	return s.tokens(u, refresh)
}

// Logout revokes the token's family. Unknown tokens are ignored: logging out twice is fine.
// Under the family's lock, so a rotation in flight finishes first and its new token is revoked too.
func (s *Service) Logout(ctx context.Context, token string) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		family, err := q.RefreshTokenFamily(ctx, hashRefreshToken(token))
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := q.LockRefreshFamily(ctx, family); err != nil {
			return err
		}
		now := s.clock.Now()
		return q.RevokeFamily(ctx, authdb.RevokeFamilyParams{FamilyID: family, RevokedAt: &now})
	})
}

// RevokeAll ends every login of the user at `at`, inside the caller's transaction (a
// deactivation or a role change takes effect at the next refresh and the next request).
func RevokeAll(ctx context.Context, tx pgx.Tx, userID uuid.UUID, at time.Time) error {
	return authdb.New(tx).RevokeUserTokens(ctx, authdb.RevokeUserTokensParams{UserID: userID, RevokedAt: &at})
}
