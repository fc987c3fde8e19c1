-- A person's channel choice (issue 16, DESIGN §10), keyed by their E.164 phone: an account's
-- phone or a phone-only person's (a dossier's applicant_phone, a pickup made at the desk). The
-- order of the channels they want tried first, and whether Zalo or SMS may be used at all
-- (the app's inbox and its pushes cannot be refused: an account always has its inbox).
-- And the app's acknowledgement that a push arrived: a Zalo message scheduled after a push
-- (PUSH_CONFIRM_TIMEOUT) is cancelled by it, when it comes before the message is claimed.

-- +goose Up
CREATE TABLE notify_preferences (
    phone       text PRIMARY KEY CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    -- a permutation of the three channels: the order to try them in
    channel_order text[] NOT NULL CHECK (cardinality(channel_order) = 3
        AND channel_order @> ARRAY['push', 'zns', 'sms'] AND channel_order <@ ARRAY['push', 'zns', 'sms']),
    zns_opt_out boolean NOT NULL DEFAULT false,
    sms_opt_out boolean NOT NULL DEFAULT false,
    -- who set it: the person from their account, or ward staff at the desk (audited)
    source      text NOT NULL CHECK (source IN ('self', 'desk')),
    set_by      uuid REFERENCES users (id),
    updated_at  timestamptz NOT NULL
);

ALTER TABLE notifications ADD COLUMN received_at timestamptz;

ALTER TABLE message_jobs DROP CONSTRAINT message_jobs_state_check;
ALTER TABLE message_jobs ADD CONSTRAINT message_jobs_state_check
    CHECK (state IN ('pending', 'sent', 'dead', 'cancelled'));

-- History recorded for a phone without an account, claimed when that phone registers.
CREATE INDEX dossiers_unclaimed_phone_idx ON dossiers (applicant_phone) WHERE applicant_id IS NULL AND applicant_phone IS NOT NULL;
CREATE INDEX pickups_unclaimed_phone_idx ON pickups (applicant_phone) WHERE applicant_phone IS NOT NULL;

-- +goose Down
DROP INDEX pickups_unclaimed_phone_idx;
DROP INDEX dossiers_unclaimed_phone_idx;
DELETE FROM message_jobs WHERE state = 'cancelled';
ALTER TABLE message_jobs DROP CONSTRAINT message_jobs_state_check;
ALTER TABLE message_jobs ADD CONSTRAINT message_jobs_state_check CHECK (state IN ('pending', 'sent', 'dead'));
ALTER TABLE notifications DROP COLUMN received_at;
DROP TABLE notify_preferences;
