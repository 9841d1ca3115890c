-- Account security (issue 12): one-time activation links instead of passwords chosen by an admin,
-- TOTP replay protection, and a record of case-role grants that team leads can see.
-- Portable SQL for SQLite and PostgreSQL (TEXT UTC times, 0/1 integers), like 0001.

-- The last TOTP time step (unix time / 30) that was accepted for this user: a code of that step
-- or an earlier one is refused, so an overheard code cannot be used again.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

-- A user created by an admin has no password (password_hash = '') until they open their
-- activation link and choose one. Only the SHA-256 of the token is stored; valid 72 hours.
CREATE TABLE user_activations (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users(id),
  created_by   TEXT,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX user_activations_user ON user_activations (user_id);

-- Every grant or change of a role, shown to the organisation's team leads: a case role (coach,
-- team_lead) gives access to family files, so who gave it to whom must be visible to them.
-- kind 'role': a grant or change (old_role NULL for a new account); kind 'activation': an admin
-- issued a new activation link (a password reset), which whoever opens it can use to sign in.
CREATE TABLE role_changes (
  id               TEXT PRIMARY KEY,
  organisation_id  TEXT NOT NULL REFERENCES organisations(id),
  user_id          TEXT NOT NULL REFERENCES users(id),
  kind             TEXT NOT NULL DEFAULT 'role',
  old_role         TEXT,
  new_role         TEXT NOT NULL,
  changed_by       TEXT,
  changed_at       TEXT NOT NULL
);
CREATE INDEX role_changes_org_time ON role_changes (organisation_id, changed_at);
