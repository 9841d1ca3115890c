-- Issue 14: a norm table carries more than the 21-to-pension norms (pension-age and under-21
-- norms, the pension age of its period, each with its source) and may be marked expired; a check
-- keeps how its norm was chosen (age group, basis, cost-sharer suggestion and corrections).
ALTER TABLE norm_tables ADD COLUMN valid_until TEXT;
ALTER TABLE norm_tables ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
ALTER TABLE eligibility_checks ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
