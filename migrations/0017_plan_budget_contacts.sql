-- Issue 11: the kansplan, the family budget and the contact log.
-- Portable SQL for SQLite and PostgreSQL (same conventions as 0001). Money in integer cents.

-- The kansplan. The working plan lives in plan_items (dreams, talents, goals, actions, reviews);
-- plan_versions numbers the versions. An agreed version keeps a frozen copy of the plan as it
-- was agreed (snapshot, JSON) and never changes; the next change opens a new draft version.
CREATE TABLE plan_versions (
  id          TEXT PRIMARY KEY,
  family_id   TEXT NOT NULL REFERENCES families(id),
  number      INTEGER NOT NULL,
  status      TEXT NOT NULL,      -- draft | agreed
  agreed_on   TEXT,
  agreed_by   TEXT NOT NULL,      -- JSON array of member ids
  snapshot    TEXT,               -- the plan as agreed (JSON); NULL while draft
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (family_id, number)
);

CREATE TABLE plan_items (
  id          TEXT PRIMARY KEY,
  family_id   TEXT NOT NULL REFERENCES families(id),
  type        TEXT NOT NULL,      -- dream | talent | goal | action | review
  goal_id     TEXT,               -- an action's goal
  due_on      TEXT,               -- an action's date
  done        INTEGER NOT NULL,
  status      TEXT,               -- a goal's status
  data        TEXT NOT NULL,      -- the other fields (JSON)
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX plan_items_family ON plan_items (family_id, type, created_at, id);
CREATE INDEX plan_items_due ON plan_items (type, done, due_on);

CREATE TABLE plan_goal_history (
  id          TEXT PRIMARY KEY,
  family_id   TEXT NOT NULL REFERENCES families(id),
  goal_id     TEXT NOT NULL REFERENCES plan_items(id),
  status      TEXT NOT NULL,
  at          TEXT NOT NULL,
  by_name     TEXT NOT NULL
);
CREATE INDEX plan_goal_history_goal ON plan_goal_history (goal_id, at, id);

-- The budget. A pot per programme and year (the programme belongs to one organisation), with
-- the approval threshold and the spending categories (JSON array) as data.
CREATE TABLE budget_pots (
  id                        TEXT PRIMARY KEY,
  organisation_id           TEXT NOT NULL REFERENCES organisations(id),
  programme_id              TEXT NOT NULL REFERENCES programmes(id),
  year                      INTEGER NOT NULL,
  amount_cents              BIGINT NOT NULL,
  approval_threshold_cents  BIGINT NOT NULL,
  categories                TEXT NOT NULL,
  version                   INTEGER NOT NULL,
  created_at                TEXT NOT NULL,
  updated_at                TEXT NOT NULL,
  UNIQUE (programme_id, year)
);

-- One allocation per family. Its row is what a commit locks (SELECT ... FOR UPDATE on
-- PostgreSQL; SQLite has one writer), so two approvals at the same moment cannot both spend
-- the last euro.
CREATE TABLE budget_allocations (
  id               TEXT PRIMARY KEY,
  family_id        TEXT NOT NULL UNIQUE REFERENCES families(id),
  organisation_id  TEXT NOT NULL REFERENCES organisations(id),
  programme_id     TEXT NOT NULL REFERENCES programmes(id),
  pot_id           TEXT NOT NULL REFERENCES budget_pots(id),
  amount_cents     BIGINT NOT NULL,
  period_start     TEXT NOT NULL,
  period_end       TEXT NOT NULL,
  created_by       TEXT REFERENCES users(id),
  created_at       TEXT NOT NULL
);

CREATE TABLE budget_requests (
  id                TEXT PRIMARY KEY,
  family_id         TEXT NOT NULL REFERENCES families(id),
  allocation_id     TEXT NOT NULL REFERENCES budget_allocations(id),
  amount_cents      BIGINT NOT NULL,
  category          TEXT NOT NULL,
  goal_id           TEXT REFERENCES plan_items(id),
  supplier          TEXT NOT NULL,
  description       TEXT NOT NULL,
  status            TEXT NOT NULL,   -- requested | committed | paid | reversed
  override_reason   TEXT,
  committed_at      TEXT,
  paid_on           TEXT,
  payment_method    TEXT,
  created_by        TEXT REFERENCES users(id),
  created_by_name   TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX budget_requests_family ON budget_requests (family_id, created_at, id);
CREATE INDEX budget_requests_status ON budget_requests (status, family_id);

-- Who approved. A family member approves as a family-member principal (principal_kind
-- family_member, member_id); recorded_by is the account whose device carried it. One approval
-- per role and one per person (approver_key) on a request.
CREATE TABLE budget_approvals (
  id              TEXT PRIMARY KEY,
  request_id      TEXT NOT NULL REFERENCES budget_requests(id),
  family_id       TEXT NOT NULL REFERENCES families(id),
  as_role         TEXT NOT NULL,     -- coach | family | team_lead
  principal_kind  TEXT NOT NULL,     -- staff | family_member
  user_id         TEXT REFERENCES users(id),
  member_id       TEXT REFERENCES members(id),
  approver_key    TEXT NOT NULL,
  name            TEXT NOT NULL,
  recorded_by     TEXT REFERENCES users(id),
  at              TEXT NOT NULL,
  UNIQUE (request_id, as_role),
  UNIQUE (request_id, approver_key)
);

-- The ledger: append-only (0018 refuses UPDATE and DELETE). allocation +amount, commit
-- -amount, reversal +amount; an allocation's balance is the sum of its entries.
CREATE TABLE budget_ledger (
  id              TEXT PRIMARY KEY,
  family_id       TEXT NOT NULL REFERENCES families(id),
  allocation_id   TEXT NOT NULL REFERENCES budget_allocations(id),
  pot_id          TEXT NOT NULL REFERENCES budget_pots(id),
  request_id      TEXT REFERENCES budget_requests(id),
  kind            TEXT NOT NULL,
  amount_cents    BIGINT NOT NULL,
  note            TEXT,
  by_kind         TEXT NOT NULL,    -- staff | family_member
  by_user_id      TEXT REFERENCES users(id),
  by_member_id    TEXT REFERENCES members(id),
  by_name         TEXT NOT NULL,
  at              TEXT NOT NULL
);
CREATE INDEX budget_ledger_allocation ON budget_ledger (allocation_id, at, id);
CREATE INDEX budget_ledger_pot ON budget_ledger (pot_id, kind);

-- Receipts, stored with the case (base64 text: both drivers bind text).
CREATE TABLE budget_receipts (
  request_id    TEXT PRIMARY KEY REFERENCES budget_requests(id),
  family_id     TEXT NOT NULL REFERENCES families(id),
  content_type  TEXT NOT NULL,
  size_bytes    BIGINT NOT NULL,
  data_base64   TEXT NOT NULL,
  uploaded_by   TEXT REFERENCES users(id),
  uploaded_at   TEXT NOT NULL
);

-- The contact log. started_at is UTC; planned contacts lie ahead and do not count as hours.
CREATE TABLE contacts (
  id                TEXT PRIMARY KEY,
  family_id         TEXT NOT NULL REFERENCES families(id),
  coach_id          TEXT REFERENCES users(id),
  coach_name        TEXT NOT NULL,
  started_at        TEXT NOT NULL,
  duration_minutes  INTEGER NOT NULL,
  kind              TEXT NOT NULL,
  direct            INTEGER NOT NULL,
  planned           INTEGER NOT NULL,
  member_ids        TEXT NOT NULL,   -- JSON arrays
  topics            TEXT NOT NULL,
  note              TEXT,
  follow_ups        TEXT NOT NULL,
  created_at        TEXT NOT NULL
);
CREATE INDEX contacts_family ON contacts (family_id, started_at, id);
CREATE INDEX contacts_coach ON contacts (coach_id, started_at);
