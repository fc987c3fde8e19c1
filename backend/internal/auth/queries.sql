-- name: PrincipalByID :one
SELECT id, ward_id, neighborhood_id, role, active, locale FROM users WHERE id = $1;

-- name: CredentialsByPhone :one
SELECT id, password_hash, active FROM users WHERE phone = $1;

-- name: InsertRefreshToken :exec
INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: RefreshTokenForUpdate :one
SELECT * FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE;

-- name: MarkRefreshTokenUsed :exec
UPDATE refresh_tokens SET used_at = $2 WHERE id = $1;

-- name: RevokeFamily :exec
UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL;

-- name: RevokeUserTokens :exec
UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL;
