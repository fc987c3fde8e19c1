-- A ward's admin manages its neighbourhoods (issue 13, Admin screen): names are unique per ward
-- whatever the case or the diacritics ("Khu phố 1" and "KHU PHO 1" are one neighbourhood), and a
-- neighbourhood can be deactivated: history keeps pointing at it, but no new session or pickup
-- may be placed in it. Both rules live here, so no code path (nor a race between deactivation
-- and a new session) can get round them.

-- +goose Up
ALTER TABLE neighborhoods ADD COLUMN active boolean NOT NULL DEFAULT true;

-- fold_vi folds a Vietnamese text for comparison: NFC first (a name typed with combining marks
-- folds like its precomposed form), diacritics and đ removed, lower case, blanks collapsed.
-- +goose StatementBegin
CREATE FUNCTION fold_vi(s text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT lower(regexp_replace(btrim(translate(normalize(s, NFC),
        'àÀáÁảẢãÃạẠăĂằẰắẮẳẲẵẴặẶâÂầẦấẤẩẨẫẪậẬèÈéÉẻẺẽẼẹẸêÊềỀếẾểỂễỄệỆìÌíÍỉỈĩĨịỊòÒóÓỏỎõÕọỌôÔồỒốỐổỔỗỖộỘơƠờỜớỚởỞỡỠợỢùÙúÚủỦũŨụỤưƯừỪứỨửỬữỮựỰỳỲýÝỷỶỹỸỵỴđĐ',
        'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeeeeeeeiiiiiiiiiioooooooooooooooooooooooooooooooooouuuuuuuuuuuuuuuuuuuuuuyyyyyyyyyydd')),
        '\s+', ' ', 'g'))
$$;
-- +goose StatementEnd

CREATE UNIQUE INDEX neighborhoods_ward_folded_name_key ON neighborhoods (ward_id, fold_vi(name));

-- A new session or pickup (or one moved to another neighbourhood) needs an active neighbourhood.
-- FOR SHARE waits for a deactivation in flight and then reads its outcome, so a session created
-- while its neighbourhood is being deactivated is either committed before it or refused.
-- +goose StatementBegin
CREATE FUNCTION neighborhood_must_be_active() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    is_active boolean;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.neighborhood_id IS NOT DISTINCT FROM OLD.neighborhood_id THEN
        RETURN NEW;
    END IF;
    SELECT active INTO is_active FROM neighborhoods WHERE id = NEW.neighborhood_id FOR SHARE;
    IF is_active IS FALSE THEN
        RAISE EXCEPTION 'neighborhood % is not active', NEW.neighborhood_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'neighborhood_active',
                  TABLE = TG_TABLE_NAME, COLUMN = 'neighborhood_id';
    END IF;
    RETURN NEW; -- an unknown id is left to the foreign key
END
$$;
-- +goose StatementEnd

CREATE TRIGGER sessions_neighborhood_active BEFORE INSERT OR UPDATE OF neighborhood_id ON sessions
    FOR EACH ROW EXECUTE FUNCTION neighborhood_must_be_active();
CREATE TRIGGER pickups_neighborhood_active BEFORE INSERT OR UPDATE OF neighborhood_id ON pickups
    FOR EACH ROW EXECUTE FUNCTION neighborhood_must_be_active();

-- +goose Down
DROP TRIGGER pickups_neighborhood_active ON pickups;
DROP TRIGGER sessions_neighborhood_active ON sessions;
DROP FUNCTION neighborhood_must_be_active();
DROP INDEX neighborhoods_ward_folded_name_key;
DROP FUNCTION fold_vi(text);
ALTER TABLE neighborhoods DROP COLUMN active;
