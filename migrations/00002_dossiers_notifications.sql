-- Procedures (per-ward catalogue), the working-day calendar, dossiers with their event
-- timeline, and notifications: devices, the in-app inbox and the push outbox.

-- +goose Up
CREATE TABLE procedures (
    id                 uuid PRIMARY KEY,
    ward_id            uuid NOT NULL REFERENCES wards (id),
    code               text NOT NULL CHECK (code ~ '^[0-9A-Za-z.\-]{3,60}$'),
    name               text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
    -- name and code without diacritics, lower case: what search matches against
    search_text        text NOT NULL,
    field              text NOT NULL CHECK (length(btrim(field)) BETWEEN 1 AND 100),
    processing_days    integer NOT NULL CHECK (processing_days BETWEEN 0 AND 365),
    cutoff_hour        integer CHECK (cutoff_hour BETWEEN 1 AND 23),
    fee_vnd            bigint NOT NULL DEFAULT 0 CHECK (fee_vnd >= 0),
    required_documents text[] NOT NULL DEFAULT '{}',
    channels           text[] NOT NULL CHECK (channels <@ ARRAY['counter', 'online', 'home_pickup', 'saturday_session', 'postal_return']
                                              AND cardinality(channels) > 0),
    active             boolean NOT NULL DEFAULT true,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    UNIQUE (ward_id, code),
    UNIQUE (ward_id, id)
);
CREATE INDEX procedures_ward_field_idx ON procedures (ward_id, field, name);

-- A year a ward's admin has edited. Years never edited follow the national calendar built into
-- the server (seeded from the government's yearly notices).
CREATE TABLE calendar_years (
    ward_id    uuid NOT NULL REFERENCES wards (id),
    year       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    updated_by uuid REFERENCES users (id),
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (ward_id, year)
);

-- One row per special day of an edited year: a holiday on a weekday, or a make-up working day
-- on a weekend.
CREATE TABLE calendar_days (
    ward_id uuid NOT NULL REFERENCES wards (id),
    day     date NOT NULL,
    kind    text NOT NULL CHECK (kind IN ('holiday', 'working')),
    name    text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    PRIMARY KEY (ward_id, day)
);

CREATE TABLE dossiers (
    id               uuid PRIMARY KEY,
    ward_id          uuid NOT NULL REFERENCES wards (id),
    -- printed on the receipt and typed by citizens: globally unique, no ambiguous characters
    code             text NOT NULL UNIQUE CHECK (code ~ '^[0-9]{4}-[0-9A-HJKMNP-TV-Z]{6}$'),
    procedure_id     uuid NOT NULL,
    -- the procedure as it was when received: what the receipt printed
    procedure_code   text NOT NULL,
    procedure_name   text NOT NULL,
    applicant_id     uuid,
    applicant_name   text NOT NULL CHECK (length(btrim(applicant_name)) BETWEEN 1 AND 120),
    applicant_phone  text CHECK (applicant_phone ~ '^\+[1-9][0-9]{7,14}$'),
    channel          text NOT NULL CHECK (channel IN ('counter', 'online', 'home_pickup', 'saturday_session')),
    return_method    text NOT NULL CHECK (return_method IN ('counter', 'postal')),
    status           text NOT NULL CHECK (status IN ('received', 'in_review', 'supplement_requested', 'approved',
                                                     'result_ready', 'returned', 'rejected', 'withdrawn')),
    note             text,
    received_at      timestamptz NOT NULL,
    due_at           timestamptz NOT NULL CHECK (due_at >= received_at),
    result_at        timestamptz,
    closed_at        timestamptz,
    reschedule_count integer NOT NULL DEFAULT 0,
    created_by       uuid REFERENCES users (id),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    FOREIGN KEY (ward_id, procedure_id) REFERENCES procedures (ward_id, id),
    FOREIGN KEY (ward_id, applicant_id) REFERENCES users (ward_id, id),
    UNIQUE (ward_id, id),
    -- a dossier with a result has the time it was ready; a closed one the time it closed
    CHECK (status NOT IN ('result_ready', 'returned') OR result_at IS NOT NULL),
    CHECK (status NOT IN ('returned', 'rejected', 'withdrawn') OR closed_at IS NOT NULL)
);
CREATE INDEX dossiers_ward_idx ON dossiers (ward_id, id DESC);
CREATE INDEX dossiers_applicant_idx ON dossiers (applicant_id, id DESC) WHERE applicant_id IS NOT NULL;
-- "overdue" is derived: open dossiers past due_at with no result
CREATE INDEX dossiers_open_due_idx ON dossiers (ward_id, due_at)
    WHERE status IN ('received', 'in_review', 'supplement_requested', 'approved');

CREATE TABLE dossier_events (
    id          uuid PRIMARY KEY,
    dossier_id  uuid NOT NULL REFERENCES dossiers (id),
    ward_id     uuid NOT NULL REFERENCES wards (id),
    kind        text NOT NULL CHECK (kind IN ('created', 'transition', 'rescheduled')),
    from_status text,
    to_status   text NOT NULL,
    actor_id    uuid REFERENCES users (id),
    actor_role  text,
    note        text,
    due_at      timestamptz,
    created_at  timestamptz NOT NULL
);
CREATE INDEX dossier_events_dossier_idx ON dossier_events (dossier_id, created_at, id);

-- Push targets. A token belongs to one user at a time: registering it again moves it.
CREATE TABLE devices (
    token       text PRIMARY KEY CHECK (length(token) BETWEEN 20 AND 4096),
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform    text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
    app_version text,
    locale      text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX devices_user_idx ON devices (user_id);

-- The in-app inbox, written in the same transaction as the change that notifies.
CREATE TABLE notifications (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type       text NOT NULL,
    -- kept in both languages: the inbox shows the reader's, each push its device's
    title_vi   text NOT NULL,
    title_en   text NOT NULL,
    body_vi    text NOT NULL,
    body_en    text NOT NULL,
    data       jsonb NOT NULL DEFAULT '{}'::jsonb,
    read_at    timestamptz,
    created_at timestamptz NOT NULL
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- The push outbox: one job per notification and device, claimed by workers with
-- FOR UPDATE SKIP LOCKED and a lease; a crashed worker's jobs are taken again when it expires.
CREATE TABLE push_jobs (
    id              uuid PRIMARY KEY,
    notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    token           text NOT NULL,
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    UNIQUE (notification_id, token)
);
CREATE INDEX push_jobs_due_idx ON push_jobs (next_attempt_at) WHERE state = 'pending';

-- +goose Down
DROP TABLE push_jobs;
DROP TABLE notifications;
DROP TABLE devices;
DROP TABLE dossier_events;
DROP TABLE dossiers;
DROP TABLE calendar_days;
DROP TABLE calendar_years;
DROP TABLE procedures;
