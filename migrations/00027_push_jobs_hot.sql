-- The push workers update every job twice: the claim (lease, attempts) and the outcome. The claim
-- changes no indexed column, so it can be a HOT update (no index entry, less WAL) when the new
-- row version fits in the page of the old one; jobs are inserted into full pages otherwise
-- (issue 14). Space is left in each page of new rows for that.

-- +goose Up
ALTER TABLE push_jobs SET (fillfactor = 50);

-- +goose Down
ALTER TABLE push_jobs RESET (fillfactor);
