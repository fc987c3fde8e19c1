-- name: InsertDossier :one
-- A counter dossier comes received (received_at, due_at, receipt set); a submitted one has none yet.
INSERT INTO dossiers (id, ward_id, code, procedure_id, procedure_code, procedure_name, applicant_id, applicant_name,
                      applicant_phone, channel, return_method, status, note, submitted_at, received_at, due_at, original_due_at,
                      received_by, receipt, portal_code, created_by, created_at, updated_at)
VALUES (@id, @ward_id, @code, @procedure_id, @procedure_code, @procedure_name, @applicant_id, @applicant_name,
        @applicant_phone, @channel, @return_method, @status, @note, @submitted_at, sqlc.narg('received_at')::timestamptz,
        sqlc.narg('due_at')::timestamptz, sqlc.narg('due_at')::timestamptz, @received_by, @receipt, sqlc.narg('portal_code'),
        @created_by, @now, @now)
RETURNING *;

-- name: GetDossier :one
SELECT * FROM dossiers WHERE id = $1;

-- name: GetDossierForUpdate :one
SELECT * FROM dossiers WHERE id = $1 FOR UPDATE;

-- name: GetDossierByCode :one
SELECT * FROM dossiers WHERE code = $1;

-- name: SetStatus :one
-- paused_at is set on entering supplement_requested and cleared on leaving it; a pause that ends
-- adds its working days to paused_days and moves due_at (computed by the caller).
UPDATE dossiers SET status = @status, result_at = coalesce(result_at, sqlc.narg('result_at')),
    closed_at = coalesce(closed_at, sqlc.narg('closed_at')), updated_at = @now,
    paused_at = CASE WHEN @status = 'supplement_requested' THEN @now::timestamptz END,
    paused_days = paused_days + @add_paused_days::integer,
    due_at = coalesce(sqlc.narg('due_at')::timestamptz, due_at)
WHERE id = @id
RETURNING *;

-- name: Receive :one
-- Intake of a submitted dossier: the clock starts and the receipt is issued.
UPDATE dossiers SET status = 'received', received_at = @received_at::timestamptz, due_at = @due_at::timestamptz,
    original_due_at = @due_at::timestamptz, received_by = @received_by, receipt = @receipt, updated_at = @received_at::timestamptz
WHERE id = @id AND status = 'submitted'
RETURNING *;

-- name: SetPortalCode :one
UPDATE dossiers SET portal_code = sqlc.narg('portal_code'), updated_at = @now WHERE id = @id
RETURNING *;

-- name: ProcedureTerms :one
-- What intake needs beyond the catalogue's Procedure: how days count and the fee as stored (NULL:
-- set by the province).
SELECT processing_days, cutoff_hour, day_count, fee_vnd, required_documents FROM procedures WHERE id = @id AND ward_id = @ward_id;

-- name: UserName :one
SELECT full_name FROM users WHERE id = $1;

-- name: Reschedule :one
UPDATE dossiers SET due_at = @due_at::timestamptz, reschedule_count = reschedule_count + 1, updated_at = @now
WHERE id = @id
RETURNING *;

-- name: InsertEvent :exec
INSERT INTO dossier_events (id, dossier_id, ward_id, kind, from_status, to_status, actor_id, actor_role, note, due_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11);

-- name: Events :many
SELECT * FROM dossier_events WHERE dossier_id = $1 ORDER BY created_at, id;

-- name: WardOffice :one
SELECT name, office_name FROM wards WHERE id = $1;

-- name: SetReturnMethod :exec
UPDATE dossiers SET return_method = $2, updated_at = $3 WHERE id = $1;

-- name: WardCitizen :one
-- An applicant account the dossier may be linked to: a citizen of the dossier's ward.
SELECT id, full_name, phone FROM users WHERE id = @id AND ward_id = @ward_id AND role = 'citizen';
