-- Saturday neighbourhood sessions: sessions, their slots with a seat counter, the staff on
-- duty, and bookings (including walk-ins, which hold no slot).

-- +goose Up
CREATE TABLE sessions (
    id                uuid PRIMARY KEY,
    ward_id           uuid NOT NULL REFERENCES wards (id),
    neighborhood_id   uuid NOT NULL,
    day               date NOT NULL CHECK (extract(isodow FROM day) = 6), -- always a Saturday
    venue             text NOT NULL CHECK (length(btrim(venue)) BETWEEN 1 AND 200),
    starts_at         timestamptz NOT NULL,
    ends_at           timestamptz NOT NULL CHECK (ends_at > starts_at),
    slot_minutes      integer NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
    capacity_per_slot integer NOT NULL CHECK (capacity_per_slot BETWEEN 1 AND 500),
    procedure_ids     uuid[] NOT NULL DEFAULT '{}',
    status            text NOT NULL CHECK (status IN ('scheduled', 'completed', 'cancelled')),
    note              text,
    created_by        uuid REFERENCES users (id),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    FOREIGN KEY (ward_id, neighborhood_id) REFERENCES neighborhoods (ward_id, id),
    UNIQUE (ward_id, id)
);
CREATE INDEX sessions_ward_day_idx ON sessions (ward_id, day, id);

CREATE TABLE session_staff (
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (session_id, user_id)
);

-- The seat counter: a booking takes a seat with UPDATE … SET booked = booked + 1 WHERE
-- booked < capacity, and the CHECK makes overbooking impossible even for code that forgets.
CREATE TABLE session_slots (
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    capacity   integer NOT NULL CHECK (capacity > 0),
    booked     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, starts_at),
    CHECK (booked BETWEEN 0 AND capacity)
);

CREATE TABLE bookings (
    id             uuid PRIMARY KEY,
    session_id     uuid NOT NULL REFERENCES sessions (id),
    ward_id        uuid NOT NULL REFERENCES wards (id),
    -- NULL for walk-ins: they hold no slot
    slot_starts_at timestamptz,
    citizen_id     uuid REFERENCES users (id),
    walk_in_name   text,
    walk_in_phone  text CHECK (walk_in_phone ~ '^\+[1-9][0-9]{7,14}$'),
    code           text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{6}$'),
    procedure_id   uuid,
    note           text,
    walk_in        boolean NOT NULL DEFAULT false,
    status         text NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
    reminded_at    timestamptz,
    checked_in_at  timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    FOREIGN KEY (session_id, slot_starts_at) REFERENCES session_slots (session_id, starts_at),
    CHECK (walk_in OR (slot_starts_at IS NOT NULL AND citizen_id IS NOT NULL)),
    CHECK (citizen_id IS NOT NULL OR walk_in_name IS NOT NULL),
    CHECK (status <> 'checked_in' OR checked_in_at IS NOT NULL)
);
-- One live booking per citizen per session. Every state that holds a seat (booked, checked_in)
-- takes part; cancelled and no_show do not.
CREATE UNIQUE INDEX bookings_one_live_per_citizen ON bookings (session_id, citizen_id)
    WHERE status IN ('booked', 'checked_in') AND citizen_id IS NOT NULL;
CREATE INDEX bookings_session_idx ON bookings (session_id, slot_starts_at);
CREATE INDEX bookings_citizen_idx ON bookings (citizen_id, id DESC) WHERE citizen_id IS NOT NULL;
CREATE INDEX bookings_to_remind_idx ON bookings (session_id) WHERE status = 'booked' AND reminded_at IS NULL;

-- +goose Down
DROP TABLE bookings;
DROP TABLE session_slots;
DROP TABLE session_staff;
DROP TABLE sessions;
