-- Issue 11, calendar and catalogue. A ward's edited year may still be provisional (its government
-- notice not out yet): the admin says so when saving it, and the console shows it, as it does for
-- the built-in provisional years. A procedure's fee may need a few words beside the number
-- ("mỗi bản sao", "mỗi trang; từ trang thứ ba 1.000 đồng/trang"): fee_note.

-- +goose Up
ALTER TABLE calendar_years ADD COLUMN provisional boolean NOT NULL DEFAULT false;
ALTER TABLE procedures ADD COLUMN fee_note text CHECK (fee_note IS NULL OR length(btrim(fee_note)) BETWEEN 1 AND 200);

-- +goose Down
ALTER TABLE procedures DROP COLUMN fee_note;
ALTER TABLE calendar_years DROP COLUMN provisional;
