-- Representatives (người được ủy quyền) acting for applicants, with the applicant's consent.

-- name: Citizen :one
-- An active citizen account: only citizens represent or are represented.
SELECT id, ward_id, full_name FROM users WHERE id = $1 AND role = 'citizen' AND active;

-- name: CitizenByPhone :one
SELECT id, ward_id, full_name FROM users WHERE phone = $1 AND role = 'citizen' AND active;

-- name: Insert :exec
INSERT INTO representations (id, ward_id, representative_id, applicant_id, relationship, consent_note, consent_method,
                             consent_at, recorded_by, created_at)
VALUES (@id, @ward_id, @representative_id, @applicant_id, @relationship, @consent_note, @consent_method,
        @now, @recorded_by, @now);

-- name: Get :one
SELECT r.id, r.ward_id, r.representative_id, rep.full_name AS representative_name, r.applicant_id,
       app.full_name AS applicant_name, r.relationship, r.consent_method, r.consent_note, r.consent_at, r.recorded_by,
       r.revoked_at, r.revoked_by, r.created_at
FROM representations r
JOIN users rep ON rep.id = r.representative_id
JOIN users app ON app.id = r.applicant_id
WHERE r.id = $1;

-- name: LockForRevoke :one
SELECT id, ward_id, representative_id, applicant_id, revoked_at FROM representations WHERE id = $1 FOR UPDATE;

-- name: Revoke :exec
UPDATE representations SET revoked_at = @now::timestamptz, revoked_by = @revoked_by WHERE id = @id AND revoked_at IS NULL;

-- name: List :many
-- Newest first (UUIDv7 ids). party: a citizen's own links, as representative or as applicant.
SELECT r.id, r.ward_id, r.representative_id, rep.full_name AS representative_name, r.applicant_id,
       app.full_name AS applicant_name, r.relationship, r.consent_method, r.consent_note, r.consent_at, r.recorded_by,
       r.revoked_at, r.revoked_by, r.created_at
FROM representations r
JOIN users rep ON rep.id = r.representative_id
JOIN users app ON app.id = r.applicant_id
WHERE r.ward_id = @ward_id
  AND (sqlc.narg('party')::uuid IS NULL OR r.representative_id = sqlc.narg('party') OR r.applicant_id = sqlc.narg('party'))
  AND (sqlc.narg('applicant_id')::uuid IS NULL OR r.applicant_id = sqlc.narg('applicant_id'))
  AND (sqlc.narg('representative_id')::uuid IS NULL OR r.representative_id = sqlc.narg('representative_id'))
  AND (@include_revoked::boolean OR r.revoked_at IS NULL)
  AND (sqlc.narg('before_id')::uuid IS NULL OR r.id < sqlc.narg('before_id'))
ORDER BY r.id DESC
LIMIT @lim;

-- name: ActsFor :one
-- Whether representative may act for applicant now: a live (not revoked) link. Uses
-- representations_live_idx.
SELECT EXISTS (SELECT 1 FROM representations
               WHERE representative_id = @representative_id AND applicant_id = @applicant_id AND revoked_at IS NULL);

-- name: Represented :many
-- The applicants representative may act for now (live links), an index-only read of
-- representations_live_idx.
SELECT applicant_id FROM representations WHERE representative_id = $1 AND revoked_at IS NULL ORDER BY applicant_id;
