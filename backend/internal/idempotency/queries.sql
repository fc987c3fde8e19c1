-- name: Get :one
SELECT * FROM idempotency_keys WHERE scope = $1 AND key = $2;

-- name: RecordCreated :execrows
-- Inside the creating service's transaction: commits with what it created, or not at all.
-- No row when another attempt with the key is in its transaction now (it holds the key's
-- advisory lock): that one is not waited for, since waiting would hold a pooled connection
-- that the other attempt may need to finish.
INSERT INTO idempotency_keys (scope, key, request_hash, created_at, resource_kind, resource_id)
SELECT $1, $2, $3, $4, $5, $6
WHERE pg_try_advisory_xact_lock(hashtextextended($1 || ' ' || $2, 0));

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
