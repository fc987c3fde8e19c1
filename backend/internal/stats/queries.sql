-- The dashboard is a read model over the features' tables: read-only queries, in one place.

-- name: Weeks :many
SELECT date_trunc('week', received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS week,
       count(*) FILTER (WHERE channel = 'counter')::int AS counter,
       count(*) FILTER (WHERE channel = 'online')::int AS online,
       count(*) FILTER (WHERE channel = 'home_pickup')::int AS home_pickup,
       count(*) FILTER (WHERE channel = 'saturday_session')::int AS saturday_session,
       count(*) FILTER (WHERE channel = 'postal')::int AS postal,
       count(*) FILTER (WHERE channel = 'import')::int AS import
FROM dossiers
WHERE ward_id = @ward_id AND received_at >= @from_at AND received_at < @to_at
GROUP BY 1 ORDER BY 1;

-- name: Results :one
-- Early / on the due day / late against original_due_at, never against a date an apology letter
-- moved (Nghị định 118/2025/NĐ-CP keeps 61/2018 Điều 12: a rescheduled dossier is still late), and
-- by the day in Vietnam time: the receipt promises a day ("ngày hẹn trả kết quả"), so a result
-- ready at any hour of that day is on time, and one ready a day before is early. Exact times
-- could not tell early from on time (due_at is the closing hour of the due day).
-- Vietnam keeps UTC+7 all year (no daylight saving since 1975): the fixed offset gives the same
-- days as 'Asia/Ho_Chi_Minh' at a quarter of the cost, over an index-only scan.
SELECT count(*)::int AS with_result,
       count(*) FILTER (WHERE c < 0)::int AS early,
       count(*) FILTER (WHERE c = 0)::int AS on_due_day,
       count(*) FILTER (WHERE c > 0)::int AS late
FROM (SELECT (result_at AT TIME ZONE INTERVAL '07:00')::date - (original_due_at AT TIME ZONE INTERVAL '07:00')::date AS c
      FROM dossiers
      WHERE ward_id = @ward_id AND result_at >= @from_at::timestamptz AND result_at < @to_at::timestamptz) AS results;

-- name: OverdueNow :one
-- Open dossiers past due with their clock running: one waiting for the citizen's supplement is
-- paused, not late (Nghị định 61/2018/NĐ-CP, kept by 118/2025/NĐ-CP).
SELECT count(*)::int FROM dossiers
WHERE ward_id = @ward_id AND status IN ('received', 'in_review', 'approved') AND due_at < @now::timestamptz;

-- name: Pickups :one
SELECT count(*) FILTER (WHERE status = 'handed_over' AND updated_at >= @from_at AND updated_at < @to_at)::int AS done,
       count(*) FILTER (WHERE status IN ('requested', 'assigned', 'accepted', 'en_route', 'collected'))::int AS open,
       coalesce(avg(rating) FILTER (WHERE rating IS NOT NULL AND updated_at >= @from_at AND updated_at < @to_at), 0)::float8 AS satisfaction,
       count(rating) FILTER (WHERE updated_at >= @from_at AND updated_at < @to_at)::int AS rated
FROM pickups WHERE ward_id = @ward_id;

-- name: Attendance :one
SELECT count(*) FILTER (WHERE b.status = 'checked_in' AND NOT b.walk_in)::int AS checked_in,
       count(*) FILTER (WHERE b.walk_in)::int AS walk_ins,
       count(*) FILTER (WHERE b.status = 'no_show')::int AS no_show
FROM bookings b JOIN sessions s ON s.id = b.session_id
WHERE s.ward_id = @ward_id AND s.starts_at >= @from_at AND s.starts_at < @to_at;

-- name: Postal :one
SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
       count(*) FILTER (WHERE status IN ('failed', 'returned_to_office'))::int AS failed
FROM shipments WHERE ward_id = @ward_id AND last_event_at >= @from_at AND last_event_at < @to_at;

-- name: DossierRatings :many
-- Dossier ratings given in the period, grouped finely (month of the rating in Vietnam time ×
-- the dossier's channel × the procedure's field, both kept on the rating); the handler sums the
-- groups each way. An index-only scan of dossier_ratings_ward_idx.
SELECT to_char(created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')::text AS month, channel, procedure_field AS field,
       count(*)::int AS rated, sum(rating)::int AS total
FROM dossier_ratings
WHERE ward_id = @ward_id AND created_at >= @from_at AND created_at < @to_at
GROUP BY 1, 2, 3;
