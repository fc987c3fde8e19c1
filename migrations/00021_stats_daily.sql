-- GET /v1/stats at a province's volume (issue 14). A year in a ward of 200,000 dossiers is about
-- 100,000 received, 100,000 results and 40,000 ratings: read row by row even from covering
-- indexes that is hundreds of milliseconds. Counters per ward and Vietnam day make it a few
-- hundred rows. Triggers keep them in the same transaction as the change, whatever code makes it;
-- each change adds to its day's row with INSERT … ON CONFLICT DO UPDATE, which takes that row's
-- lock, so concurrent changes add up instead of overwriting each other (stats/readmodel_test.go
-- races writers and compares with a recount). Periods are whole Vietnam days (UTC+7 all year),
-- so day counters answer every period exactly.

-- +goose Up
CREATE TABLE stats_received_daily (
    ward_id uuid NOT NULL REFERENCES wards (id),
    day     date NOT NULL,
    channel text NOT NULL,
    n       integer NOT NULL,
    PRIMARY KEY (ward_id, day, channel)
);

-- Results by the day they were ready, judged by days against original_due_at (see Results); n
-- counts them all, as the dashboard's "with result" always did.
CREATE TABLE stats_results_daily (
    ward_id    uuid NOT NULL REFERENCES wards (id),
    day        date NOT NULL,
    n          integer NOT NULL,
    early      integer NOT NULL,
    on_due_day integer NOT NULL,
    late       integer NOT NULL,
    PRIMARY KEY (ward_id, day)
);

CREATE TABLE stats_ratings_daily (
    ward_id uuid NOT NULL REFERENCES wards (id),
    day     date NOT NULL,
    channel text NOT NULL,
    field   text NOT NULL,
    rated   integer NOT NULL,
    total   integer NOT NULL,
    PRIMARY KEY (ward_id, day, channel, field)
);

