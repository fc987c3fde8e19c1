-- The push claim's order (issue 14). A pending job can next be taken at its attempt time or at
-- the end of its lease, whichever is later (GREATEST ignores a NULL lease). Scanning an index on
-- that, a claim stops at the first job not yet takeable; scanning the attempt time alone, it
-- stepped over every job leased to the batches in flight (thousands at full speed), and that
-- was most of PostgreSQL's CPU per push. It replaces the index on the attempt time alone.

-- +goose Up
CREATE INDEX push_jobs_takeable_idx ON push_jobs (greatest(next_attempt_at, lease_until)) WHERE state = 'pending';
DROP INDEX push_jobs_due_idx;

-- +goose Down
CREATE INDEX push_jobs_due_idx ON push_jobs (next_attempt_at) WHERE state = 'pending';
DROP INDEX push_jobs_takeable_idx;
