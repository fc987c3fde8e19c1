-- +goose Up
-- A citizen proves their phone with a texted one-time code before their account takes over what
-- the ward recorded for that number (h-otp): registering alone no longer claims it.
ALTER TABLE users ADD COLUMN phone_verified_at timestamptz;

-- One row per code sent. Only a hash of the code is kept (salted with the row id); the limits
-- (5 tries a code, 3 codes an hour) are checked under the account row's lock, so racing requests
-- are serialized, and the CHECK holds the try count even if a check were missed.
CREATE TABLE phone_codes (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    phone      text NOT NULL,
    code_hash  bytea NOT NULL,
    attempts   integer NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 5),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX phone_codes_user_idx ON phone_codes (user_id, created_at DESC);

-- +goose Down
DROP TABLE phone_codes;
ALTER TABLE users DROP COLUMN phone_verified_at;
