-- benchstats' volume: {{wards}} wards over the last two years, ward 1 with {{big}} dossiers and the others
-- sharing the rest of {{total}}. Written with generate_series in a few INSERT … SELECT statements;
-- foreign keys are not re-checked row by row (session_replication_role = replica: the rows are
-- built consistent), CHECK constraints still are, so every row is one the application could hold.
SET session_replication_role = replica;
SET synchronous_commit = off;

-- Crockford base 32 without I, L, O, U: the alphabet of dossier and booking codes.
CREATE FUNCTION pg_temp.code6(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((n >> (5 * k)) & 31)::int + 1, 1), '' ORDER BY k DESC)
  FROM generate_series(0, 5) AS k $$;
-- A UUIDv7 for a moment: id order is creation order, as the application's ids.
CREATE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 3)
          || '8' || substr(md5(random()::text), 1, 15))::uuid $$;

CREATE TEMP TABLE bw AS
SELECT n, gen_random_uuid() AS id,
       CASE WHEN n = 1 THEN {{big}} ELSE ceil(({{total}} - {{big}})::numeric / ({{wards}} - 1))::int END AS dossiers
FROM generate_series(1, {{wards}}) AS n;
ALTER TABLE bw ADD COLUMN citizens int, ADD COLUMN off bigint;
UPDATE bw SET citizens = greatest(dossiers / 8, 100);
UPDATE bw SET off = s.off FROM (SELECT n, sum(dossiers) OVER (ORDER BY n) - dossiers AS off FROM bw) s WHERE s.n = bw.n;

INSERT INTO wards (id, code, name, province, created_at)
SELECT id, (90000 + n)::text, 'Phường thử tải ' || n, 'Tỉnh thử tải', now() - interval '3 years' FROM bw;

INSERT INTO neighborhoods (id, ward_id, name, created_at)
SELECT gen_random_uuid(), bw.id, 'Khu phố ' || k, now() - interval '3 years' FROM bw, generate_series(1, 10) AS k;
CREATE TEMP TABLE bh AS
SELECT w.n AS wn, row_number() OVER (PARTITION BY h.ward_id ORDER BY h.name) AS k, h.id
FROM neighborhoods h JOIN bw w ON w.id = h.ward_id;

-- Names as a ward's register has them: family names by their share of the population (Nguyễn
-- about 4 in 10), a middle name and a given name by gender, so a family name is a common search
-- term and a full name a rare one. Each kind's shares end at 1 (lo <= r < hi picks one).
CREATE TEMP TABLE bn (kind text, name text, lo float8, hi float8);
INSERT INTO bn
SELECT kind, name, (sum(w) OVER (PARTITION BY kind ORDER BY ord) - w) / sum(w) OVER (PARTITION BY kind),
       sum(w) OVER (PARTITION BY kind ORDER BY ord) / sum(w) OVER (PARTITION BY kind)
FROM (SELECT kind, name, w, row_number() OVER () AS ord FROM (VALUES
  ('family', 'Nguyễn', 38.0), ('family', 'Trần', 11), ('family', 'Lê', 9.5), ('family', 'Phạm', 7), ('family', 'Hoàng', 5),
  ('family', 'Phan', 4.5), ('family', 'Huỳnh', 4), ('family', 'Vũ', 3.9), ('family', 'Võ', 3), ('family', 'Đặng', 2.1),
  ('family', 'Bùi', 2), ('family', 'Đỗ', 1.4), ('family', 'Hồ', 1.3), ('family', 'Ngô', 1.3), ('family', 'Dương', 1),
  ('family', 'Lý', 0.5),
  ('male', 'Văn', 1), ('male', 'Minh', 1), ('male', 'Đức', 1), ('male', 'Quốc', 1), ('male', 'Hữu', 1), ('male', 'Thanh', 1),
  ('male', 'Công', 1), ('male', 'Xuân', 1), ('male', 'Gia', 1), ('male', 'Hoàng', 1),
  ('female', 'Thị', 1), ('female', 'Ngọc', 1), ('female', 'Thu', 1), ('female', 'Thanh', 1), ('female', 'Mai', 1),
  ('female', 'Kim', 1), ('female', 'Bảo', 1), ('female', 'Phương', 1), ('female', 'Hoài', 1), ('female', 'Diệu', 1)) v(kind, name, w)
  UNION ALL
  SELECT 'male given', n, 1, ord FROM unnest(ARRAY['An', 'Bình', 'Cường', 'Dũng', 'Duy', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Huy',
      'Khang', 'Khoa', 'Kiên', 'Long', 'Minh', 'Nam', 'Nghĩa', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng',
      'Thành', 'Trung', 'Tuấn', 'Việt', 'Vinh', 'Vũ']) WITH ORDINALITY AS g(n, ord)
  UNION ALL
  SELECT 'female given', n, 1, ord FROM unnest(ARRAY['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương',
      'Huyền', 'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Thu', 'Thủy',
      'Trâm', 'Trang', 'Tuyết', 'Uyên', 'Vân', 'Yến']) WITH ORDINALITY AS g(n, ord)) x;

