-- name: Hit :one
INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES ($1, $2, 1)
ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
RETURNING hits;

-- name: DeleteBefore :execrows
DELETE FROM rate_limit_hits WHERE window_start < $1;
