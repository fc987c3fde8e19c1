-- The rules of DESIGN.md §4 as corrected (issue 11), for the columns several features share:
-- intake (a dossier can reach the office `submitted`, before its clock starts, and be refused at
-- intake), the supplement pause, the single apology letter against an original due date kept
-- for the statistics, the portal's codes, the receipt snapshot, dossiers that arrive by post,
-- procedures counted in calendar days or with a fee only the province knows, representatives,
-- and a satisfaction rating for every dossier. Feature-only columns come in later migrations.

-- +goose Up
ALTER TABLE dossiers DROP CONSTRAINT dossiers_status_check;
ALTER TABLE dossiers ADD CONSTRAINT dossiers_status_check CHECK (status IN ('submitted', 'received', 'refused_at_intake',
    'in_review', 'supplement_requested', 'approved', 'result_ready', 'returned', 'rejected', 'withdrawn'));
-- 'postal': the dossier itself came by post (Quyết định 45/2016/QĐ-TTg, Điều 5); 'import': from another system
ALTER TABLE dossiers DROP CONSTRAINT dossiers_channel_check;
ALTER TABLE dossiers ADD CONSTRAINT dossiers_channel_check CHECK (channel IN ('counter', 'online', 'home_pickup', 'saturday_session', 'postal', 'import'));

-- A submitted dossier has reached the office but is not received: no receipt, no clock.
ALTER TABLE dossiers ADD COLUMN submitted_at timestamptz;
UPDATE dossiers SET submitted_at = created_at;
ALTER TABLE dossiers ALTER COLUMN submitted_at SET NOT NULL;
ALTER TABLE dossiers ALTER COLUMN received_at DROP NOT NULL;
ALTER TABLE dossiers ALTER COLUMN due_at DROP NOT NULL;
ALTER TABLE dossiers ADD CONSTRAINT dossiers_clock_check CHECK ((received_at IS NULL) = (due_at IS NULL));
ALTER TABLE dossiers ADD CONSTRAINT dossiers_received_check
    CHECK (status IN ('submitted', 'refused_at_intake', 'withdrawn') OR received_at IS NOT NULL);

-- The first due date, kept when an apology letter sets a new one: the statistics judge against it.
ALTER TABLE dossiers ADD COLUMN original_due_at timestamptz;
UPDATE dossiers d SET original_due_at = COALESCE(
    (SELECT e.due_at FROM dossier_events e WHERE e.dossier_id = d.id AND e.kind = 'created' ORDER BY e.created_at LIMIT 1),
    d.due_at);
ALTER TABLE dossiers ADD CONSTRAINT dossiers_original_due_check CHECK ((original_due_at IS NULL) = (due_at IS NULL));
-- At most one apology letter per dossier (Nghị định 61/2018 Điều 12, kept by 118/2025). NOT VALID:
-- rows written before the rule keep their count; every new write is checked.
ALTER TABLE dossiers ADD CONSTRAINT dossiers_one_apology_check CHECK (reschedule_count BETWEEN 0 AND 1) NOT VALID;

-- The supplement pause: when the current wait began, and the working days waited so far.
ALTER TABLE dossiers ADD COLUMN paused_at timestamptz;
ALTER TABLE dossiers ADD COLUMN paused_days integer NOT NULL DEFAULT 0 CHECK (paused_days >= 0);
ALTER TABLE dossiers ADD CONSTRAINT dossiers_paused_check CHECK ((status = 'supplement_requested') = (paused_at IS NOT NULL))
    NOT VALID;

-- The national portal's own dossier code (mã đơn vị-YYMMDD-XXXX, Thông tư 01/2018/TT-VPCP).
ALTER TABLE dossiers ADD COLUMN portal_code text UNIQUE CHECK (portal_code ~ '^[0-9A-Za-z.]{1,30}-[0-9]{6}-[0-9]{4,6}$');

-- The receipt as issued at intake (procedure, fee, documents received, receiving officer, due date,
-- return method): later catalogue edits never change it. NULL until the dossier is received.
ALTER TABLE dossiers ADD COLUMN receipt jsonb;
ALTER TABLE dossiers ADD COLUMN received_by uuid REFERENCES users (id);