-- People: per ward 1 admin, 5 officers, 20 volunteers, then the citizens (one for 8 dossiers).
-- Phones are distinct (k * 48271 is one-to-one modulo 10^8) and look drawn at random, so a part
-- of a number finds a few people, as in a real register.
CREATE TEMP TABLE bu AS
SELECT p.*, f.name || ' ' || m.name || ' ' || g.name AS full_name
FROM (SELECT w.n AS wn, w.id AS ward_id, k,
             CASE WHEN k = 1 THEN 'admin' WHEN k <= 6 THEN 'officer' WHEN k <= 26 THEN 'volunteer' ELSE 'citizen' END AS role,
             pg_temp.uuid7(now() - interval '2 years' * random() - interval '1 day') AS id,
             '+849' || lpad(((((w.n - 1) * 300000 + k)::bigint * 48271 + 1234567) % 100000000)::text, 8, '0') AS phone,
             CASE WHEN random() < 0.5 THEN 'male' ELSE 'female' END AS sex, random() AS rf, random() AS rm, random() AS rg
      FROM bw w, generate_series(1, 26 + w.citizens) AS k) p
JOIN bn f ON f.kind = 'family' AND p.rf >= f.lo AND p.rf < f.hi
JOIN bn m ON m.kind = p.sex AND p.rm >= m.lo AND p.rm < m.hi
JOIN bn g ON g.kind = p.sex || ' given' AND p.rg >= g.lo AND p.rg < g.hi;
INSERT INTO users (id, ward_id, neighborhood_id, role, phone, full_name, password_hash, locale, active, created_at, updated_at)
SELECT u.id, u.ward_id, h.id, u.role, u.phone, u.full_name, 'x', 'vi', u.k % 50 <> 0, now() - interval '2 years', now() - interval '2 years'
FROM bu u JOIN bh h ON h.wn = u.wn AND h.k = 1 + u.k % 10;
CREATE INDEX ON bu (wn, k);

-- 20 procedures per ward in 5 fields, 3 to 15 working days.
CREATE TEMP TABLE bp AS
SELECT w.n AS wn, w.id AS ward_id, k, gen_random_uuid() AS id, 'BENCH.' || k AS code, 'Thủ tục thử ' || k AS name,
       (ARRAY['Hộ tịch', 'Chứng thực', 'Đất đai', 'Xây dựng', 'Bảo trợ xã hội'])[1 + k % 5] AS field,
       (ARRAY[3, 5, 7, 10, 15])[1 + k % 5] AS days
FROM bw w, generate_series(0, 19) AS k;
INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, fee_vnd, channels, created_at, updated_at)
SELECT id, ward_id, code, name, lower(code || ' thu tuc thu ' || k), field, days, 0,
       ARRAY['counter', 'online', 'home_pickup', 'saturday_session', 'postal_return'], now() - interval '3 years', now() - interval '3 years'
FROM bp;

-- Dossiers, received uniformly over two years. Times, channel, procedure, lateness and fate come
-- from independent draws; the status follows from the times (what is done by now is closed).
CREATE TEMP TABLE bd AS
SELECT d.*, d.received_at + interval '1 day' * p.days * 1.4 AS due_at,
       -- 8 % finish after their due day
       d.received_at + interval '1 day' * p.days * 1.4 * (0.3 + 0.77 * d.late) AS result_at
