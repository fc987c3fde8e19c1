-- Reaching people without the app (issue 16, DESIGN §10): a notification may be addressed to a
-- phone number alone (a dossier recorded for someone without an account: no inbox row is read,
-- but the row carries the texts the ZNS/SMS jobs send), and is delivered through Zalo ZNS and
-- SMS jobs beside the push jobs, in the same outbox discipline (lease, token, attempts).

-- +goose Up
ALTER TABLE notifications ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE notifications
    ADD COLUMN phone   text CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    ADD COLUMN ward_id uuid REFERENCES wards (id),
    ADD CONSTRAINT notifications_addressee CHECK (user_id IS NOT NULL OR phone IS NOT NULL);

-- One job per notification and channel: the UNIQUE is the "no duplicate across channels" rule
-- (a channel is tried once per notification; the next one only when the earlier one failed).
CREATE TABLE message_jobs (
    id              uuid PRIMARY KEY, -- also the provider's tracking_id: a resend is deduplicated
    notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    channel         text NOT NULL CHECK (channel IN ('zns', 'sms')),
    phone           text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    ward_id         uuid REFERENCES wards (id), -- whose monthly count (and bill) it is
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    lease_token     uuid,
    last_error      text,
    provider_id     text,     -- the provider's message id (ZNS msg_id, the gateway's id)
    segments        integer,  -- SMS parts billed (1 for ZNS)
    delivery        text CHECK (delivery IN ('delivered', 'failed')),
    delivery_at     timestamptz, -- the provider's time of the report kept (the latest)
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    UNIQUE (notification_id, channel)
);
CREATE INDEX message_jobs_due_idx ON message_jobs (next_attempt_at) WHERE state = 'pending';
CREATE INDEX message_jobs_ward_month_idx ON message_jobs (ward_id, sent_at) WHERE state = 'sent';
CREATE INDEX message_jobs_provider_idx ON message_jobs (provider_id) WHERE provider_id IS NOT NULL;

-- Delivery reports already applied, by the provider's event id: a replay changes nothing.
CREATE TABLE message_receipts (
    provider    text NOT NULL,
    event_id    text NOT NULL,
    job_id      uuid,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (provider, event_id)
);

-- Zalo OA tokens, shared by every worker process: an access token lives 25 hours and its refresh
-- token is single-use, so renewing is done once, under this row's lock, and the rotated pair
-- stored for the others. The environment's ZALO_OA_* tokens seed it.
CREATE TABLE zalo_tokens (
    oa            text PRIMARY KEY,
    access_token  text NOT NULL,
    refresh_token text NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- +goose Down
DROP TABLE zalo_tokens;
DROP TABLE message_receipts;
DROP TABLE message_jobs;
DELETE FROM notifications WHERE user_id IS NULL;
ALTER TABLE notifications DROP CONSTRAINT notifications_addressee, DROP COLUMN ward_id, DROP COLUMN phone;
ALTER TABLE notifications ALTER COLUMN user_id SET NOT NULL;
