-- Foundation: tenancy (wards, neighbourhoods), accounts, refresh tokens, idempotency keys,
-- rate-limit counters and the audit trail.

-- +goose Up
CREATE TABLE wards (
    id         uuid PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{5}$'),
    name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    province   text NOT NULL CHECK (length(btrim(province)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wards_province_code_idx ON wards (province, code);

CREATE TABLE neighborhoods (
    id         uuid PRIMARY KEY,
    ward_id    uuid NOT NULL REFERENCES wards (id),
    name       text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (ward_id, name),
    -- lets other tables require "this neighbourhood belongs to this ward" with a composite FK
    UNIQUE (ward_id, id)
);

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    ward_id         uuid NOT NULL REFERENCES wards (id),
    neighborhood_id uuid,
    role            text NOT NULL CHECK (role IN ('citizen', 'volunteer', 'officer', 'admin')),
    -- E.164 only; the API normalises before writing
    phone           text NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    full_name       text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 1 AND 120),
    password_hash   text NOT NULL,
    locale          text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- a user's neighbourhood is always one of their own ward's
    FOREIGN KEY (ward_id, neighborhood_id) REFERENCES neighborhoods (ward_id, id),
    UNIQUE (ward_id, id)
);
CREATE INDEX users_ward_role_idx ON users (ward_id, role, id DESC);

-- Opaque refresh tokens, stored as SHA-256 hashes. A login is a family: every refresh rotates the
-- token inside the family; presenting a used one revokes the whole family.
CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    family_id  uuid NOT NULL,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    used_at    timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_live_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Idempotency-Key records: the first response to (scope, key) is replayed for the same request.
-- status_code is NULL while the first request is still being handled.
CREATE TABLE idempotency_keys (
    scope         text NOT NULL,
    key           text NOT NULL CHECK (length(key) BETWEEN 8 AND 100),
    request_hash  bytea NOT NULL,
    status_code   integer CHECK (status_code BETWEEN 200 AND 499),
    content_type  text,
    response_body bytea,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Fixed-window counters for rate limits shared by every API node.
CREATE TABLE rate_limit_hits (
    bucket       text NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer NOT NULL CHECK (hits > 0),
    PRIMARY KEY (bucket, window_start)
);

-- Who did what to whom, for staff actions and account changes.
CREATE TABLE audit_events (
    id          uuid PRIMARY KEY,
    ward_id     uuid NOT NULL REFERENCES wards (id),
    actor_id    uuid REFERENCES users (id),
    action      text NOT NULL,
    target_type text NOT NULL,
    target_id   uuid,
    detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL
);
CREATE INDEX audit_events_ward_idx ON audit_events (ward_id, created_at DESC);

-- +goose Down
DROP TABLE audit_events;
DROP TABLE rate_limit_hits;
DROP TABLE idempotency_keys;
DROP TABLE refresh_tokens;
DROP TABLE users;
DROP TABLE neighborhoods;
DROP TABLE wards;
