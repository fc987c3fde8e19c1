-- Satisfaction ratings of dossiers: one per dossier, after it is returned.

-- name: Dossier :one
-- What the rating rules read of a dossier (the dossier feature owns the row), and what the
-- dashboard groups its rating by.
SELECT d.id, d.ward_id, d.applicant_id, d.status, d.channel, p.field AS procedure_field
FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
WHERE d.id = $1;

-- name: Insert :one
-- At most one rating per dossier (its primary key): a second insert returns no row.
INSERT INTO dossier_ratings (id, dossier_id, ward_id, rated_by, rating, comment, channel, procedure_field, created_at)
VALUES (@id, @dossier_id, @ward_id, @rated_by, @rating, @comment, @channel, @procedure_field, @now)
ON CONFLICT (dossier_id) DO NOTHING
RETURNING id, dossier_id, ward_id, rated_by, rating, comment, created_at;

-- name: Get :one
SELECT id, dossier_id, ward_id, rated_by, rating, comment, created_at FROM dossier_ratings WHERE id = $1;

-- name: GetByDossier :one
SELECT id, dossier_id, ward_id, rated_by, rating, comment, created_at FROM dossier_ratings WHERE dossier_id = $1;
