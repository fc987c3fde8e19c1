-- Push jobs are leased briefly and the lease is extended by a heartbeat while their batch is in
-- flight. The token names the claim that holds the lease, so a heartbeat or an outcome from a
-- worker whose lease already expired cannot touch a job another worker has claimed since.

-- +goose Up
ALTER TABLE push_jobs ADD COLUMN lease_token uuid;

-- +goose Down
ALTER TABLE push_jobs DROP COLUMN lease_token;