-- Fee set by the province and not known to the catalogue: NULL, shown as "theo quy định của tỉnh".
ALTER TABLE procedures ALTER COLUMN fee_vnd DROP DEFAULT;
ALTER TABLE procedures ALTER COLUMN fee_vnd DROP NOT NULL;
-- How processing_days counts: working days (the rule) or calendar days (e.g. Luật Đất đai 2024, Điều 235).
ALTER TABLE procedures ADD COLUMN day_count text NOT NULL DEFAULT 'working' CHECK (day_count IN ('working', 'calendar'));

-- A representative (người được ủy quyền, often a relative) acting for an applicant with their consent.
CREATE TABLE representations (
    id                uuid PRIMARY KEY,
    ward_id           uuid NOT NULL REFERENCES wards (id),
    representative_id uuid NOT NULL,
    applicant_id      uuid NOT NULL,
    relationship      text NOT NULL CHECK (length(btrim(relationship)) BETWEEN 1 AND 100),
    -- how the applicant's consent was given (in person at the office, signed authorisation, …)
    consent_note      text NOT NULL CHECK (length(btrim(consent_note)) BETWEEN 1 AND 500),
    consent_at        timestamptz NOT NULL,
    recorded_by       uuid REFERENCES users (id),
    revoked_at        timestamptz,
    created_at        timestamptz NOT NULL,
    FOREIGN KEY (ward_id, representative_id) REFERENCES users (ward_id, id),
    FOREIGN KEY (ward_id, applicant_id) REFERENCES users (ward_id, id),
    CHECK (representative_id <> applicant_id)
);
CREATE UNIQUE INDEX representations_live_idx ON representations (representative_id, applicant_id) WHERE revoked_at IS NULL;
CREATE INDEX representations_applicant_idx ON representations (applicant_id) WHERE revoked_at IS NULL;

-- One satisfaction rating per dossier, given once after it is returned.
CREATE TABLE dossier_ratings (
    dossier_id uuid PRIMARY KEY REFERENCES dossiers (id),
    ward_id    uuid NOT NULL REFERENCES wards (id),
    rated_by   uuid NOT NULL REFERENCES users (id),
    rating     integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment    text CHECK (length(comment) <= 1000),
    created_at timestamptz NOT NULL
);
CREATE INDEX dossier_ratings_ward_idx ON dossier_ratings (ward_id, created_at);

-- +goose Down
DROP TABLE dossier_ratings;
DROP TABLE representations;
ALTER TABLE procedures DROP COLUMN day_count;
UPDATE procedures SET fee_vnd = 0 WHERE fee_vnd IS NULL;
ALTER TABLE procedures ALTER COLUMN fee_vnd SET NOT NULL;
ALTER TABLE procedures ALTER COLUMN fee_vnd SET DEFAULT 0;
ALTER TABLE dossiers DROP COLUMN received_by;
ALTER TABLE dossiers DROP COLUMN receipt;
ALTER TABLE dossiers DROP COLUMN portal_code;
ALTER TABLE dossiers DROP CONSTRAINT dossiers_paused_check;
ALTER TABLE dossiers DROP COLUMN paused_days;
ALTER TABLE dossiers DROP COLUMN paused_at;
ALTER TABLE dossiers DROP CONSTRAINT dossiers_one_apology_check;
ALTER TABLE dossiers DROP CONSTRAINT dossiers_original_due_check;
ALTER TABLE dossiers DROP COLUMN original_due_at;
ALTER TABLE dossiers DROP CONSTRAINT dossiers_received_check;
ALTER TABLE dossiers DROP CONSTRAINT dossiers_clock_check;
DELETE FROM dossier_events WHERE dossier_id IN (SELECT id FROM dossiers WHERE received_at IS NULL);
DELETE FROM dossiers WHERE received_at IS NULL;
ALTER TABLE dossiers ALTER COLUMN due_at SET NOT NULL;
ALTER TABLE dossiers ALTER COLUMN received_at SET NOT NULL;
ALTER TABLE dossiers DROP COLUMN submitted_at;
ALTER TABLE dossiers DROP CONSTRAINT dossiers_channel_check;
ALTER TABLE dossiers ADD CONSTRAINT dossiers_channel_check CHECK (channel IN ('counter', 'online', 'home_pickup', 'saturday_session'));
ALTER TABLE dossiers DROP CONSTRAINT dossiers_status_check;
ALTER TABLE dossiers ADD CONSTRAINT dossiers_status_check CHECK (status IN ('received', 'in_review', 'supplement_requested', 'approved',
    'result_ready', 'returned', 'rejected', 'withdrawn'));
