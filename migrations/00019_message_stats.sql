-- Message statistics of a ward over any period (issues 16 and 13): counts, cost and delivery per
-- channel are read from per-ward ranges of the push and message outboxes, never a scan of them.
-- A push job carries its ward like a message job does: the notification's ward, else its
-- account's, filled by a trigger so the push workers' insert stays as it is.

-- +goose Up
ALTER TABLE push_jobs ADD COLUMN ward_id uuid REFERENCES wards (id);

-- +goose StatementBegin
CREATE FUNCTION push_job_ward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.ward_id IS NULL THEN
        SELECT coalesce(n.ward_id, u.ward_id) INTO NEW.ward_id
        FROM notifications n LEFT JOIN users u ON u.id = n.user_id
        WHERE n.id = NEW.notification_id;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd

CREATE TRIGGER push_jobs_ward BEFORE INSERT ON push_jobs FOR EACH ROW EXECUTE FUNCTION push_job_ward();

UPDATE push_jobs p SET ward_id = coalesce(n.ward_id, u.ward_id)
FROM notifications n LEFT JOIN users u ON u.id = n.user_id
WHERE n.id = p.notification_id;

-- The statistics' ranges: a ward's jobs by the time they were queued, with what is counted
-- carried in the index (an index-only scan once the table is vacuumed).
CREATE INDEX push_jobs_ward_created_idx ON push_jobs (ward_id, created_at) INCLUDE (state);
CREATE INDEX message_jobs_ward_created_idx ON message_jobs (ward_id, created_at)
    INCLUDE (channel, state, delivery, segments);

-- +goose Down
DROP INDEX message_jobs_ward_created_idx;
DROP INDEX push_jobs_ward_created_idx;
DROP TRIGGER push_jobs_ward ON push_jobs;
DROP FUNCTION push_job_ward();
ALTER TABLE push_jobs DROP COLUMN ward_id;
