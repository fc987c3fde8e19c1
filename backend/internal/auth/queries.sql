-- name: PrincipalByID :one
SELECT id, ward_id, neighborhood_id, role, active, locale FROM users WHERE id = $1;

-- name: CredentialsByPhone :one
SELECT id, password_hash, active FROM users WHERE phone = $1;

-- name: InsertRefreshToken :exec
INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: RefreshTokenFamily :one
SELECT family_id FROM refresh_tokens WHERE token_hash = $1;

-- name: LockRefreshFamily :exec
-- Serialises everything that changes one login's tokens (rotation, reuse, logout) until the
-- transaction ends, so a revocation also sees the token a concurrent rotation just added.
SELECT pg_advisory_xact_lock(hashtextextended(sqlc.arg(family_id)::uuid::text, 0));

-- name: RefreshTokenForUpdate :one
SELECT * FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE;

-- name: MarkRefreshTokenUsed :exec
UPDATE refresh_tokens SET used_at = $2 WHERE id = $1;

-- name: RevokeFamily :exec
UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL;

-- name: RevokeUserTokens :exec
UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL;

-- name: AccountsByIDs :many
-- The callers as a request needs them: the principal and what GET /v1/me shows (kept by the
-- account cache until the row changes). The callers whose requests missed the cache at the same
-- moment are read together (accountloader.go).
SELECT u.id, u.ward_id, u.neighborhood_id, u.role, u.active, u.locale, u.phone, u.full_name, u.created_at,
       w.code AS ward_code
FROM users u JOIN wards w ON w.id = u.ward_id WHERE u.id = ANY(@ids::uuid[]);
