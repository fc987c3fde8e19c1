-- name: ListWards :many
SELECT * FROM wards
WHERE (sqlc.narg('province')::text IS NULL OR province = sqlc.narg('province'))
  AND code > sqlc.arg('after_code')
ORDER BY code
LIMIT sqlc.arg('lim');

-- name: WardByCode :one
SELECT * FROM wards WHERE code = $1;

-- name: NeighborhoodsOfWard :many
SELECT * FROM neighborhoods WHERE ward_id = $1 ORDER BY name, id;

-- name: UpsertWard :one
INSERT INTO wards (id, code, name, province) VALUES ($1, $2, $3, $4)
ON CONFLICT (code) DO UPDATE SET name = excluded.name, province = excluded.province
RETURNING *;

-- name: UpsertNeighborhood :one
INSERT INTO neighborhoods (id, ward_id, name) VALUES ($1, $2, $3)
ON CONFLICT (ward_id, name) DO UPDATE SET name = excluded.name
RETURNING *;

-- name: WardByID :one
SELECT * FROM wards WHERE id = $1;

-- name: WardForUpdate :one
SELECT * FROM wards WHERE id = $1 FOR UPDATE;

-- name: SetOfficeName :one
-- NULL: back to the default name.
UPDATE wards SET office_name = sqlc.narg('office_name') WHERE id = @id
RETURNING *;

-- name: InsertNeighborhood :one
INSERT INTO neighborhoods (id, ward_id, name, created_at) VALUES (@id, @ward_id, @name, @created_at)
RETURNING *;

-- name: NeighborhoodForUpdate :one
SELECT * FROM neighborhoods WHERE id = $1 FOR UPDATE;

-- name: UpdateNeighborhood :one
UPDATE neighborhoods SET
    name   = coalesce(sqlc.narg('name'), name),
    active = coalesce(sqlc.narg('active'), active)
WHERE id = @id
RETURNING *;

-- name: NeighborhoodByID :one
SELECT * FROM neighborhoods WHERE id = $1;
