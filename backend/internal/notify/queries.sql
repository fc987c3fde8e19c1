-- name: InsertNotification :batchexec
INSERT INTO notifications (id, user_id, type, title_vi, title_en, body_vi, body_en, data, created_at, phone, ward_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);

-- name: InsertPushJobs :batchexec
-- One job per device the user has now.
INSERT INTO push_jobs (id, notification_id, token, next_attempt_at, created_at)
SELECT gen_random_uuid(), sqlc.arg('notification_id'), d.token, sqlc.arg('now'), sqlc.arg('now')
FROM devices d WHERE d.user_id = sqlc.narg('user_id');

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
       n.data, n.created_at, d.locale AS device_locale, n.phone
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
WHERE user_id = sqlc.arg('user_id')::uuid
  AND (NOT sqlc.arg('unread_only')::boolean OR read_at IS NULL)
  AND (sqlc.narg('before_id')::uuid IS NULL OR id < sqlc.narg('before_id'))
ORDER BY id DESC
LIMIT sqlc.arg('lim');

-- name: UnreadCount :one
SELECT count(*) FROM notifications WHERE user_id = sqlc.arg('user_id')::uuid AND read_at IS NULL;

-- name: MarkRead :one
UPDATE notifications SET read_at = coalesce(read_at, sqlc.arg('now'))
WHERE id = sqlc.arg('id') AND user_id = sqlc.arg('user_id')::uuid
RETURNING *;

-- name: QueueStats :one
-- Read at /metrics scrape time, from the partial index of pending jobs.
SELECT count(*)::bigint AS pending,
       coalesce(extract(epoch FROM sqlc.arg('now')::timestamptz - min(next_attempt_at) FILTER (WHERE next_attempt_at <= sqlc.arg('now'))), 0)::float8 AS oldest_due_seconds
FROM push_jobs WHERE state = 'pending';

-- name: InsertPhoneJobs :batchexec
-- The Zalo job of a notification whose addressee has no device to push to (or no account):
-- the phone is the message's, else the account's; the ward the message's, else the account's.
INSERT INTO message_jobs (id, notification_id, channel, phone, ward_id, next_attempt_at, created_at)
SELECT gen_random_uuid(), n.id, 'zns', coalesce(n.phone, u.phone), coalesce(n.ward_id, u.ward_id),
       sqlc.arg('not_before'), sqlc.arg('now')
FROM notifications n LEFT JOIN users u ON u.id = n.user_id
WHERE n.id = sqlc.arg('notification_id') AND coalesce(n.phone, u.phone) IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.user_id = n.user_id)
ON CONFLICT (notification_id, channel) DO NOTHING;

-- name: FallBackFromPush :execrows
-- A push that failed for good (UNREGISTERED token, permanent error, too many attempts) hands the
-- notification to Zalo, unless another device's push is still pending or was sent.
INSERT INTO message_jobs (id, notification_id, channel, phone, ward_id, next_attempt_at, created_at)
SELECT gen_random_uuid(), n.id, 'zns', coalesce(n.phone, u.phone), coalesce(n.ward_id, u.ward_id),
       sqlc.arg('not_before'), sqlc.arg('now')
FROM notifications n LEFT JOIN users u ON u.id = n.user_id
WHERE n.id = sqlc.arg('notification_id') AND coalesce(n.phone, u.phone) IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM push_jobs p WHERE p.notification_id = n.id AND p.state IN ('pending', 'sent'))
ON CONFLICT (notification_id, channel) DO NOTHING;

-- name: FallBackToSMS :execrows
-- A Zalo message that failed for good becomes an SMS (only for the events that warrant one:
-- the caller decides), once per notification.
INSERT INTO message_jobs (id, notification_id, channel, phone, ward_id, next_attempt_at, created_at)
SELECT gen_random_uuid(), z.notification_id, 'sms', z.phone, z.ward_id, sqlc.arg('not_before'), sqlc.arg('now')
FROM message_jobs z WHERE z.id = sqlc.arg('zns_job_id') AND z.channel = 'zns'
ON CONFLICT (notification_id, channel) DO NOTHING;

