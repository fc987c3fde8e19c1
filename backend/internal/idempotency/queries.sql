-- name: Get :one
SELECT * FROM idempotency_keys WHERE scope = $1 AND key = $2;

-- name: RecordCreated :exec
-- Inside the creating service's transaction: commits with what it created, or not at all. A
-- concurrent attempt with the same key waits here for the first one's transaction to end.
INSERT INTO idempotency_keys (scope, key, request_hash, created_at, resource_kind, resource_id)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: CompleteCreated :exec
-- Stores the answer of a committed creation (first attempt or rebuilt), once.
UPDATE idempotency_keys SET status_code = $3, content_type = $4, response_body = $5
WHERE scope = $1 AND key = $2 AND status_code IS NULL AND resource_id IS NOT NULL;

-- name: StoreRefusal :execrows
-- Stores a refusal (nothing was created); no row when the key was used meanwhile.
INSERT INTO idempotency_keys (scope, key, request_hash, created_at, status_code, content_type, response_body)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (scope, key) DO NOTHING;

-- name: DeleteExpired :execrows
DELETE FROM idempotency_keys WHERE created_at < $1;