-- +goose StatementBegin
CREATE FUNCTION stats_vn_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (t AT TIME ZONE INTERVAL '07:00')::date
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION stats_count_dossier(d dossiers, sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    c integer;
BEGIN
    IF d.received_at IS NOT NULL THEN
        INSERT INTO stats_received_daily AS s (ward_id, day, channel, n)
        VALUES (d.ward_id, stats_vn_day(d.received_at), d.channel, sign)
        ON CONFLICT (ward_id, day, channel) DO UPDATE SET n = s.n + excluded.n;
    END IF;
    IF d.result_at IS NOT NULL THEN
        c := stats_vn_day(d.result_at) - stats_vn_day(d.original_due_at);
        INSERT INTO stats_results_daily AS s (ward_id, day, n, early, on_due_day, late)
        VALUES (d.ward_id, stats_vn_day(d.result_at), sign, CASE WHEN c < 0 THEN sign ELSE 0 END,
                CASE WHEN c = 0 THEN sign ELSE 0 END, CASE WHEN c > 0 THEN sign ELSE 0 END)
        ON CONFLICT (ward_id, day) DO UPDATE
        SET n = s.n + excluded.n, early = s.early + excluded.early, on_due_day = s.on_due_day + excluded.on_due_day, late = s.late + excluded.late;
    END IF;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION stats_dossiers_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM stats_count_dossier(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM stats_count_dossier(NEW, 1);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION stats_ratings_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO stats_ratings_daily AS s (ward_id, day, channel, field, rated, total)
        VALUES (OLD.ward_id, stats_vn_day(OLD.created_at), OLD.channel, OLD.procedure_field, -1, -OLD.rating)
        ON CONFLICT (ward_id, day, channel, field) DO UPDATE SET rated = s.rated + excluded.rated, total = s.total + excluded.total;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO stats_ratings_daily AS s (ward_id, day, channel, field, rated, total)
        VALUES (NEW.ward_id, stats_vn_day(NEW.created_at), NEW.channel, NEW.procedure_field, 1, NEW.rating)
        ON CONFLICT (ward_id, day, channel, field) DO UPDATE SET rated = s.rated + excluded.rated, total = s.total + excluded.total;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- Status changes that touch none of the counted columns cost nothing.
CREATE TRIGGER stats_dossiers_insert_delete AFTER INSERT OR DELETE ON dossiers
    FOR EACH ROW EXECUTE FUNCTION stats_dossiers_trigger();
CREATE TRIGGER stats_dossiers_update AFTER UPDATE OF ward_id, channel, received_at, result_at, original_due_at ON dossiers
    FOR EACH ROW WHEN (OLD.ward_id IS DISTINCT FROM NEW.ward_id OR OLD.channel IS DISTINCT FROM NEW.channel
                       OR OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.result_at IS DISTINCT FROM NEW.result_at
                       OR OLD.original_due_at IS DISTINCT FROM NEW.original_due_at)
    EXECUTE FUNCTION stats_dossiers_trigger();
CREATE TRIGGER stats_ratings_change AFTER INSERT OR UPDATE OR DELETE ON dossier_ratings
    FOR EACH ROW EXECUTE FUNCTION stats_ratings_trigger();

-- The counters recomputed from the tables: fills them here, and serves after bulk loads that
-- bypass triggers (benchstats) and as the truth the concurrency test compares with.
-- +goose StatementBegin
CREATE FUNCTION stats_recount() RETURNS void LANGUAGE sql AS $$
    DELETE FROM stats_received_daily;
    DELETE FROM stats_results_daily;
    DELETE FROM stats_ratings_daily;
    INSERT INTO stats_received_daily (ward_id, day, channel, n)
    SELECT ward_id, stats_vn_day(received_at), channel, count(*) FROM dossiers WHERE received_at IS NOT NULL GROUP BY 1, 2, 3;
    INSERT INTO stats_results_daily (ward_id, day, n, early, on_due_day, late)
    SELECT ward_id, day, count(*), count(*) FILTER (WHERE c < 0), count(*) FILTER (WHERE c = 0), count(*) FILTER (WHERE c > 0)
    FROM (SELECT ward_id, stats_vn_day(result_at) AS day, stats_vn_day(result_at) - stats_vn_day(original_due_at) AS c
          FROM dossiers WHERE result_at IS NOT NULL) r
    GROUP BY 1, 2;
    INSERT INTO stats_ratings_daily (ward_id, day, channel, field, rated, total)
    SELECT ward_id, stats_vn_day(created_at), channel, procedure_field, count(*), sum(rating) FROM dossier_ratings GROUP BY 1, 2, 3, 4;
$$;
-- +goose StatementEnd
SELECT stats_recount();

-- Overdue now: open with the clock running, counted from the index alone.
CREATE INDEX dossiers_running_due_idx ON dossiers (ward_id, due_at) WHERE status IN ('received', 'in_review', 'approved');
-- Pickups handed over in a period with their ratings (a rating is given only after hand-over,
-- which is final), and the open ones.
CREATE INDEX pickups_handed_over_idx ON pickups (ward_id, updated_at) INCLUDE (rating) WHERE status = 'handed_over';
CREATE INDEX pickups_open_ward_idx ON pickups (ward_id) WHERE status IN ('requested', 'assigned', 'accepted', 'en_route', 'collected');
-- Session attendance: a ward's sessions by start, their bookings' outcome from the index.
CREATE INDEX sessions_ward_starts_idx ON sessions (ward_id, starts_at);
CREATE INDEX bookings_session_outcome_idx ON bookings (session_id) INCLUDE (status, walk_in);
-- Postal outcomes by the time of their last carrier event.
CREATE INDEX shipments_ward_event_idx ON shipments (ward_id, last_event_at) INCLUDE (status) WHERE last_event_at IS NOT NULL;

-- +goose Down
DROP INDEX shipments_ward_event_idx;
DROP INDEX bookings_session_outcome_idx;
DROP INDEX sessions_ward_starts_idx;
DROP INDEX pickups_open_ward_idx;
DROP INDEX pickups_handed_over_idx;
DROP INDEX dossiers_running_due_idx;
DROP TRIGGER stats_ratings_change ON dossier_ratings;
DROP TRIGGER stats_dossiers_update ON dossiers;
DROP TRIGGER stats_dossiers_insert_delete ON dossiers;
DROP FUNCTION stats_recount();
DROP FUNCTION stats_ratings_trigger();
DROP FUNCTION stats_dossiers_trigger();
DROP FUNCTION stats_count_dossier(dossiers, integer);
DROP FUNCTION stats_vn_day(timestamptz);
DROP TABLE stats_ratings_daily;
DROP TABLE stats_results_daily;
DROP TABLE stats_received_daily;
