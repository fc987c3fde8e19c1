-- Issue 11 leftovers. A handed-over pickup shows the code of the dossier it became (the citizen
-- follows it by that code): kept beside dossier_id, written at the hand-over in the same
-- transaction that creates the dossier (a dossier's code never changes), and filled in for
-- pickups handed over before.

-- +goose Up
ALTER TABLE pickups ADD COLUMN dossier_code text;
UPDATE pickups p SET dossier_code = d.code FROM dossiers d WHERE d.id = p.dossier_id;
ALTER TABLE pickups ADD CONSTRAINT pickups_dossier_code_check CHECK ((dossier_id IS NULL) = (dossier_code IS NULL));

-- +goose Down
ALTER TABLE pickups DROP COLUMN dossier_code;
