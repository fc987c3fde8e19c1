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
       n.data, n.created_at, d.locale AS device_locale, d.platform AS device_platform, n.phone
FROM claimed c
JOIN notifications n ON n.id = c.notification_id
LEFT JOIN devices d ON d.token = c.token AND d.user_id = n.user_id;

-- name: ExtendPushLease :execrows
-- The heartbeat of a batch in flight: only its jobs still unanswered and still held by this claim.
-- (Pending written as "neither sent nor dead", as in MarkPushSent.)
UPDATE push_jobs SET lease_until = sqlc.arg('lease_until')
WHERE id = ANY(sqlc.arg('ids')::uuid[]) AND lease_token = sqlc.arg('lease_token') AND state NOT IN ('sent', 'dead');

-- name: MarkPushSent :exec
-- A sent push is a fact whoever holds the lease now. Pending is written as "neither sent nor
-- dead" so the rows are found by their ids alone: with state = 'pending' the planner, misled by
-- statistics from before a backlog, ANDs the id lookups with a scan of the whole
-- push_jobs_due_idx (every pending job) for each group of outcomes (issue 14).
UPDATE push_jobs SET state = 'sent', sent_at = sqlc.arg('now'), lease_until = NULL, lease_token = NULL, last_error = NULL
WHERE id = ANY(sqlc.arg('ids')::uuid[]) AND state NOT IN ('sent', 'dead');

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
SELECT c.id, c.notification_id, c.channel, c.phone, c.attempts, n.type, n.title_vi, n.body_vi, n.data,
       -- the person opted out of this channel since the job was queued (h-prefs)
       coalesce(CASE c.channel WHEN 'zns' THEN p.zns_opt_out WHEN 'sms' THEN p.sms_opt_out END, false)::boolean AS opted_out
FROM claimed c JOIN notifications n ON n.id = c.notification_id
LEFT JOIN notify_preferences p ON p.phone = c.phone;

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
-- The message a delivery report is about: by our tracking id, else the provider's message id
-- (the primary key or message_jobs_provider_idx: a bitmap OR, never a scan of the table).
SELECT id FROM message_jobs
WHERE channel = sqlc.arg('channel')
  AND (id = sqlc.narg('tracking_id')::uuid OR provider_id = sqlc.narg('message_id')::text)
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

