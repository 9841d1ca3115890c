-- A role the policy does not know gives no access at all (security/policy.h); the database
-- refuses to store one. SQLite cannot add a CHECK constraint to an existing table, so two
-- triggers do the same for every insert and every change of the role.
CREATE TRIGGER users_role_known_insert BEFORE INSERT ON users
  WHEN NEW.role NOT IN ('admin', 'team_lead', 'coach')
  BEGIN SELECT RAISE(ABORT, 'users.role must be admin, team_lead or coach'); END;
CREATE TRIGGER users_role_known_update BEFORE UPDATE OF role ON users
  WHEN NEW.role NOT IN ('admin', 'team_lead', 'coach')
  BEGIN SELECT RAISE(ABORT, 'users.role must be admin, team_lead or coach'); END;
