-- The receiving office's name per ward, and receipts for dossiers received before receipts were
-- snapshots.

-- +goose Up
-- The office as its receipts print it (Nghị định 118/2025/NĐ-CP names it "Trung tâm Phục vụ hành
-- chính công" of the commune-level unit). NULL: that default followed by the ward's name.
ALTER TABLE wards ADD COLUMN office_name text CHECK (office_name IS NULL OR length(btrim(office_name)) BETWEEN 1 AND 200);

-- A dossier received before migration 00009 has no receipt snapshot: take it once, now, from what
-- the dossier and the catalogue hold, so receipts are never again read from the catalogue. The
-- office name is left empty (the ward's current one is shown); the due date is the first one.
UPDATE dossiers d SET receipt = jsonb_build_object(
        'procedure_code', d.procedure_code, 'procedure_name', d.procedure_name, 'fee_vnd', p.fee_vnd,
        'documents_received', to_jsonb(coalesce(p.required_documents, '{}'::text[])),
        'receiving_officer', (SELECT u.full_name FROM users u WHERE u.id = d.created_by AND u.role IN ('officer', 'admin')),
        'office_name', '', 'ward_name', w.name, 'received_at', d.received_at,
        'due_at', coalesce(d.original_due_at, d.due_at), 'return_method', d.return_method)
FROM procedures p, wards w
WHERE p.id = d.procedure_id AND w.id = d.ward_id AND d.received_at IS NOT NULL AND d.receipt IS NULL;

-- +goose Down
ALTER TABLE wards DROP COLUMN office_name;
