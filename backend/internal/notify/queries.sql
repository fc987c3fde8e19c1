-- name: InsertNotification :batchexec
INSERT INTO notifications (id, user_id, type, title_vi, title_en, body_vi, body_en, data, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: InsertPushJobs :batchexec
-- One job per device the user has now.
INSERT INTO push_jobs (id, notification_id, token, next_attempt_at, created_at)
SELECT gen_random_uuid(), sqlc.arg('notification_id'), d.token, sqlc.arg('now'), sqlc.arg('now')
FROM devices d WHERE d.user_id = sqlc.arg('user_id');

-- name: ClaimPushJobs :many
-- Lease a batch of due jobs; SKIP LOCKED lets any number of workers share the queue, and an
-- expired lease (a worker died after claiming) makes a job claimable again.
WITH claimed AS (
    UPDATE push_jobs j SET lease_until = sqlc.arg('lease_until'), lease_token = sqlc.arg('lease_token'),
        attempts = j.attempts + 1
    WHERE j.id IN (
        SELECT q.id FROM push_jobs q
        WHERE q.state = 'pending' AND q.next_attempt_at <= sqlc.arg('now')
          AND (q.lease_until IS NULL OR q.lease_until < sqlc.arg('now'))
        ORDER BY q.next_attempt_at
        LIMIT sqlc.arg('batch')
        FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j.notification_id, j.token, j.attempts
)
SELECT c.id, c.notification_id, c.token, c.attempts, n.user_id, n.type, n.title_vi, n.title_en, n.body_vi, n.body_en,
       n.data, n.created_at, d.locale AS device_locale
FROM claimed c
JOIN notifications n ON n.id = c.notification_id
LEFT JOIN devices d ON d.token = c.token AND d.user_id = n.user_id;

-- name: ExtendPushLease :execrows
-- The heartbeat of a batch in flight: only its jobs still unanswered and still held by this claim.
UPDATE push_jobs SET lease_until = sqlc.arg('lease_until')
WHERE id = ANY(sqlc.arg('ids')::uuid[]) AND lease_token = sqlc.arg('lease_token') AND state = 'pending';

-- name: MarkPushSent :exec
-- A sent push is a fact whoever holds the lease now.
UPDATE push_jobs SET state = 'sent', sent_at = sqlc.arg('now'), lease_until = NULL, lease_token = NULL, last_error = NULL
WHERE id = ANY(sqlc.arg('ids')::uuid[]) AND state = 'pending';

-- name: RetryPushJob :exec
UPDATE push_jobs SET next_attempt_at = sqlc.arg('next_attempt_at'), lease_until = NULL, lease_token = NULL,
    last_error = sqlc.arg('last_error')
WHERE id = sqlc.arg('id') AND lease_token = sqlc.arg('lease_token') AND state = 'pending';

-- name: KillPushJob :exec
UPDATE push_jobs SET state = 'dead', lease_until = NULL, lease_token = NULL, last_error = sqlc.arg('last_error')
WHERE id = sqlc.arg('id') AND lease_token = sqlc.arg('lease_token') AND state = 'pending';

-- name: DeleteDeviceToken :exec
DELETE FROM devices WHERE token = $1;

-- name: UpsertDevice :one
INSERT INTO devices (token, user_id, platform, app_version, locale, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, platform = excluded.platform,
    app_version = excluded.app_version, locale = excluded.locale, updated_at = excluded.updated_at
RETURNING *;

-- name: DeleteUserDevice :exec
DELETE FROM devices WHERE token = $1 AND user_id = $2;

-- name: ListNotifications :many
SELECT * FROM notifications
WHERE user_id = sqlc.arg('user_id')
  AND (NOT sqlc.arg('unread_only')::boolean OR read_at IS NULL)
  AND (sqlc.narg('before_id')::uuid IS NULL OR id < sqlc.narg('before_id'))
ORDER BY id DESC
LIMIT sqlc.arg('lim');

-- name: UnreadCount :one
SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL;

-- name: MarkRead :one
UPDATE notifications SET read_at = coalesce(read_at, sqlc.arg('now'))
WHERE id = sqlc.arg('id') AND user_id = sqlc.arg('user_id')
RETURNING *;

-- name: QueueStats :one
-- Read at /metrics scrape time, from the partial index of pending jobs.
SELECT count(*)::bigint AS pending,
       coalesce(extract(epoch FROM sqlc.arg('now')::timestamptz - min(next_attempt_at) FILTER (WHERE next_attempt_at <= sqlc.arg('now'))), 0)::float8 AS oldest_due_seconds
FROM push_jobs WHERE state = 'pending';
