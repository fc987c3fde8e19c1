-- name: InsertDossier :one
INSERT INTO dossiers (id, ward_id, code, procedure_id, procedure_code, procedure_name, applicant_id, applicant_name,
                      applicant_phone, channel, return_method, status, note, submitted_at, received_at, due_at, original_due_at,
                      created_by, created_at, updated_at)
VALUES (@id, @ward_id, @code, @procedure_id, @procedure_code, @procedure_name, @applicant_id, @applicant_name,
        @applicant_phone, @channel, @return_method, 'received', @note, @now, @received_at::timestamptz, @due_at::timestamptz,
        @due_at::timestamptz, @created_by, @now, @now)
RETURNING *;

-- name: GetDossier :one
SELECT * FROM dossiers WHERE id = $1;

-- name: GetDossierForUpdate :one
SELECT * FROM dossiers WHERE id = $1 FOR UPDATE;

-- name: GetDossierByCode :one
SELECT * FROM dossiers WHERE code = $1;

-- name: SetStatus :one
UPDATE dossiers SET status = @status, result_at = coalesce(result_at, sqlc.narg('result_at')),
    closed_at = coalesce(closed_at, sqlc.narg('closed_at')), updated_at = @now,
    paused_at = CASE WHEN @status = 'supplement_requested' THEN @now::timestamptz END
WHERE id = @id
RETURNING *;

-- name: Reschedule :one
UPDATE dossiers SET due_at = @due_at::timestamptz, reschedule_count = reschedule_count + 1, updated_at = @now
WHERE id = @id
RETURNING *;

-- name: InsertEvent :exec
INSERT INTO dossier_events (id, dossier_id, ward_id, kind, from_status, to_status, actor_id, actor_role, note, due_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);

-- name: Events :many
SELECT * FROM dossier_events WHERE dossier_id = $1 ORDER BY created_at, id;

-- name: ListDossiers :many
-- Newest first (UUIDv7 ids); "overdue" is derived: an open dossier past its due time.
SELECT * FROM dossiers
WHERE ward_id = @ward_id
  AND (sqlc.narg('applicant_id')::uuid IS NULL OR applicant_id = sqlc.narg('applicant_id'))
  AND (sqlc.narg('status')::text IS NULL OR status = sqlc.narg('status'))
  AND (sqlc.narg('channel')::text IS NULL OR channel = sqlc.narg('channel'))
  AND (sqlc.narg('procedure_id')::uuid IS NULL OR procedure_id = sqlc.narg('procedure_id'))
  AND (sqlc.narg('overdue')::boolean IS NULL OR
       (status IN ('received', 'in_review', 'supplement_requested', 'approved') AND due_at < @now::timestamptz) = sqlc.narg('overdue'))
  AND (sqlc.narg('before_id')::uuid IS NULL OR id < sqlc.narg('before_id'))
ORDER BY id DESC
LIMIT @lim;

-- name: WardName :one
SELECT name FROM wards WHERE id = $1;

-- name: SetReturnMethod :exec
UPDATE dossiers SET return_method = $2, updated_at = $3 WHERE id = $1;
