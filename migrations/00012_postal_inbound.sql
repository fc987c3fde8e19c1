-- Postal both ways (Quyết định 45/2016/QĐ-TTg, Điều 5): a citizen may send the dossier by post
-- (inbound), receive the result by post (outbound, as before), or both. An inbound shipment names
-- the procedure; the dossier exists only once the parcel reaches the office, when a `submitted`
-- dossier (channel 'postal') is created for intake. The postal worker checks the documents and may
-- collect the procedure's fee on the office's behalf: the amount is kept on the shipment.
-- A procedure lists 'postal' among its channels when its dossiers may be sent by post.

-- +goose Up
ALTER TABLE shipments ADD COLUMN direction text NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound'));
ALTER TABLE shipments ALTER COLUMN direction DROP DEFAULT;
ALTER TABLE shipments ADD COLUMN procedure_id uuid REFERENCES procedures (id);
ALTER TABLE shipments ADD COLUMN collected_fee_vnd bigint CHECK (collected_fee_vnd >= 0);
ALTER TABLE shipments ADD COLUMN return_by_post boolean NOT NULL DEFAULT false;
ALTER TABLE shipments ALTER COLUMN dossier_id DROP NOT NULL;
ALTER TABLE shipments ALTER COLUMN dossier_code DROP NOT NULL;
ALTER TABLE shipments ADD CONSTRAINT shipments_dossier_by_direction_check CHECK (
    (dossier_id IS NULL) = (dossier_code IS NULL) AND CASE direction
        WHEN 'outbound' THEN dossier_id IS NOT NULL
        -- an inbound parcel has its dossier exactly when it has arrived
        ELSE procedure_id IS NOT NULL AND (dossier_id IS NOT NULL) = (status = 'delivered') END);
-- One live result shipment per dossier (as before), and one inbound parcel per dossier.
DROP INDEX shipments_one_active_per_dossier;
CREATE UNIQUE INDEX shipments_one_active_per_dossier ON shipments (dossier_id) WHERE status <> 'returned_to_office' AND direction = 'outbound';
CREATE UNIQUE INDEX shipments_one_inbound_per_dossier ON shipments (dossier_id) WHERE direction = 'inbound';

ALTER TABLE procedures DROP CONSTRAINT procedures_channels_check;
ALTER TABLE procedures ADD CONSTRAINT procedures_channels_check CHECK (
    channels <@ ARRAY['counter', 'online', 'home_pickup', 'saturday_session', 'postal_return', 'postal'] AND cardinality(channels) > 0);

-- +goose Down
UPDATE procedures SET channels = array_remove(channels, 'postal');
ALTER TABLE procedures DROP CONSTRAINT procedures_channels_check;
ALTER TABLE procedures ADD CONSTRAINT procedures_channels_check CHECK (
    channels <@ ARRAY['counter', 'online', 'home_pickup', 'saturday_session', 'postal_return'] AND cardinality(channels) > 0);
DROP INDEX shipments_one_inbound_per_dossier;
DROP INDEX shipments_one_active_per_dossier;
DELETE FROM shipment_events WHERE shipment_id IN (SELECT id FROM shipments WHERE direction = 'inbound');
DELETE FROM carrier_events WHERE shipment_id IN (SELECT id FROM shipments WHERE direction = 'inbound');
DELETE FROM carrier_jobs WHERE shipment_id IN (SELECT id FROM shipments WHERE direction = 'inbound');
DELETE FROM shipments WHERE direction = 'inbound';
CREATE UNIQUE INDEX shipments_one_active_per_dossier ON shipments (dossier_id) WHERE status <> 'returned_to_office';
ALTER TABLE shipments DROP CONSTRAINT shipments_dossier_by_direction_check;
ALTER TABLE shipments ALTER COLUMN dossier_code SET NOT NULL;
ALTER TABLE shipments ALTER COLUMN dossier_id SET NOT NULL;
ALTER TABLE shipments DROP COLUMN return_by_post;
ALTER TABLE shipments DROP COLUMN collected_fee_vnd;
ALTER TABLE shipments DROP COLUMN procedure_id;
ALTER TABLE shipments DROP COLUMN direction;