FROM (SELECT w.n AS wn, w.id AS ward_id, w.off + i AS g, i,
             now() - interval '730 days' * random() AS received_at,
             random() AS ch, random() AS late, random() AS fate, random() AS rm,
             (random() * 19)::int AS pk, 27 + (random() * (w.citizens - 1))::int AS uk
      FROM bw w, generate_series(1, w.dossiers) AS i) d
JOIN bp p ON p.wn = d.wn AND p.k = d.pk;

INSERT INTO dossiers (id, ward_id, code, procedure_id, procedure_code, procedure_name, applicant_id, applicant_name,
                      applicant_phone, channel, return_method, status, received_at, due_at, original_due_at, result_at,
                      closed_at, reschedule_count, paused_at, paused_days, created_at, updated_at, submitted_at)
SELECT pg_temp.uuid7(d.received_at), d.ward_id, to_char(d.received_at, 'YYYY') || '-' || pg_temp.code6(d.g), p.id, p.code, p.name,
       u.id, u.full_name, u.phone,
       CASE WHEN d.ch < 0.45 THEN 'counter' WHEN d.ch < 0.80 THEN 'online' WHEN d.ch < 0.88 THEN 'saturday_session'
            WHEN d.ch < 0.93 THEN 'home_pickup' WHEN d.ch < 0.97 THEN 'postal' ELSE 'import' END,
       CASE WHEN d.rm < 0.10 THEN 'postal' ELSE 'counter' END,
       s.status,
       CASE WHEN s.status = 'submitted' THEN NULL ELSE d.received_at END,
       CASE WHEN s.status = 'submitted' THEN NULL WHEN d.fate > 0.98 THEN d.due_at + interval '5 days' ELSE d.due_at END,
       CASE WHEN s.status = 'submitted' THEN NULL ELSE d.due_at END,
       CASE WHEN s.status IN ('result_ready', 'returned') THEN d.result_at END,
       CASE WHEN s.status = 'returned' THEN d.result_at + interval '2 days'
            WHEN s.status IN ('rejected', 'withdrawn') THEN d.received_at + interval '2 days' END,
       CASE WHEN d.fate > 0.98 AND s.status <> 'submitted' THEN 1 ELSE 0 END,
       CASE WHEN s.status = 'supplement_requested' THEN d.received_at + interval '1 day' END,
       CASE WHEN s.status = 'supplement_requested' THEN 0 ELSE (d.fate * 10)::int % 3 END,
       d.received_at, d.received_at + interval '1 hour', d.received_at
FROM bd d
JOIN bp p ON p.wn = d.wn AND p.k = d.pk
JOIN bu u ON u.wn = d.wn AND u.k = d.uk
CROSS JOIN LATERAL (SELECT CASE
    WHEN d.fate < 0.03 THEN 'rejected'
    WHEN d.fate < 0.05 THEN 'withdrawn'
    WHEN d.result_at < now() - interval '3 days' THEN CASE WHEN d.fate > 0.97 THEN 'result_ready' ELSE 'returned' END
    WHEN d.result_at < now() THEN 'result_ready'
    -- still open: 1 in 20 past due is left unfinished (overdue now), the rest by progress
    WHEN d.received_at > now() - interval '2 days' AND d.ch >= 0.45 AND d.ch < 0.80 AND d.fate < 0.15 THEN 'submitted'
    WHEN d.fate < 0.15 THEN 'supplement_requested'
    WHEN d.fate < 0.45 THEN 'received'
    WHEN d.fate < 0.80 THEN 'in_review'
    ELSE 'approved' END AS status) s;
-- Old dossiers left open past their due time: the overdue ones of "overdue now" and of the lists.
UPDATE dossiers SET status = 'in_review', result_at = NULL, closed_at = NULL, updated_at = received_at + interval '1 day'
WHERE status = 'returned' AND received_at > now() - interval '90 days' AND right(code, 1) IN ('0', '7');

-- Ratings: 4 in 10 returned dossiers, mostly 4 and 5 stars, a day after return.
INSERT INTO dossier_ratings (id, dossier_id, ward_id, rated_by, rating, comment, created_at, channel, procedure_field)
SELECT gen_random_uuid(), d.id, d.ward_id, d.applicant_id,
       (ARRAY[1, 2, 3, 3, 4, 4, 4, 5, 5, 5])[1 + (random() * 9)::int], NULL, d.closed_at + interval '1 day', d.channel, p.field
FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
WHERE d.status = 'returned' AND d.closed_at < now() - interval '1 day' AND random() < 0.4;

-- Pickups: one handed over for every home-pickup dossier (6 in 10 rated), and requests that did
-- not become dossiers: cancelled, failed, and open ones in the last days.
INSERT INTO pickups (id, ward_id, neighborhood_id, citizen_id, created_by, address, reason, preferred_date, window_start,
                     window_end, contact_phone, status, volunteer_id, dossier_id, dossier_code, rating, created_at, updated_at)
SELECT pg_temp.uuid7(d.received_at - interval '1 day'), d.ward_id, u.neighborhood_id, d.applicant_id, d.applicant_id,
       'Số ' || (1 + random() * 200)::int || ' đường thử', (ARRAY['elderly', 'disabled', 'ill', 'other'])[1 + (random() * 3)::int],
       (d.received_at - interval '1 day')::date, '08:00', '11:00', d.applicant_phone, 'handed_over', v.id, d.id, d.code,
       CASE WHEN random() < 0.6 THEN (ARRAY[3, 4, 4, 5, 5, 5])[1 + (random() * 5)::int] END,
       d.received_at - interval '1 day', d.received_at
FROM dossiers d JOIN users u ON u.id = d.applicant_id
JOIN bu v ON v.ward_id = d.ward_id AND v.k = 7 + (hashtext(d.code) & 15)
WHERE d.channel = 'home_pickup' AND d.applicant_id IS NOT NULL AND d.applicant_phone IS NOT NULL AND d.received_at IS NOT NULL;
INSERT INTO pickups (id, ward_id, neighborhood_id, citizen_id, created_by, address, reason, preferred_date, window_start,
                     window_end, contact_phone, status, volunteer_id, created_at, updated_at, escalated_at)
SELECT pg_temp.uuid7(t), u.ward_id, h.id, u.id, u.id, 'Số ' || q || ' ngõ thử', 'elderly', t::date, '14:00', '17:00', u.phone,
       st, CASE WHEN st IN ('assigned', 'accepted', 'en_route', 'collected') THEN v.id END, t,
       t + interval '3 hours', CASE WHEN st = 'requested' AND q % 3 = 0 THEN t + interval '2 hours' END
FROM bw w
CROSS JOIN LATERAL generate_series(1, greatest(w.dossiers / 50, 5)) AS q
CROSS JOIN LATERAL (SELECT CASE WHEN q % 10 < 6 THEN now() - interval '730 days' * random() ELSE now() - interval '3 days' * random() END AS t) tt
CROSS JOIN LATERAL (SELECT CASE WHEN q % 10 < 4 THEN 'cancelled' WHEN q % 10 < 6 THEN 'failed' WHEN q % 10 < 8 THEN 'requested'
                                WHEN q % 10 = 8 THEN 'assigned' ELSE 'en_route' END AS st) s
JOIN bu u ON u.wn = w.n AND u.k = 27 + q % w.citizens
JOIN bu v ON v.wn = w.n AND v.k = 7 + q % 20
JOIN users h0 ON h0.id = u.id
JOIN neighborhoods h ON h.id = h0.neighborhood_id;

-- Saturday sessions: one per ward each Saturday of the two years and the next eight weeks,
-- 08:00-11:00 in 30-minute slots of 10 places.
INSERT INTO sessions (id, ward_id, neighborhood_id, day, venue, starts_at, ends_at, slot_minutes, capacity_per_slot, status, created_at, updated_at)
SELECT pg_temp.uuid7(day - interval '14 days'), w.id, h.id, day, 'Nhà văn hóa khu phố ' || h.k,
       (day + time '08:00') AT TIME ZONE 'Asia/Ho_Chi_Minh', (day + time '11:00') AT TIME ZONE 'Asia/Ho_Chi_Minh', 30, 10,
       CASE WHEN day < current_date THEN 'completed' ELSE 'scheduled' END, day - interval '14 days', day - interval '14 days'
