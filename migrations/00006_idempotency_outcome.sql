-- An Idempotency-Key's outcome is written in the same transaction as what the request
-- created: a creating service inserts the key's row, naming the created resource, as the first
-- statement of its own transaction. "Committed" and "the key has a resource" are then one fact:
-- a retry that finds the row never runs the request again (it answers the stored response, or
-- rebuilds it by reading the resource), and a retry that finds no row may safely run it, since
-- nothing was created. There is no "in progress" state left to release or take over.

-- +goose Up
-- Rows of requests still in flight under the old scheme (no stored answer) say nothing now.
DELETE FROM idempotency_keys WHERE status_code IS NULL;

ALTER TABLE idempotency_keys
    ADD COLUMN resource_kind text,
    ADD COLUMN resource_id   uuid,
    ADD CONSTRAINT idempotency_keys_resource_whole CHECK ((resource_kind IS NULL) = (resource_id IS NULL)),
    -- Every row is a committed creation or a stored answer (a refusal): nothing is "held".
    ADD CONSTRAINT idempotency_keys_answered_or_created CHECK (status_code IS NOT NULL OR resource_id IS NOT NULL);

-- A stored success always names what it created. NOT VALID: successes stored before this
-- migration name nothing, and are only ever replayed as stored; every new row is checked.
ALTER TABLE idempotency_keys
    ADD CONSTRAINT idempotency_keys_success_created CHECK (status_code >= 300 OR resource_id IS NOT NULL) NOT VALID;

-- +goose Down
ALTER TABLE idempotency_keys
    DROP CONSTRAINT idempotency_keys_success_created,
    DROP CONSTRAINT idempotency_keys_answered_or_created,
    DROP CONSTRAINT idempotency_keys_resource_whole,
    DROP COLUMN resource_id,
    DROP COLUMN resource_kind;
