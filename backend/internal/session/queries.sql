-- name: InsertSession :one
INSERT INTO sessions (id, ward_id, neighborhood_id, day, venue, starts_at, ends_at, slot_minutes, capacity_per_slot,
                      procedure_ids, status, note, created_by, created_at, updated_at)
VALUES (@id, @ward_id, @neighborhood_id, @day, @venue, @starts_at, @ends_at, @slot_minutes, @capacity_per_slot,
        @procedure_ids, 'scheduled', @note, @created_by, @now, @now)
RETURNING *;

-- name: InsertSlot :exec
INSERT INTO session_slots (session_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4);

-- name: SetStaff :exec
INSERT INTO session_staff (session_id, user_id) SELECT @session_id, unnest(@user_ids::uuid[]);

-- name: ClearStaff :exec
DELETE FROM session_staff WHERE session_id = $1;

-- name: OnDuty :one
SELECT EXISTS (SELECT 1 FROM session_staff WHERE session_id = $1 AND user_id = $2);

-- name: GetSession :one
SELECT * FROM sessions WHERE id = $1;

-- name: GetSessionForUpdate :one
SELECT * FROM sessions WHERE id = $1 FOR UPDATE;

-- name: MaxBooked :one
SELECT coalesce(max(booked), 0)::int FROM session_slots WHERE session_id = $1;

-- name: UpdateSession :one
UPDATE sessions SET venue = coalesce(sqlc.narg('venue'), venue),
    capacity_per_slot = coalesce(sqlc.narg('capacity'), capacity_per_slot),
    procedure_ids = coalesce(sqlc.narg('procedure_ids'), procedure_ids),
    note = coalesce(sqlc.narg('note'), note), updated_at = @now
WHERE id = @id
RETURNING *;

-- name: SetSlotCapacity :exec
UPDATE session_slots SET capacity = $2 WHERE session_id = $1;

-- name: SetSessionStatus :one
UPDATE sessions SET status = $2, updated_at = $3 WHERE id = $1 RETURNING *;

-- name: ListSessions :many
SELECT * FROM sessions
WHERE ward_id = @ward_id
  AND (sqlc.narg('neighborhood_id')::uuid IS NULL OR neighborhood_id = sqlc.narg('neighborhood_id'))
  -- No status asked: only what can still be booked (scheduled, its last slot not yet started).
  AND CASE WHEN coalesce(cardinality(@statuses::text[]), 0) = 0
           THEN status = 'scheduled' AND ends_at - make_interval(mins => slot_minutes) > @now
           ELSE status = ANY(@statuses::text[]) END
  AND day BETWEEN @from_day AND @to_day
  AND (sqlc.narg('after_id')::uuid IS NULL OR (day, id) > (sqlc.narg('after_day')::date, sqlc.narg('after_id')::uuid))
ORDER BY day, id
LIMIT @lim;

-- name: TakeSeat :one
-- The only way a seat is taken: fails (no row) when the slot is full.
UPDATE session_slots SET booked = booked + 1
WHERE session_id = $1 AND starts_at = $2 AND booked < capacity
RETURNING booked;

-- name: FreeSeat :exec
UPDATE session_slots SET booked = booked - 1 WHERE session_id = $1 AND starts_at = $2;

-- name: InsertBooking :one
INSERT INTO bookings (id, session_id, ward_id, slot_starts_at, citizen_id, walk_in_name, walk_in_phone, code,
                      procedure_id, note, walk_in, status, checked_in_at, created_at, updated_at)
VALUES (@id, @session_id, @ward_id, @slot_starts_at, @citizen_id, @walk_in_name, @walk_in_phone, @code,
        @procedure_id, @note, @walk_in, @status, @checked_in_at, @now, @now)
ON CONFLICT (code) DO NOTHING -- no row: the code is taken, draw another
RETURNING *;

-- name: GetBookingForUpdate :one
SELECT * FROM bookings WHERE id = $1 FOR UPDATE;

-- name: BookingByCodeForUpdate :one
SELECT * FROM bookings WHERE session_id = $1 AND code = $2 FOR UPDATE;

-- name: SetBookingStatus :one
UPDATE bookings SET status = @status, checked_in_at = coalesce(sqlc.narg('checked_in_at'), checked_in_at), updated_at = @now
WHERE id = @id RETURNING *;

-- name: SessionBookings :many
-- The staff's list: each booking with its person (the account holder, or the walk-in's own
-- words) in one join, so a full session costs one query.
SELECT b.id, b.session_id, b.slot_starts_at, b.code, b.status, b.citizen_id, b.procedure_id, b.note, b.walk_in,
       b.checked_in_at, b.created_at, b.walk_in_name, b.walk_in_phone, u.full_name AS account_name, u.phone AS account_phone