FROM bw w
CROSS JOIN LATERAL (SELECT d::date AS day, row_number() OVER () AS sn
                    FROM generate_series(date_trunc('week', now() - interval '730 days')::date + 5, current_date + 56, interval '7 days') AS d) s
JOIN bh h ON h.wn = w.n AND h.k = 1 + s.sn % 10;
INSERT INTO session_slots (session_id, starts_at, ends_at, capacity, booked)
SELECT s.id, s.starts_at + interval '30 minutes' * k, s.starts_at + interval '30 minutes' * (k + 1), 10,
       CASE WHEN s.status = 'completed' THEN 7 ELSE 4 END
FROM sessions s JOIN bw w ON w.id = s.ward_id, generate_series(0, 5) AS k;
-- 7 booked places a slot (4 in the future) from distinct citizens, and 5 walk-ins a session.
CREATE TEMP TABLE bs AS SELECT s.*, w.n AS wn, w.citizens, row_number() OVER (ORDER BY s.id) AS sn FROM sessions s JOIN bw w ON w.id = s.ward_id;
INSERT INTO bookings (id, session_id, ward_id, slot_starts_at, citizen_id, code, walk_in, status, checked_in_at, created_at, updated_at)
SELECT gen_random_uuid(), s.id, s.ward_id, s.starts_at + interval '30 minutes' * sk, u.id, pg_temp.code6((s.sn * 64 + sk * 8 + j) + 1000000),
       false, st, CASE WHEN st = 'checked_in' THEN s.starts_at + interval '30 minutes' * sk END, s.created_at, s.created_at
FROM bs s CROSS JOIN generate_series(0, 5) AS sk
CROSS JOIN LATERAL generate_series(0, CASE WHEN s.status = 'completed' THEN 6 ELSE 3 END) AS j
CROSS JOIN LATERAL (SELECT CASE WHEN s.status = 'scheduled' THEN 'booked' WHEN (sk + j) % 10 < 7 THEN 'checked_in'
                                WHEN (sk + j) % 10 < 9 THEN 'no_show' ELSE 'cancelled' END AS st) b
JOIN bu u ON u.wn = s.wn AND u.k = 27 + ((s.sn * 41 + sk * 7 + j) % s.citizens);
INSERT INTO bookings (id, session_id, ward_id, walk_in_name, code, walk_in, status, checked_in_at, created_at, updated_at)
SELECT gen_random_uuid(), s.id, s.ward_id, 'Người đến trực tiếp ' || j, pg_temp.code6((s.sn * 64 + 56 + j) + 1000000), true,
       'checked_in', s.starts_at + interval '1 hour', s.starts_at, s.starts_at
FROM bs s, generate_series(0, 4) AS j WHERE s.status = 'completed';

-- Postal returns: an outbound shipment for each dossier with a result to send by post.
INSERT INTO shipments (id, ward_id, dossier_id, dossier_code, citizen_id, recipient_name, recipient_phone, province, ward, street,
                       fee_vnd, payment_status, status, carrier, tracking_number, last_event_at, created_by, created_at, updated_at, direction)
SELECT pg_temp.uuid7(d.result_at), d.ward_id, d.id, d.code, d.applicant_id, d.applicant_name, d.applicant_phone, 'Tỉnh thử tải', 'Phường thử',
       'Số 1 đường thử', 30000, 'paid', st, 'vnpost', 'BENCH' || replace(d.code, '-', ''),
       d.result_at + interval '2 days', NULL, d.result_at, d.result_at + interval '2 days', 'outbound'
FROM dossiers d
CROSS JOIN LATERAL (SELECT CASE WHEN d.result_at > now() - interval '2 days' THEN 'in_transit'
                                WHEN hashtext(d.code) % 100 IN (0, 1, 2) THEN 'failed'
                                WHEN hashtext(d.code) % 100 IN (3, 4) THEN 'returned_to_office' ELSE 'delivered' END AS st) s
WHERE d.return_method = 'postal' AND d.status IN ('result_ready', 'returned') AND d.applicant_phone IS NOT NULL;

RESET session_replication_role;

-- The triggers that keep the statistics' day counters did not fire above (replica mode): count.
SELECT stats_recount();