-- name: WardMessageStats :many
-- What a ward's messages became, per channel and Vietnamese calendar month of the day they were
-- queued, over [from, to): read from the (ward_id, created_at) indexes of both outboxes. A push
-- counts as delivered when FCM accepted it (FCM sends no delivery report); a Zalo or SMS message
-- when its provider reported it delivered. Billed: what the provider accepted (state sent).
-- Not messages: a job cancelled (push confirmed, opt-out) and one still standing by behind a
-- live push for its confirmation (PUSH_CONFIRM_TIMEOUT), never claimed.
SELECT m.channel::text AS channel,
       date_trunc('month', m.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month,
       count(*)::bigint AS messages,
       count(*) FILTER (WHERE m.delivery = 'delivered')::bigint AS delivered,
       count(*) FILTER (WHERE m.delivery IS DISTINCT FROM 'delivered' AND (m.state = 'dead' OR m.delivery = 'failed'))::bigint AS failed,
       count(*) FILTER (WHERE m.delivery IS NULL AND m.state = 'pending')::bigint AS pending,
       count(*) FILTER (WHERE m.state = 'sent')::bigint AS billed,
       coalesce(sum(m.segments) FILTER (WHERE m.state = 'sent' AND m.channel = 'sms'), 0)::bigint AS segments
FROM message_jobs m
-- (LIMIT 1: probed per job through push_jobs' (notification_id, token) key, never hashed whole)
LEFT JOIN LATERAL (SELECT true AS live FROM push_jobs pj
                   WHERE pj.notification_id = m.notification_id AND pj.state <> 'dead' LIMIT 1) lp
       ON m.state = 'pending' AND m.attempts = 0
WHERE m.ward_id = sqlc.arg('ward_id') AND m.created_at >= sqlc.arg('from_at')::timestamptz AND m.created_at < sqlc.arg('to_at')::timestamptz
  AND m.state <> 'cancelled' AND lp.live IS NULL
GROUP BY 1, 2
UNION ALL
SELECT 'push', date_trunc('month', p.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
       count(*)::bigint,
       count(*) FILTER (WHERE p.state = 'sent')::bigint,
       count(*) FILTER (WHERE p.state = 'dead')::bigint,
       count(*) FILTER (WHERE p.state = 'pending')::bigint,
       0::bigint, 0::bigint
FROM push_jobs p
WHERE p.ward_id = sqlc.arg('ward_id') AND p.created_at >= sqlc.arg('from_at')::timestamptz AND p.created_at < sqlc.arg('to_at')::timestamptz
GROUP BY 1, 2
ORDER BY 2, 1;

-- name: SeedZaloToken :exec
INSERT INTO zalo_tokens (oa, access_token, refresh_token, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (oa) DO NOTHING;

-- name: ZaloToken :one
SELECT access_token FROM zalo_tokens WHERE oa = $1;

-- name: ZaloTokenForUpdate :one
SELECT * FROM zalo_tokens WHERE oa = $1 FOR UPDATE;

-- name: SetZaloToken :exec
UPDATE zalo_tokens SET access_token = $2, refresh_token = $3, updated_at = $4 WHERE oa = $1;

-- h-prefs: a person's channel preference and opt-out, the push acknowledgement, the routing.

-- name: RouteFacts :many
-- What routing a notification needs: its person's phone, devices and preference, and which
-- channels were already tried (a push job; a Zalo or SMS job and whether it may still start).
SELECT n.id, n.type, n.user_id, coalesce(n.phone, u.phone, '')::text AS phone,
       EXISTS (SELECT 1 FROM devices d WHERE d.user_id = n.user_id) AS has_device,
       p.channel_order, coalesce(p.zns_opt_out, false)::boolean AS zns_opt_out,
       coalesce(p.sms_opt_out, false)::boolean AS sms_opt_out,
       (SELECT CASE WHEN count(*) = 0 THEN '' WHEN bool_or(j.state IN ('pending', 'sent')) THEN 'live' ELSE 'failed' END
        FROM push_jobs j WHERE j.notification_id = n.id)::text AS push_state,
       coalesce((SELECT CASE WHEN m.state = 'pending' AND m.attempts = 0 THEN 'waiting'
                             WHEN m.state IN ('pending', 'sent') THEN 'live' ELSE 'failed' END
                 FROM message_jobs m WHERE m.notification_id = n.id AND m.channel = 'zns'), '')::text AS zns_state,
       coalesce((SELECT CASE WHEN m.state = 'pending' AND m.attempts = 0 THEN 'waiting'
                             WHEN m.state IN ('pending', 'sent') THEN 'live' ELSE 'failed' END
                 FROM message_jobs m WHERE m.notification_id = n.id AND m.channel = 'sms'), '')::text AS sms_state
FROM notifications n
LEFT JOIN users u ON u.id = n.user_id
LEFT JOIN notify_preferences p ON p.phone = coalesce(n.phone, u.phone)
WHERE n.id = ANY(sqlc.arg('ids')::uuid[]);

-- name: StartPush :execrows
-- The push jobs of a notification routed to the app: one per device the person has now.
INSERT INTO push_jobs (id, notification_id, token, next_attempt_at, created_at)
SELECT gen_random_uuid(), n.id, d.token, sqlc.arg('now')::timestamptz, sqlc.arg('now')::timestamptz
FROM notifications n JOIN devices d ON d.user_id = n.user_id
WHERE n.id = sqlc.arg('notification_id');

-- name: StartPhone :execrows
-- The Zalo or SMS job of a notification, due at not_before. A job already waiting (scheduled
-- after a push, never claimed) is brought forward instead: the push failed before its time.
INSERT INTO message_jobs (id, notification_id, channel, phone, ward_id, next_attempt_at, created_at)
SELECT gen_random_uuid(), n.id, sqlc.arg('channel')::text, coalesce(n.phone, u.phone), coalesce(n.ward_id, u.ward_id),
       sqlc.arg('not_before')::timestamptz, sqlc.arg('now')::timestamptz
FROM notifications n LEFT JOIN users u ON u.id = n.user_id
WHERE n.id = sqlc.arg('notification_id') AND coalesce(n.phone, u.phone) IS NOT NULL
ON CONFLICT (notification_id, channel) DO UPDATE
    SET next_attempt_at = least(message_jobs.next_attempt_at, excluded.next_attempt_at)
    WHERE message_jobs.state = 'pending' AND message_jobs.attempts = 0;

-- name: ConfirmReceived :one
-- The app says a push arrived (the key came in the push's data). A Zalo/SMS job not yet claimed
-- is cancelled in the same statement: its row lock orders it against a claim, so a job claimed
-- first (attempts > 0) is sent all the same, and one cancelled first is never claimed.
WITH n AS (
    UPDATE notifications r SET received_at = coalesce(r.received_at, sqlc.arg('now')::timestamptz)
    WHERE r.id = sqlc.arg('id')::uuid AND r.data->>'receipt_key' = sqlc.arg('key')::text
    RETURNING r.id
), c AS (
    UPDATE message_jobs j SET state = 'cancelled', last_error = 'push confirmed'
    WHERE j.notification_id IN (SELECT id FROM n) AND j.state = 'pending' AND j.attempts = 0
    RETURNING j.id
)
SELECT (SELECT count(*) FROM n)::int AS found, (SELECT count(*) FROM c)::int AS cancelled;

-- name: CancelMessageJob :exec
-- A claimed job whose person has opted out of its channel since it was queued.
UPDATE message_jobs SET state = 'cancelled', lease_until = NULL, lease_token = NULL, last_error = sqlc.arg('last_error')
WHERE id = sqlc.arg('id') AND lease_token = sqlc.arg('lease_token') AND state = 'pending';

-- name: PreferencesOfUser :one
SELECT u.phone, p.channel_order, coalesce(p.zns_opt_out, false)::boolean AS zns_opt_out,
       coalesce(p.sms_opt_out, false)::boolean AS sms_opt_out, p.source, p.updated_at
FROM users u LEFT JOIN notify_preferences p ON p.phone = u.phone
WHERE u.id = sqlc.arg('user_id');

-- name: SetPreferences :one
INSERT INTO notify_preferences (phone, channel_order, zns_opt_out, sms_opt_out, source, set_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (phone) DO UPDATE SET channel_order = excluded.channel_order, zns_opt_out = excluded.zns_opt_out,
    sms_opt_out = excluded.sms_opt_out, source = excluded.source, set_by = excluded.set_by, updated_at = excluded.updated_at
RETURNING *;

-- name: PhoneHasAccount :one
SELECT EXISTS (SELECT 1 FROM users WHERE phone = $1);

-- name: PhoneKnownInWard :one
-- A phone-only person the ward has served: a dossier's or a pickup's applicant without an account.
SELECT (EXISTS (SELECT 1 FROM dossiers d WHERE d.ward_id = sqlc.arg('ward_id')::uuid AND d.applicant_phone = sqlc.arg('phone')::text AND d.applicant_id IS NULL)
    OR EXISTS (SELECT 1 FROM pickups p WHERE p.ward_id = sqlc.arg('ward_id')::uuid AND p.applicant_phone = sqlc.arg('phone')::text))::boolean
    AS known;
