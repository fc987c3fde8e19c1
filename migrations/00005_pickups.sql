-- Home pickup of dossiers (tiếp nhận hồ sơ tại nhà): requests, the volunteers who go, the
-- ward's dispatch settings, and each pickup's timeline.

-- +goose Up
CREATE TABLE pickup_settings (
    ward_id                uuid PRIMARY KEY REFERENCES wards (id),
    dispatch_mode          text NOT NULL CHECK (dispatch_mode IN ('auto', 'open')),
    escalate_after_minutes integer NOT NULL CHECK (escalate_after_minutes BETWEEN 5 AND 10080),
    updated_at             timestamptz NOT NULL
);

CREATE TABLE volunteer_duty (
    user_id    uuid PRIMARY KEY REFERENCES users (id),
    on_duty    boolean NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE pickups (
    id                  uuid PRIMARY KEY,
    ward_id             uuid NOT NULL REFERENCES wards (id),
    neighborhood_id     uuid NOT NULL,
    citizen_id          uuid NOT NULL,
    created_by          uuid NOT NULL REFERENCES users (id),
    address             text NOT NULL CHECK (length(btrim(address)) BETWEEN 1 AND 300),
    lat                 double precision CHECK (lat BETWEEN -90 AND 90),
    lng                 double precision CHECK (lng BETWEEN -180 AND 180),
    reason              text NOT NULL CHECK (reason IN ('elderly', 'disabled', 'ill', 'other')),
    procedure_id        uuid,
    preferred_date      date NOT NULL,
    window_start        text NOT NULL,
    window_end          text NOT NULL,
    contact_phone       text NOT NULL CHECK (contact_phone ~ '^\+[1-9][0-9]{7,14}$'),
    note                text,
    status              text NOT NULL CHECK (status IN ('requested', 'assigned', 'accepted', 'en_route', 'collected',
                                                        'handed_over', 'cancelled', 'failed')),
    volunteer_id        uuid REFERENCES users (id),
    collected_documents text[] NOT NULL DEFAULT '{}',
    missing_documents   text[] NOT NULL DEFAULT '{}',
    form_data           jsonb NOT NULL DEFAULT '{}'::jsonb,
    confirmed_at        timestamptz,
    dossier_id          uuid UNIQUE REFERENCES dossiers (id),
    escalated_at        timestamptz,
    rating              integer CHECK (rating BETWEEN 1 AND 5),
    rating_comment      text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    FOREIGN KEY (ward_id, neighborhood_id) REFERENCES neighborhoods (ward_id, id),
    FOREIGN KEY (ward_id, citizen_id) REFERENCES users (ward_id, id),
    -- at most one volunteer ever holds a pickup: set exactly in the states that have a holder
    CHECK ((status IN ('assigned', 'accepted', 'en_route', 'collected', 'handed_over')) = (volunteer_id IS NOT NULL)
           OR status IN ('failed', 'cancelled')),
    CHECK (status <> 'handed_over' OR dossier_id IS NOT NULL)
);
CREATE INDEX pickups_ward_idx ON pickups (ward_id, id DESC);
CREATE INDEX pickups_open_idx ON pickups (ward_id, created_at) WHERE status = 'requested';
CREATE INDEX pickups_volunteer_idx ON pickups (volunteer_id) WHERE volunteer_id IS NOT NULL;

-- A volunteer who declined is not offered the same request again.
CREATE TABLE pickup_declines (
    pickup_id    uuid NOT NULL REFERENCES pickups (id),
    volunteer_id uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (pickup_id, volunteer_id)
);

CREATE TABLE pickup_events (
    id          uuid PRIMARY KEY,
    pickup_id   uuid NOT NULL REFERENCES pickups (id),
    from_status text,
    to_status   text NOT NULL,
    actor_id    uuid REFERENCES users (id),
    actor_role  text,
    note        text,
    created_at  timestamptz NOT NULL
);
CREATE INDEX pickup_events_idx ON pickup_events (pickup_id, created_at, id);

-- +goose Down
DROP TABLE pickup_events;
DROP TABLE pickup_declines;
DROP TABLE pickups;
DROP TABLE volunteer_duty;
DROP TABLE pickup_settings;
