-- A role the policy does not know gives no access at all (security/policy.h); the database
-- refuses to store one. NOT VALID: a row already holding an unknown role does not stop the
-- upgrade (it gets no access), but no new or changed row may hold one.
ALTER TABLE users ADD CONSTRAINT users_role_known CHECK (role IN ('admin', 'team_lead', 'coach')) NOT VALID;
