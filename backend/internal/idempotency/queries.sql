-- name: Claim :one
-- Inserts the in-progress record; returns nothing when (scope, key) already exists.
INSERT INTO idempotency_keys (scope, key, request_hash, created_at)
VALUES ($1, $2, $3, $4)
ON CONFLICT (scope, key) DO NOTHING
RETURNING scope;

-- name: Get :one
SELECT * FROM idempotency_keys WHERE scope = $1 AND key = $2;

-- name: Complete :exec
UPDATE idempotency_keys SET status_code = $3, content_type = $4, response_body = $5
WHERE scope = $1 AND key = $2;

-- name: Release :exec
DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status_code IS NULL;

-- name: DeleteExpired :execrows
DELETE FROM idempotency_keys WHERE created_at < $1;
