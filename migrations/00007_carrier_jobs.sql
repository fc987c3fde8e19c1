-- The carrier outbox: registering a parcel with the carrier leaves the system, so the officer's
-- hand-over only writes a job here in its own transaction, and a worker calls the carrier
-- afterwards, outside any transaction, with the shipment id as the reference the carrier
-- dedupes on. A rolled-back hand-over therefore leaves no parcel at the carrier, and a slow
-- carrier holds no row lock.

-- +goose Up
CREATE TABLE carrier_jobs (
    id              uuid PRIMARY KEY,
    shipment_id     uuid NOT NULL REFERENCES shipments (id),
    carrier         text NOT NULL,
    -- pending: to be (re)tried; registered: the carrier answered with tracking_number;
    -- failed: given up after the last attempt (the officer is told, and may hand over again);
    -- cancelled: the officer registered the parcel at the counter instead.
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'registered', 'failed', 'cancelled')),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    -- Changes at every claim: a worker whose lease ran out cannot overwrite its successor's outcome.
    lease_token     uuid,
    last_error      text,
    tracking_number text,
    requested_by    uuid REFERENCES users (id),
    note            text,
    requested_at    timestamptz NOT NULL, -- the officer's (latest) hand-over
    done_at         timestamptz,
    -- One parcel request per shipment, whatever the retries, races and repeated hand-overs.
    UNIQUE (shipment_id),
    CHECK ((state = 'registered') = (tracking_number IS NOT NULL AND done_at IS NOT NULL)),
    CHECK (state = 'pending' OR lease_until IS NULL)
);
CREATE INDEX carrier_jobs_due_idx ON carrier_jobs (next_attempt_at) WHERE state = 'pending';

-- +goose Down
DROP TABLE carrier_jobs;
