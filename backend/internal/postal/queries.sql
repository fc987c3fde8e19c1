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
INSERT INTO shipments (id, ward_id, dossier_id, dossier_code, citizen_id, recipient_name, recipient_phone, province, ward, street, note,
                       fee_vnd, payment_status, status, carrier, created_by, created_at, updated_at)
VALUES (@id, @ward_id, @dossier_id, @dossier_code, @citizen_id, @recipient_name, @recipient_phone, @province, @ward, @street, @note,
        @fee_vnd, @payment_status, 'requested', @carrier, @created_by, @now, @now)
RETURNING *;

-- name: GetShipment :one
SELECT * FROM shipments WHERE id = $1;

-- name: GetShipmentForUpdate :one
SELECT * FROM shipments WHERE id = $1 FOR UPDATE;

-- name: ShipmentByTrackingForUpdate :one
SELECT * FROM shipments WHERE carrier = $1 AND tracking_number = $2 FOR UPDATE;

-- name: SetShipmentStatus :one
UPDATE shipments SET status = @status, tracking_number = coalesce(sqlc.narg('tracking_number'), tracking_number),
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
       (s.status IN ('handed_to_carrier', 'in_transit') AND coalesce(s.last_event_at, s.updated_at) < sqlc.narg('stuck_before')))
  AND (sqlc.narg('before_id')::uuid IS NULL OR s.id < sqlc.narg('before_id'))
ORDER BY s.id DESC
LIMIT @lim;
