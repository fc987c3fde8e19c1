-- name: Tariff :one
SELECT * FROM postal_tariffs WHERE ward_id = $1;

-- name: PutTariff :one
INSERT INTO postal_tariffs (ward_id, same_province_vnd, other_province_vnd, cod_fee_vnd, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (ward_id) DO UPDATE SET same_province_vnd = excluded.same_province_vnd,
    other_province_vnd = excluded.other_province_vnd, cod_fee_vnd = excluded.cod_fee_vnd,
    updated_by = excluded.updated_by, updated_at = excluded.updated_at
RETURNING *;

-- name: WardProvince :one
SELECT province FROM wards WHERE id = $1;

-- name: InsertShipment :one
INSERT INTO shipments (id, ward_id, direction, dossier_id, dossier_code, procedure_id, citizen_id, recipient_name, recipient_phone,
                       province, ward, street, note, fee_vnd, collected_fee_vnd, return_by_post, payment_status, status, carrier,
                       created_by, created_at, updated_at)
VALUES (@id, @ward_id, @direction, @dossier_id, @dossier_code, @procedure_id, @citizen_id, @recipient_name, @recipient_phone,
        @province, @ward, @street, @note, @fee_vnd, @collected_fee_vnd, @return_by_post, @payment_status, 'requested', @carrier,
        @created_by, @now, @now)
RETURNING *;

-- name: GetShipment :one
SELECT * FROM shipments WHERE id = $1;

-- name: GetShipmentForUpdate :one
SELECT * FROM shipments WHERE id = $1 FOR UPDATE;

-- name: ShipmentByTrackingForUpdate :one
SELECT * FROM shipments WHERE carrier = $1 AND tracking_number = $2 FOR UPDATE;

-- name: SetShipmentStatus :one
-- An inbound parcel's arrival also names the dossier it became (and, when the officer counted
-- it, the fee the postal worker actually collected), in the same statement as its CHECK requires.
UPDATE shipments SET status = @status, tracking_number = coalesce(sqlc.narg('tracking_number'), tracking_number),
    dossier_id = coalesce(sqlc.narg('dossier_id'), dossier_id), dossier_code = coalesce(sqlc.narg('dossier_code'), dossier_code),
    collected_fee_vnd = coalesce(sqlc.narg('collected_fee_vnd'), collected_fee_vnd),
    last_event_at = @occurred_at, updated_at = @now
WHERE id = @id RETURNING *;

-- name: InsertShipmentEvent :exec
INSERT INTO shipment_events (id, shipment_id, from_status, to_status, source, actor_id, note, occurred_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);

-- name: ShipmentEvents :many
SELECT * FROM shipment_events WHERE shipment_id = $1 ORDER BY occurred_at, id;

-- name: RecordCarrierEvent :one
INSERT INTO carrier_events (carrier, event_id, shipment_id, status, outcome, occurred_at, received_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (carrier, event_id) DO NOTHING
RETURNING event_id;

-- name: ListShipments :many
SELECT s.* FROM shipments s
WHERE s.ward_id = @ward_id
  AND (sqlc.narg('status')::text IS NULL OR s.status = sqlc.narg('status'))
  AND (sqlc.narg('stuck_before')::timestamptz IS NULL OR
       -- on the way with no news, or never registered with the carrier (its workers gave up)
       (s.status IN ('handed_to_carrier', 'in_transit') AND coalesce(s.last_event_at, s.updated_at) < sqlc.narg('stuck_before')
        OR s.status = 'requested' AND EXISTS (SELECT 1 FROM carrier_jobs j WHERE j.shipment_id = s.id AND j.state = 'failed'
                                              AND j.requested_at < sqlc.narg('stuck_before'))))
  AND (sqlc.narg('before_id')::uuid IS NULL OR s.id < sqlc.narg('before_id'))
ORDER BY s.id DESC
LIMIT @lim;

-- name: InsertCarrierJob :one
INSERT INTO carrier_jobs (id, shipment_id, carrier, next_attempt_at, requested_by, note, requested_at)
VALUES (@id, @shipment_id, @carrier, @now, @requested_by, @note, @now)
RETURNING *;

-- name: CarrierJobForUpdate :one
SELECT * FROM carrier_jobs WHERE shipment_id = $1 FOR UPDATE;

-- name: CarrierJobsOf :many
SELECT * FROM carrier_jobs WHERE shipment_id = ANY(@shipment_ids::uuid[]);

-- name: RequeueCarrierJob :one
-- The officer hands over again after the worker gave up: a fresh round of attempts.
UPDATE carrier_jobs SET state = 'pending', attempts = 0, next_attempt_at = @now, requested_by = @requested_by,
    requested_at = @now, note = coalesce(sqlc.narg('note'), note)
WHERE id = @id AND state = 'failed'
RETURNING *;

-- name: CancelCarrierJob :exec
UPDATE carrier_jobs SET state = 'cancelled' WHERE id = $1 AND state = 'failed';

-- name: ClaimCarrierJob :one
-- Lease one due job; SKIP LOCKED lets any number of workers share the queue, and an expired
-- lease (a worker died after claiming) makes the job claimable again.
WITH claimed AS (
    UPDATE carrier_jobs j SET lease_until = sqlc.arg('lease_until'), lease_token = sqlc.arg('lease_token')::uuid,
        attempts = j.attempts + 1
    WHERE j.id IN (
        SELECT q.id FROM carrier_jobs q
        WHERE q.state = 'pending' AND q.next_attempt_at <= sqlc.arg('now')
          AND (q.lease_until IS NULL OR q.lease_until < sqlc.arg('now'))
        ORDER BY q.next_attempt_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING j.id, j.shipment_id, j.carrier, j.attempts, j.requested_by, j.note, j.requested_at
)
SELECT c.id, c.shipment_id, c.carrier, c.attempts, c.requested_by, c.note, c.requested_at,
       s.direction, s.dossier_id, s.dossier_code, s.recipient_name, s.recipient_phone, s.province, s.ward, s.street, s.payment_status,
       s.fee_vnd, s.collected_fee_vnd
FROM claimed c JOIN shipments s ON s.id = c.shipment_id;

-- name: RegisterCarrierJob :one
-- The carrier's answer. Any worker that called may record it, even after its lease ran out or
-- the job was given up (the carrier dedupes on the shipment id, so every answer names the same
-- parcel, and it is the truth); only the first one counts.
UPDATE carrier_jobs SET state = 'registered', tracking_number = @tracking_number, done_at = @now,
    lease_until = NULL, last_error = NULL
WHERE id = @id AND state IN ('pending', 'failed')
RETURNING *;

-- name: RetryCarrierJob :exec
UPDATE carrier_jobs SET next_attempt_at = @next_attempt_at, lease_until = NULL, last_error = @last_error
WHERE id = @id AND state = 'pending' AND lease_token = sqlc.arg('lease_token')::uuid;

-- name: FailCarrierJob :one
UPDATE carrier_jobs SET state = 'failed', lease_until = NULL, last_error = @last_error
WHERE id = @id AND state = 'pending' AND lease_token = sqlc.arg('lease_token')::uuid
RETURNING *;

-- name: ProcedureFee :one
-- The catalogue's fee of a procedure, NULL when only the province knows it (procedure.Procedure
-- shows NULL as 0 today; read it here until the catalogue's own type carries the NULL).
SELECT fee_vnd FROM procedures WHERE id = $1 AND ward_id = $2;

