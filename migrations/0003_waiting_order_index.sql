-- The caseload's "longest waiting first" and the waiting list order by
-- COALESCE(waiting_since, <far future>). Without an index on that exact expression both
-- engines sorted every family of the organisation: 286 ms median with 250,000 families
-- (bench/caseload.sh). With it they read the first page straight from the index.
CREATE INDEX families_org_wait_order ON families (organisation_id, (COALESCE(waiting_since, '9999-12-31T23:59:59.999Z')), id);
