-- A ward's edited year may still be provisional (its government notice not out yet): the admin
-- says so when saving it, and the console shows it, as it does for the built-in provisional years.

-- +goose Up
ALTER TABLE calendar_years ADD COLUMN provisional boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE calendar_years DROP COLUMN provisional;
