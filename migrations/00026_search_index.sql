-- The console's searches stay fast at a province's volume (issue 14). GET /v1/dossiers?q= and
-- GET /v1/users?q= find a term anywhere inside a code, a folded name or a phone (LIKE '%term%'),
-- which no B-tree serves: with 200,000 dossiers in one ward PostgreSQL walked the ward's id index
-- folding every row's name, 3–13 s for a name or a phone. Trigram GIN indexes (pg_trgm, a trusted
-- extension) answer LIKE '%term%' for terms of 3 characters or more; the planner still walks the
-- ward's id index when a term is common (half the ward is a "Nguyễn": the page's 20 come first).
-- Terms of 1–2 characters give no trigram: they are answered as before, by that walk.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- What q= is compared with: the code, the portal's code and the applicant's name folded by fold_vi
-- (migration 00017; procedure.Fold folds the typed term the same way), one per line. The query
-- side is folded with its blanks collapsed, so it never holds a line break and cannot match across
-- two of them: LIKE on this text finds what LIKE on each of the three did (the name was folded by
-- translate and lower only; fold_vi also composes and collapses blanks, which the stored, cleaned
-- names need not, and matches procedure.Fold: dossier TestFoldViMatchesProcedureFold). The list's SQL
-- (dossier.listSQL) calls this function with the same arguments, so the planner matches the index
-- and its statistics.
-- +goose StatementBegin
CREATE FUNCTION dossier_search_text(code text, portal_code text, applicant_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(code) || E'\n' || lower(coalesce(portal_code, '')) || E'\n' || coalesce(fold_vi(applicant_name), '')
$$;
-- +goose StatementEnd

CREATE INDEX dossiers_search_trgm_idx ON dossiers USING gin (dossier_search_text(code, portal_code, applicant_name) gin_trgm_ops);
-- Phones are stored as +84…; the digits typed (from 3) are found inside them.
CREATE INDEX dossiers_phone_trgm_idx ON dossiers USING gin (applicant_phone gin_trgm_ops);

-- The staff list: every folded word in the folded name (accounts.searchSQL), or digits in the phone.
CREATE INDEX users_name_trgm_idx ON users USING gin (fold_vi(full_name) gin_trgm_ops);
CREATE INDEX users_phone_trgm_idx ON users USING gin (phone gin_trgm_ops);

-- The planner's choice rests on how many rows it expects a term to match, which it reads from
-- ANALYZE's histogram of the folded text: with the default 100 entries a name part held by 1.6 %
-- of a ward ("oanh") looked rare, so 8,000 rows were rechecked (130 ms) where the walk takes 20 ms,
-- and one held by 0.2 % ("vu kim") looked common, so 9,600 rows were walked (180 ms) where the
-- index takes 13 ms. 1,000 entries get both right; ANALYZE then folds up to 300,000 sampled rows
-- (about 8 s for the dossiers).
ALTER INDEX dossiers_search_trgm_idx ALTER COLUMN 1 SET STATISTICS 1000;
ALTER INDEX users_name_trgm_idx ALTER COLUMN 1 SET STATISTICS 1000;

-- +goose Down
DROP INDEX users_phone_trgm_idx;
DROP INDEX users_name_trgm_idx;
DROP INDEX dossiers_phone_trgm_idx;
DROP INDEX dossiers_search_trgm_idx;
DROP FUNCTION dossier_search_text(text, text, text);
-- Without CASCADE: fails, rather than drop them, if other objects have come to use it.
DROP EXTENSION IF EXISTS pg_trgm;