FROM bookings b LEFT JOIN users u ON u.id = b.citizen_id
WHERE b.session_id = $1
ORDER BY b.slot_starts_at NULLS LAST, b.created_at, b.id;

-- name: CitizenBookings :many
SELECT * FROM bookings WHERE citizen_id = @citizen_id
  AND (sqlc.narg('before_id')::uuid IS NULL OR id < sqlc.narg('before_id'))
ORDER BY id DESC LIMIT @lim;

-- name: CloseBookings :many
-- Every booking still holding a seat moves to `status`; the seats are released with them.
UPDATE bookings SET status = @status, updated_at = @now
WHERE session_id = @session_id AND status = 'booked'
RETURNING *;

-- name: ResetSeats :exec
UPDATE session_slots s SET booked = (SELECT count(*) FROM bookings b WHERE b.session_id = s.session_id
    AND b.slot_starts_at = s.starts_at AND b.status IN ('booked', 'checked_in'))
WHERE s.session_id = $1;

-- name: SessionDetails :many
-- The slots, staff on duty and attendance of many sessions in one round trip: a list of
-- sessions costs the same number of queries whatever its length.
SELECT s.id,
       sl.starts_at::timestamptz[] AS slot_starts, sl.ends_at::timestamptz[] AS slot_ends,
       sl.capacity::int[] AS slot_capacity, sl.booked::int[] AS slot_booked,
       st.user_ids::uuid[] AS staff_ids,
       a.booked, a.checked_in, a.walk_ins, a.no_show, a.cancelled
FROM sessions s
CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(starts_at ORDER BY starts_at), '{}') AS starts_at,
           coalesce(array_agg(ends_at ORDER BY starts_at), '{}') AS ends_at,
           coalesce(array_agg(capacity ORDER BY starts_at), '{}') AS capacity,
           coalesce(array_agg(booked ORDER BY starts_at), '{}') AS booked
    FROM session_slots WHERE session_id = s.id) sl
CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(user_id ORDER BY user_id), '{}') AS user_ids
    FROM session_staff WHERE session_id = s.id) st
CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE status IN ('booked', 'checked_in', 'no_show') AND NOT walk_in)::int AS booked,
           count(*) FILTER (WHERE status = 'checked_in')::int AS checked_in,
           count(*) FILTER (WHERE walk_in)::int AS walk_ins,
           count(*) FILTER (WHERE status = 'no_show')::int AS no_show,
           count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled
    FROM bookings WHERE session_id = s.id) a
WHERE s.id = ANY(@ids::uuid[]);

-- name: DueReminders :many
-- Claims the reminders of sessions on `day` exactly once, however many workers run it: the
-- UPDATE marks each booking, and a concurrent run skips rows already locked or marked.
UPDATE bookings b SET reminded_at = @now
FROM sessions s
WHERE b.id IN (SELECT b2.id FROM bookings b2 JOIN sessions s2 ON s2.id = b2.session_id
               WHERE s2.day = @day AND s2.status = 'scheduled' AND b2.status = 'booked' AND b2.reminded_at IS NULL
               FOR UPDATE OF b2 SKIP LOCKED)
  AND s.id = b.session_id
RETURNING b.id, b.citizen_id, b.code, b.slot_starts_at, s.venue, s.id AS session_id;

-- name: WardByCode :one
SELECT id FROM wards WHERE code = $1;

-- name: NeighborhoodInWard :one
SELECT EXISTS (SELECT 1 FROM neighborhoods WHERE id = $1 AND ward_id = $2);

-- name: BookingTarget :one
-- One plain read, no lock and no transaction, so a storm of late requests is told "full" without
-- queueing on the slot row; TakeSeat alone decides who gets a seat.
SELECT s.ward_id, s.status, s.day, s.starts_at AS session_starts_at, s.procedure_ids, (sl.starts_at IS NOT NULL)::boolean AS slot_exists,
       coalesce(sl.booked >= sl.capacity, false)::boolean AS full
FROM sessions s LEFT JOIN session_slots sl ON sl.session_id = s.id AND sl.starts_at = @starts_at
WHERE s.id = @session_id;

-- name: SessionStatusForShare :one
-- Held while a seat is taken, so a concurrent cancellation (FOR UPDATE) waits for the booking.
SELECT status FROM sessions WHERE id = $1 FOR SHARE;

-- name: GetBooking :one
SELECT * FROM bookings WHERE id = $1;
