-- Satisfaction ratings of dossiers: one per dossier, after it is returned.

-- name: Dossier :one
-- What the rating rules read of a dossier (the dossier feature owns the row).
SELECT id, ward_id, applicant_id, status FROM dossiers WHERE id = $1;

-- name: Insert :one
-- At most one rating per dossier (its primary key): a second insert returns no row.
INSERT INTO dossier_ratings (id, dossier_id, ward_id, rated_by, rating, comment, created_at)
VALUES (@id, @dossier_id, @ward_id, @rated_by, @rating, @comment, @now)
ON CONFLICT (dossier_id) DO NOTHING
RETURNING id, dossier_id, ward_id, rated_by, rating, comment, created_at;

-- name: Get :one
SELECT id, dossier_id, ward_id, rated_by, rating, comment, created_at FROM dossier_ratings WHERE id = $1;
