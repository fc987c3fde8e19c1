-- Authenticated reads (issue 14): the servers keep their callers' accounts in memory, so the
-- database tells them at once when an account changes; and the dossier list's open dossiers are
-- read in the list's own order.

-- +goose Up
-- Every change to a user, however it is made (the API, a script, psql), reaches every server's
-- account cache through one notification per row: the payload is the user's id. A ward whose code
-- changes empties the caches (the code is part of each cached account).
-- +goose StatementBegin
CREATE FUNCTION notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('motcua_users', OLD.id::text);
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION notify_user_changed();

-- +goose StatementBegin
CREATE FUNCTION notify_ward_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('motcua_users', '');
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER wards_changed AFTER UPDATE OF code OR DELETE ON wards
    FOR EACH STATEMENT EXECUTE FUNCTION notify_ward_changed();

-- The list is newest first (ORDER BY id DESC); "overdue", "due soon" and the open statuses filter
-- on the open dossiers only, which this reads in that order and stops after the page.
CREATE INDEX dossiers_open_list_idx ON dossiers (ward_id, id DESC)
    WHERE status IN ('received', 'in_review', 'supplement_requested', 'approved');

-- +goose Down
DROP INDEX dossiers_open_list_idx;
DROP TRIGGER wards_changed ON wards;
DROP FUNCTION notify_ward_changed();
DROP TRIGGER users_changed ON users;
DROP FUNCTION notify_user_changed();
