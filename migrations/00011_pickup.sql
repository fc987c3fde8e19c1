-- Home pickups for a person without an account (issue 11, "People"): an officer records, after a
-- hotline call, the name and phone of the person the pickup is for; the hand-over then creates
-- the dossier with that name and phone as its applicant. A pickup is for exactly one of: a
-- citizen's account, or a name and a phone.

-- +goose Up
ALTER TABLE pickups ALTER COLUMN citizen_id DROP NOT NULL;
ALTER TABLE pickups ADD COLUMN applicant_name text CHECK (length(btrim(applicant_name)) BETWEEN 1 AND 120);
ALTER TABLE pickups ADD COLUMN applicant_phone text CHECK (applicant_phone ~ '^\+[1-9][0-9]{7,14}$');
ALTER TABLE pickups ADD CONSTRAINT pickups_applicant_check CHECK (
    (citizen_id IS NOT NULL AND applicant_name IS NULL AND applicant_phone IS NULL)
    OR (citizen_id IS NULL AND applicant_name IS NOT NULL AND applicant_phone IS NOT NULL));

-- +goose Down
ALTER TABLE pickups DROP CONSTRAINT pickups_applicant_check;
DELETE FROM pickup_events WHERE pickup_id IN (SELECT id FROM pickups WHERE citizen_id IS NULL);
DELETE FROM pickup_declines WHERE pickup_id IN (SELECT id FROM pickups WHERE citizen_id IS NULL);
DELETE FROM pickups WHERE citizen_id IS NULL;
ALTER TABLE pickups DROP COLUMN applicant_phone;
ALTER TABLE pickups DROP COLUMN applicant_name;
ALTER TABLE pickups ALTER COLUMN citizen_id SET NOT NULL;
