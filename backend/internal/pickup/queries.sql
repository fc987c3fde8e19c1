-- name: Settings :one
SELECT * FROM pickup_settings WHERE ward_id = $1;

-- name: PutSettings :one
INSERT INTO pickup_settings (ward_id, dispatch_mode, escalate_after_minutes, updated_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (ward_id) DO UPDATE SET dispatch_mode = excluded.dispatch_mode,
    escalate_after_minutes = excluded.escalate_after_minutes, updated_at = excluded.updated_at
RETURNING *;

-- name: SetDuty :exec
INSERT INTO volunteer_duty (user_id, on_duty, updated_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id) DO UPDATE SET on_duty = excluded.on_duty, updated_at = excluded.updated_at;

-- name: InsertPickup :one
INSERT INTO pickups (id, ward_id, neighborhood_id, citizen_id, applicant_name, applicant_phone, created_by, address, lat, lng,
                     reason, procedure_id, preferred_date, window_start, window_end, contact_phone, note, status, created_at, updated_at)
VALUES (@id, @ward_id, @neighborhood_id, sqlc.narg('citizen_id'), sqlc.narg('applicant_name'), sqlc.narg('applicant_phone'), @created_by,
        @address, @lat, @lng, @reason, @procedure_id, @preferred_date, @window_start, @window_end, @contact_phone, @note, 'requested',
        @now, @now)
RETURNING *;

-- name: GetPickup :one
SELECT * FROM pickups WHERE id = $1;

-- name: GetPickupForUpdate :one
SELECT * FROM pickups WHERE id = $1 FOR UPDATE;

-- name: Claim :one
-- The compare-and-set that makes a volunteer the holder: only one of many racing accepts finds
-- the row still open (or still assigned to them).
UPDATE pickups SET status = 'accepted', volunteer_id = @volunteer_id, updated_at = @now
WHERE id = @id AND (status = 'requested' OR (status = 'assigned' AND volunteer_id = @volunteer_id))
RETURNING *;

-- name: Assign :one
UPDATE pickups SET status = 'assigned', volunteer_id = @volunteer_id, escalated_at = NULL, updated_at = @now
WHERE id = @id AND status IN ('requested', 'assigned')
RETURNING *;

-- name: SetPickupStatus :one
UPDATE pickups SET status = @status, volunteer_id = CASE WHEN @release::boolean THEN NULL ELSE volunteer_id END,
    updated_at = @now
WHERE id = @id RETURNING *;

-- name: Collect :one
UPDATE pickups SET status = 'collected', collected_documents = @collected, missing_documents = @missing,
    form_data = @form_data, procedure_id = coalesce(sqlc.narg('procedure_id'), procedure_id),
    confirmed_at = sqlc.narg('confirmed_at'), updated_at = @now
WHERE id = @id RETURNING *;

-- name: Confirm :one
UPDATE pickups SET confirmed_at = coalesce(confirmed_at, @now), updated_at = @now WHERE id = @id RETURNING *;

-- name: HandOver :one
UPDATE pickups SET status = 'handed_over', dossier_id = @dossier_id, dossier_code = @dossier_code::text, updated_at = @now
WHERE id = @id AND status = 'collected' RETURNING *;

-- name: Rate :one
UPDATE pickups SET rating = @rating, rating_comment = @comment, updated_at = @now WHERE id = @id RETURNING *;

-- name: InsertPickupEvent :exec
INSERT INTO pickup_events (id, pickup_id, from_status, to_status, actor_id, actor_role, note, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: PickupEvents :many
SELECT * FROM pickup_events WHERE pickup_id = $1 ORDER BY created_at, id;

-- name: Decline :exec
INSERT INTO pickup_declines (pickup_id, volunteer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: NextVolunteer :one
-- The active, on-duty volunteer of the neighbourhood with the fewest open tasks who has not
-- declined this request.
SELECT u.id FROM users u
JOIN volunteer_duty v ON v.user_id = u.id AND v.on_duty
WHERE u.ward_id = @ward_id AND u.neighborhood_id = @neighborhood_id AND u.role = 'volunteer' AND u.active
  AND NOT EXISTS (SELECT 1 FROM pickup_declines d WHERE d.pickup_id = @pickup_id AND d.volunteer_id = u.id)
ORDER BY (SELECT count(*) FROM pickups p WHERE p.volunteer_id = u.id
          AND p.status IN ('assigned', 'accepted', 'en_route', 'collected')), u.id
LIMIT 1;

-- name: ListPickups :many
SELECT * FROM pickups
WHERE ward_id = @ward_id
  AND (sqlc.narg('citizen_ids')::uuid[] IS NULL OR citizen_id = ANY(sqlc.narg('citizen_ids')::uuid[]))
  AND (sqlc.narg('volunteer_view')::uuid IS NULL OR volunteer_id = sqlc.narg('volunteer_view')
       OR (status = 'requested' AND neighborhood_id = sqlc.narg('volunteer_hood')))
  AND (sqlc.narg('status')::text IS NULL OR status = sqlc.narg('status'))
  AND (sqlc.narg('neighborhood_id')::uuid IS NULL OR neighborhood_id = sqlc.narg('neighborhood_id'))
  AND (sqlc.narg('at_risk')::boolean IS NULL OR (escalated_at IS NOT NULL AND status = 'requested') = sqlc.narg('at_risk'))
  AND (sqlc.narg('before_id')::uuid IS NULL OR id < sqlc.narg('before_id'))
ORDER BY id DESC
LIMIT @lim;

-- name: Escalate :many
-- Requests nobody took within the ward's limit (120 minutes unless set), marked once.
UPDATE pickups SET escalated_at = sqlc.arg('now')::timestamptz
WHERE status = 'requested' AND escalated_at IS NULL
  AND created_at < sqlc.arg('now')::timestamptz - coalesce(
      (SELECT s.escalate_after_minutes FROM pickup_settings s WHERE s.ward_id = pickups.ward_id), 120) * interval '1 minute'
RETURNING id, ward_id, address;

-- name: Officers :many
SELECT id FROM users WHERE ward_id = $1 AND role IN ('officer', 'admin') AND active;

-- name: OnDutyVolunteers :many
SELECT u.id FROM users u JOIN volunteer_duty v ON v.user_id = u.id AND v.on_duty
WHERE u.ward_id = @ward_id AND u.neighborhood_id = @neighborhood_id AND u.role = 'volunteer' AND u.active;

-- name: NeighborhoodInWard :one
SELECT EXISTS (SELECT 1 FROM neighborhoods WHERE id = $1 AND ward_id = $2);

-- name: ActiveVolunteer :one
-- Read inside the transition's transaction (never through the pool while it holds the row).
SELECT EXISTS (SELECT 1 FROM users WHERE id = @id AND ward_id = @ward_id AND role = 'volunteer' AND active);

-- name: ProcedureDocuments :one
-- The documents a ward's procedure requires, read inside the transition's transaction.
SELECT required_documents FROM procedures WHERE id = @id AND ward_id = @ward_id;

-- name: FullName :one
-- A volunteer's name for the citizen's message, read inside the transaction.
SELECT full_name FROM users WHERE id = $1;

-- name: CitizenNames :many
-- The names of the account holders a page of pickups is for (one query per page).
SELECT id, full_name FROM users WHERE id = ANY(@ids::uuid[]);
