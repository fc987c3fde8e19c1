-- Postal return of results (trả kết quả qua dịch vụ bưu chính công ích): a ward's tariff,
-- shipments with their timeline, and the carrier events already seen (webhook idempotency).

-- +goose Up
CREATE TABLE postal_tariffs (
    ward_id            uuid PRIMARY KEY REFERENCES wards (id),
    same_province_vnd  bigint NOT NULL CHECK (same_province_vnd >= 0),
    other_province_vnd bigint NOT NULL CHECK (other_province_vnd >= 0),
    cod_fee_vnd        bigint NOT NULL CHECK (cod_fee_vnd >= 0),
    updated_by         uuid REFERENCES users (id),
    updated_at         timestamptz NOT NULL
);

CREATE TABLE shipments (
    id              uuid PRIMARY KEY,
    ward_id         uuid NOT NULL REFERENCES wards (id),
    dossier_id      uuid NOT NULL REFERENCES dossiers (id),
    dossier_code    text NOT NULL,
    citizen_id      uuid REFERENCES users (id),
    recipient_name  text NOT NULL CHECK (length(btrim(recipient_name)) BETWEEN 1 AND 120),
    recipient_phone text NOT NULL CHECK (recipient_phone ~ '^\+[1-9][0-9]{7,14}$'),
    province        text NOT NULL,
    ward            text NOT NULL,
    street          text NOT NULL,
    note            text,
    fee_vnd         bigint NOT NULL CHECK (fee_vnd >= 0),
    payment_status  text NOT NULL CHECK (payment_status IN ('unpaid', 'paid', 'cod')),
    status          text NOT NULL CHECK (status IN ('requested', 'handed_to_carrier', 'in_transit', 'delivered',
                                                    'failed', 'returned_to_office')),
    carrier         text NOT NULL,
    tracking_number text,
    last_event_at   timestamptz,
    created_by      uuid REFERENCES users (id),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (carrier, tracking_number),
    CHECK (status = 'requested' OR tracking_number IS NOT NULL)
);
-- A dossier has at most one shipment that is not over.
CREATE UNIQUE INDEX shipments_one_active_per_dossier ON shipments (dossier_id) WHERE status <> 'returned_to_office';
CREATE INDEX shipments_ward_idx ON shipments (ward_id, id DESC);

CREATE TABLE shipment_events (
    id          uuid PRIMARY KEY,
    shipment_id uuid NOT NULL REFERENCES shipments (id),
    from_status text,
    to_status   text NOT NULL,
    source      text NOT NULL CHECK (source IN ('staff', 'carrier')),
    actor_id    uuid REFERENCES users (id),
    note        text,
    occurred_at timestamptz NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX shipment_events_idx ON shipment_events (shipment_id, occurred_at, id);

-- Every carrier event id seen, applied or not: the same event twice is accepted once.
CREATE TABLE carrier_events (
    carrier     text NOT NULL,
    event_id    text NOT NULL,
    shipment_id uuid NOT NULL REFERENCES shipments (id),
    status      text NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('applied', 'stale')),
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (carrier, event_id)
);

-- +goose Down
DROP TABLE carrier_events;
DROP TABLE shipment_events;
DROP TABLE shipments;
DROP TABLE postal_tariffs;
