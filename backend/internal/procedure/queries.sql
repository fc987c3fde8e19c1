-- name: GetProcedure :one
SELECT * FROM procedures WHERE id = $1;

-- name: GetProcedureInWard :one
SELECT * FROM procedures WHERE id = $1 AND ward_id = $2;

-- name: GetProcedureInWardForUpdate :one
SELECT * FROM procedures WHERE id = $1 AND ward_id = $2 FOR UPDATE;

-- name: WardIDByCode :one
SELECT id FROM wards WHERE code = $1;

-- name: ListActiveProcedures :many
-- A ward's active procedures ordered by (field, name, id); the page starts after the position
-- of the cursor's procedure. Every pattern must match search_text (the folded name and code).
SELECT * FROM procedures
WHERE ward_id = sqlc.arg('ward_id') AND active
  AND (sqlc.narg('field')::text IS NULL OR field = sqlc.narg('field'))
  AND (sqlc.narg('channel')::text IS NULL OR sqlc.narg('channel')::text = ANY (channels))
  AND search_text LIKE ALL (sqlc.arg('patterns')::text[])
  AND (sqlc.narg('after_id')::uuid IS NULL
       OR (field, name, id) > (sqlc.narg('after_field')::text, sqlc.narg('after_name')::text, sqlc.narg('after_id')::uuid))
ORDER BY field, name, id
LIMIT sqlc.arg('lim');

-- name: CreateProcedure :one
INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, day_count, cutoff_hour, fee_vnd,
                        fee_note, required_documents, channels, active, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, true, sqlc.arg('now'), sqlc.arg('now'))
RETURNING *;

-- name: SeedProcedure :exec
-- Demo data only: adds the procedure unless the ward already has its code.
INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, day_count, cutoff_hour, fee_vnd,
                        fee_note, required_documents, channels, active, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, true, sqlc.arg('now'), sqlc.arg('now'))
ON CONFLICT (ward_id, code) DO NOTHING;

-- name: UpdateProcedure :one
UPDATE procedures SET
    name               = sqlc.arg('name'),
    search_text        = sqlc.arg('search_text'),
    field              = sqlc.arg('field'),
    processing_days    = sqlc.arg('processing_days'),
    day_count          = sqlc.arg('day_count'),
    cutoff_hour        = sqlc.narg('cutoff_hour'),
    fee_vnd            = sqlc.narg('fee_vnd'),
    fee_note           = sqlc.narg('fee_note'),
    required_documents = sqlc.arg('required_documents'),
    channels           = sqlc.arg('channels'),
    active             = sqlc.arg('active'),
    updated_at         = sqlc.arg('now')
WHERE id = sqlc.arg('id') AND ward_id = sqlc.arg('ward_id')
RETURNING *;
