-- name: CreateUser :one
INSERT INTO users (id, ward_id, neighborhood_id, role, phone, full_name, password_hash, locale, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
RETURNING *;

-- name: GetUser :one
SELECT u.*, w.code AS ward_code FROM users u JOIN wards w ON w.id = u.ward_id WHERE u.id = $1;

-- name: GetUserByPhone :one
SELECT u.*, w.code AS ward_code FROM users u JOIN wards w ON w.id = u.ward_id WHERE u.phone = $1;

-- name: GetUserInWardForUpdate :one
SELECT * FROM users WHERE id = $1 AND ward_id = $2 FOR UPDATE;

-- name: UpdateUser :one
UPDATE users SET
    full_name       = coalesce(sqlc.narg('full_name'), full_name),
    neighborhood_id = coalesce(sqlc.narg('neighborhood_id'), neighborhood_id),
    locale          = coalesce(sqlc.narg('locale'), locale),
    role            = coalesce(sqlc.narg('role'), role),
    active          = coalesce(sqlc.narg('active'), active),
    updated_at      = sqlc.arg('now')
WHERE id = sqlc.arg('id')
RETURNING *;

-- name: ListUsers :many
-- Newest first; ids are UUIDv7 so id order is creation order and makes a stable cursor.
-- on_duty: a volunteer's duty switch (the console shows who can be given pickups).
SELECT u.*, w.code AS ward_code,
       coalesce((SELECT v.on_duty FROM volunteer_duty v WHERE v.user_id = u.id), false)::boolean AS on_duty
FROM users u JOIN wards w ON w.id = u.ward_id
WHERE u.ward_id = sqlc.arg('ward_id')
  AND (sqlc.narg('role')::text IS NULL OR u.role = sqlc.narg('role'))
  AND (sqlc.narg('active')::boolean IS NULL OR u.active = sqlc.narg('active'))
  -- A search (q=) is searchSQL's statement (search.go), written for the trigram indexes.
  AND (sqlc.narg('before_id')::uuid IS NULL OR u.id < sqlc.narg('before_id'))
ORDER BY u.id DESC
LIMIT sqlc.arg('lim');

-- name: WardByCode :one
SELECT id, code FROM wards WHERE code = $1;

-- name: WardCode :one
SELECT code FROM wards WHERE id = $1;

-- name: NeighborhoodInWard :one
SELECT EXISTS (SELECT 1 FROM neighborhoods WHERE id = $1 AND ward_id = $2);

-- name: SeedUser :exec
-- Demo data only: creates the account unless the phone is already registered.
INSERT INTO users (id, ward_id, neighborhood_id, role, phone, full_name, password_hash, locale, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, 'vi', now(), now())
ON CONFLICT (phone) DO NOTHING;

-- name: Residents :many
SELECT id FROM users WHERE ward_id = $1 AND neighborhood_id = $2 AND role = 'citizen' AND active ORDER BY id;

-- h-prefs: a new citizen claims what the ward recorded for their phone without an account.
-- Only the ward's own (an applicant is a user of the dossier's ward: FK), only what no account
-- holds; a pickup for a person without an account keeps no name and phone of its own once it
-- has the account (pickups_applicant_check).

-- name: ClaimDossiers :execrows
UPDATE dossiers SET applicant_id = sqlc.arg('user_id'), updated_at = sqlc.arg('now')
WHERE applicant_phone = sqlc.arg('phone')::text AND applicant_id IS NULL AND ward_id = sqlc.arg('ward_id')::uuid;

-- name: ClaimPickups :execrows
UPDATE pickups SET citizen_id = sqlc.arg('user_id'), applicant_name = NULL, applicant_phone = NULL, updated_at = sqlc.arg('now')
WHERE applicant_phone = sqlc.arg('phone')::text AND citizen_id IS NULL AND ward_id = sqlc.arg('ward_id')::uuid;

-- name: ClaimNotifications :execrows
-- What the office told that phone about the ward's affairs shows in the new inbox.
UPDATE notifications SET user_id = sqlc.arg('user_id')
WHERE phone = sqlc.arg('phone')::text AND user_id IS NULL AND ward_id = sqlc.arg('ward_id')::uuid;

-- name: LockCitizen :one
-- The account row's lock serializes everything about its phone codes (h-otp).
SELECT id, ward_id, phone, role, phone_verified_at FROM users WHERE id = $1 AND active FOR UPDATE;

-- name: PhoneCodesSince :many
SELECT created_at FROM phone_codes WHERE user_id = $1 AND created_at > sqlc.arg('since')::timestamptz
ORDER BY created_at;

-- name: InsertPhoneCode :exec
INSERT INTO phone_codes (id, user_id, phone, code_hash, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6);

-- name: LatestPhoneCode :one
SELECT * FROM phone_codes WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1;

-- name: CountPhoneCodeAttempt :exec
UPDATE phone_codes SET attempts = attempts + 1 WHERE id = $1;

-- name: UsePhoneCode :exec
UPDATE phone_codes SET used_at = sqlc.arg('now')::timestamptz WHERE id = sqlc.arg('id');

-- name: MarkPhoneVerified :exec
UPDATE users SET phone_verified_at = sqlc.arg('now')::timestamptz WHERE id = sqlc.arg('id');

-- name: BlankPhoneCodeTexts :exec
UPDATE notifications SET body_vi = '', body_en = ''
WHERE phone = sqlc.arg('phone')::text AND user_id IS NULL AND ward_id IS NULL AND type = 'account.phone_code';

-- name: SMSOptedOut :one
-- A person who refused SMS (notify preferences) would never get the code: the worker cancels it.
SELECT coalesce((SELECT sms_opt_out FROM notify_preferences WHERE phone = sqlc.arg('phone')::text), false)::boolean;
