-- Foundation: organisations, accounts, sessions, login throttling, families, members, audit chain.
-- Portable SQL for SQLite and PostgreSQL: TEXT ids, TEXT UTC times (ISO 8601, sortable), 0/1 integers for booleans.

CREATE TABLE organisations (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL
);

CREATE TABLE users (
  id               TEXT PRIMARY KEY,
  organisation_id  TEXT NOT NULL REFERENCES organisations(id),
  username         TEXT NOT NULL UNIQUE,
  display_name     TEXT NOT NULL,
  role             TEXT NOT NULL,
  password_hash    TEXT NOT NULL,
  totp_secret      TEXT,
  totp_enabled     INTEGER NOT NULL DEFAULT 0,
  disabled         INTEGER NOT NULL DEFAULT 0,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX users_org_role ON users (organisation_id, role);

-- Sessions live in the database so several app nodes can share them. Only the token's hash is stored.
CREATE TABLE sessions (
  token_hash    TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users(id),
  csrf_token    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  last_seen_at  TEXT NOT NULL,
  expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed logins per key ("user:<name>"), shared by all nodes.
CREATE TABLE login_throttle (
  throttle_key   TEXT PRIMARY KEY,
  failures       INTEGER NOT NULL,
  window_start   TEXT NOT NULL,
  locked_until   TEXT
);

CREATE TABLE families (
  id               TEXT PRIMARY KEY,
  organisation_id  TEXT NOT NULL REFERENCES organisations(id),
  name             TEXT NOT NULL,
  name_key         TEXT NOT NULL,
  coach_id         TEXT REFERENCES users(id),
  status           TEXT NOT NULL,
  version          INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX families_org_name ON families (organisation_id, name_key, id);
CREATE INDEX families_coach_name ON families (organisation_id, coach_id, name_key, id);

CREATE TABLE members (
  id               TEXT PRIMARY KEY,
  family_id        TEXT NOT NULL REFERENCES families(id),
  given_name       TEXT NOT NULL,
  family_name      TEXT NOT NULL,
  birth_date       TEXT,
  sex              TEXT NOT NULL,
  household_role   TEXT NOT NULL,
  version          INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX members_family ON members (family_id, id);

-- Append-only, hash-chained audit log (NEN 7513 style). See src/security/audit.h.
CREATE TABLE audit_log (
  seq              BIGINT PRIMARY KEY,
  at               TEXT NOT NULL,
  user_id          TEXT,
  role             TEXT,
  organisation_id  TEXT,
  action           TEXT NOT NULL,
  resource         TEXT NOT NULL,
  family_id        TEXT,
  outcome          TEXT NOT NULL,
  client_addr      TEXT,
  request_id       TEXT,
  prev_hash        TEXT NOT NULL,
  hash             TEXT NOT NULL
);
CREATE INDEX audit_family ON audit_log (family_id, seq);

-- The chain's head: the last sequence and hash, authenticated with a key kept outside the database.
CREATE TABLE audit_head (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  seq   BIGINT NOT NULL,
  hash  TEXT NOT NULL,
  mac   TEXT NOT NULL
);
