-- name: EditedYears :many
SELECT year, provisional FROM calendar_years WHERE ward_id = $1 AND year BETWEEN sqlc.arg('from_year') AND sqlc.arg('to_year');

-- name: DaysOfYears :many
SELECT day, kind, name FROM calendar_days
WHERE ward_id = $1 AND day >= make_date(sqlc.arg('from_year')::int, 1, 1) AND day < make_date(sqlc.arg('to_year')::int + 1, 1, 1)
ORDER BY day;

-- name: MarkYearEdited :exec
INSERT INTO calendar_years (ward_id, year, provisional, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (ward_id, year) DO UPDATE SET provisional = excluded.provisional, updated_by = excluded.updated_by, updated_at = excluded.updated_at;

-- name: DeleteYearDays :exec
DELETE FROM calendar_days WHERE ward_id = $1 AND day >= make_date(sqlc.arg('year')::int, 1, 1) AND day < make_date(sqlc.arg('year')::int + 1, 1, 1);

-- name: InsertDay :exec
INSERT INTO calendar_days (ward_id, day, kind, name) VALUES ($1, $2, $3, $4);