-- name: ClaimMessageJobs :many
WITH claimed AS (
    UPDATE message_jobs j SET lease_until = sqlc.arg('lease_until'), lease_token = sqlc.arg('lease_token'),
        attempts = j.attempts + 1
    WHERE j.id IN (
        SELECT q.id FROM message_jobs q
        WHERE q.state = 'pending' AND q.next_attempt_at <= sqlc.arg('now')
          AND (q.lease_until IS NULL OR q.lease_until < sqlc.arg('now'))
        ORDER BY q.next_attempt_at
        LIMIT sqlc.arg('batch')
        FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j.notification_id, j.channel, j.phone, j.attempts
)
SELECT c.id, c.notification_id, c.channel, c.phone, c.attempts, n.type, n.title_vi, n.body_vi, n.data
FROM claimed c JOIN notifications n ON n.id = c.notification_id;

-- name: MarkMessageSent :exec
UPDATE message_jobs SET state = 'sent', sent_at = sqlc.arg('now'), provider_id = sqlc.narg('provider_id'),
    segments = sqlc.arg('segments'), lease_until = NULL, lease_token = NULL, last_error = NULL
WHERE id = sqlc.arg('id') AND state = 'pending';

-- name: RetryMessageJob :exec
UPDATE message_jobs SET next_attempt_at = sqlc.arg('next_attempt_at'), lease_until = NULL, lease_token = NULL,
    last_error = sqlc.arg('last_error')
WHERE id = sqlc.arg('id') AND lease_token = sqlc.arg('lease_token') AND state = 'pending';

-- name: KillMessageJob :exec
UPDATE message_jobs SET state = 'dead', lease_until = NULL, lease_token = NULL, last_error = sqlc.arg('last_error')
WHERE id = sqlc.arg('id') AND lease_token = sqlc.arg('lease_token') AND state = 'pending';

-- name: RecordReceipt :execrows
-- A delivery report's event id, once: 0 rows means a replay.
INSERT INTO message_receipts (provider, event_id, job_id, received_at) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING;

-- name: MessageJobForReceipt :one
-- The message a delivery report is about: by our tracking id, else the provider's message id.
SELECT id FROM message_jobs
WHERE channel = sqlc.arg('channel')
  AND (id::text = sqlc.arg('tracking_id')::text OR (sqlc.arg('message_id')::text <> '' AND provider_id = sqlc.arg('message_id')::text))
LIMIT 1 FOR UPDATE;

-- name: ApplyDelivery :execrows
-- A delivery report sets delivered or failed; a report older than the one already applied (out
-- of order) changes nothing, and "delivered" is final (a message that arrived did arrive). A
-- report may come before the sent outcome is written: it applies all the same.
UPDATE message_jobs SET delivery = sqlc.arg('delivery')::text, delivery_at = sqlc.arg('at')::timestamptz
WHERE id = sqlc.arg('id')
  AND (delivery IS NULL OR (delivery <> 'delivered'
       AND (sqlc.arg('delivery')::text = 'delivered' OR delivery_at < sqlc.arg('at')::timestamptz)));

-- name: WardMessageCounts :many
-- ZNS and SMS messages sent for a ward in a month [from, to): what the ward is billed for.
SELECT channel, count(*)::bigint AS messages, coalesce(sum(segments), 0)::bigint AS segments,
       count(*) FILTER (WHERE delivery = 'delivered')::bigint AS delivered,
       count(*) FILTER (WHERE delivery = 'failed')::bigint AS failed
FROM message_jobs
WHERE ward_id = sqlc.arg('ward_id') AND state = 'sent' AND sent_at >= sqlc.arg('from')::timestamptz AND sent_at < sqlc.arg('to')::timestamptz
GROUP BY channel ORDER BY channel;

-- name: SeedZaloToken :exec
INSERT INTO zalo_tokens (oa, access_token, refresh_token, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (oa) DO NOTHING;

-- name: ZaloToken :one
SELECT access_token FROM zalo_tokens WHERE oa = $1;

-- name: ZaloTokenForUpdate :one
SELECT * FROM zalo_tokens WHERE oa = $1 FOR UPDATE;

-- name: SetZaloToken :exec
UPDATE zalo_tokens SET access_token = $2, refresh_token = $3, updated_at = $4 WHERE oa = $1;
