-- The dashboard is a read model over the features' tables: read-only queries, in one place.

-- name: Weeks :many
-- Dossiers received per week (Monday, Vietnam time) by channel, from the day counters that
-- migration 00021's triggers keep: a period is whole Vietnam days, so the days answer it exactly.
SELECT date_trunc('week', day)::date AS week,
       coalesce(sum(n) FILTER (WHERE channel = 'counter'), 0)::int AS counter,
       coalesce(sum(n) FILTER (WHERE channel = 'online'), 0)::int AS online,
       coalesce(sum(n) FILTER (WHERE channel = 'home_pickup'), 0)::int AS home_pickup,
       coalesce(sum(n) FILTER (WHERE channel = 'saturday_session'), 0)::int AS saturday_session,
       coalesce(sum(n) FILTER (WHERE channel = 'postal'), 0)::int AS postal,
       coalesce(sum(n) FILTER (WHERE channel = 'import'), 0)::int AS import
FROM stats_received_daily
WHERE ward_id = @ward_id AND day >= @from_day::date AND day < @to_day::date
GROUP BY 1 HAVING sum(n) <> 0 ORDER BY 1;

-- name: Results :one
-- Early / on the due day / late against original_due_at, never against a date an apology letter
-- moved (Nghị định 118/2025/NĐ-CP keeps 61/2018 Điều 12: a rescheduled dossier is still late), and
-- by the day in Vietnam time: the receipt promises a day ("ngày hẹn trả kết quả"), so a result
-- ready at any hour of that day is on time, and one ready a day before is early. Exact times
-- could not tell early from on time (due_at is the closing hour of the due day). The triggers of
-- migration 00021 classify each result once, by the day it was ready (Vietnam keeps UTC+7 all
-- year: no daylight saving since 1975).
SELECT coalesce(sum(n), 0)::int AS with_result,
       coalesce(sum(early), 0)::int AS early,
       coalesce(sum(on_due_day), 0)::int AS on_due_day,
       coalesce(sum(late), 0)::int AS late
FROM stats_results_daily
WHERE ward_id = @ward_id AND day >= @from_day::date AND day < @to_day::date;

-- name: OverdueNow :one
-- Open dossiers past due with their clock running: one waiting for the citizen's supplement is
-- paused, not late (Nghị định 61/2018/NĐ-CP, kept by 118/2025/NĐ-CP).
SELECT count(*)::int FROM dossiers
WHERE ward_id = @ward_id AND status IN ('received', 'in_review', 'approved') AND due_at < @now::timestamptz;

-- name: Pickups :one
-- A rating is given only once a pickup is handed over, which is final: both period figures read
-- pickups_handed_over_idx alone, the open ones pickups_open_ward_idx.
SELECT count(*)::int AS done,
       (SELECT count(*) FROM pickups o WHERE o.ward_id = @ward_id
          AND o.status IN ('requested', 'assigned', 'accepted', 'en_route', 'collected'))::int AS open,
       coalesce(avg(h.rating), 0)::float8 AS satisfaction,
       count(h.rating)::int AS rated
FROM pickups h
WHERE h.ward_id = @ward_id AND h.status = 'handed_over' AND h.updated_at >= @from_at AND h.updated_at < @to_at;

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
-- groups each way. From the day counters of migration 00021.
SELECT to_char(day, 'YYYY-MM')::text AS month, channel, field,
       sum(rated)::int AS rated, sum(total)::int AS total
FROM stats_ratings_daily
WHERE ward_id = @ward_id AND day >= @from_day::date AND day < @to_day::date
GROUP BY 1, 2, 3 HAVING sum(rated) <> 0;
