-- Issue 4, the coaching trajectory: programmes, the family's phase and referral, its timeline,
-- consent per purpose, dated norm tables and eligibility checks.
-- Portable SQL for SQLite and PostgreSQL (same conventions as 0001).
--
-- Existing families: a family without a coach enters the waiting list in phase "aanmelding"
-- (waiting since it was created); a family that already has a coach starts in "intake". Not
-- "actief": that phase needs a recorded coaching consent and a passed eligibility check, which
-- families from before this migration do not have yet, so their coach records both first.

CREATE TABLE programmes (
  id                               TEXT PRIMARY KEY,
  organisation_id                  TEXT NOT NULL REFERENCES organisations(id),
  name                             TEXT NOT NULL,
  threshold_percent                INTEGER NOT NULL,
  default_budget_cents             BIGINT NOT NULL,
  contact_target_minutes_per_week  INTEGER NOT NULL,
  planned_duration_weeks           INTEGER NOT NULL,
  follow_up_months                 TEXT NOT NULL,  -- JSON array of integers, e.g. [6,12,18]
  active                           INTEGER NOT NULL,
  version                          INTEGER NOT NULL,
  created_at                       TEXT NOT NULL,
  updated_at                       TEXT NOT NULL,
  UNIQUE (organisation_id, name)
);

ALTER TABLE families ADD COLUMN programme_id TEXT REFERENCES programmes(id);
ALTER TABLE families ADD COLUMN phase TEXT NOT NULL DEFAULT 'aanmelding';
ALTER TABLE families ADD COLUMN waiting_since TEXT;
ALTER TABLE families ADD COLUMN intake_date TEXT;
ALTER TABLE families ADD COLUMN closing_reason TEXT;
ALTER TABLE families ADD COLUMN closing_summary TEXT;
ALTER TABLE families ADD COLUMN referrer_organisation TEXT;
ALTER TABLE families ADD COLUMN referrer_kind TEXT;
ALTER TABLE families ADD COLUMN referral_reason TEXT;
ALTER TABLE families ADD COLUMN contact_phone TEXT;
ALTER TABLE families ADD COLUMN contact_email TEXT;
ALTER TABLE families ADD COLUMN contact_address TEXT;

UPDATE families SET phase = 'intake' WHERE coach_id IS NOT NULL;
UPDATE families SET waiting_since = created_at WHERE coach_id IS NULL;

CREATE INDEX families_org_waiting ON families (organisation_id, waiting_since, id);
CREATE INDEX families_org_updated ON families (organisation_id, updated_at, id);
CREATE INDEX families_org_phase ON families (organisation_id, phase);

-- The trajectory's timeline: referral, phase changes, assignment and handover, consent and
-- eligibility events. The user's name is kept as it was at the time, like a paper file.
CREATE TABLE family_events (
  id          TEXT PRIMARY KEY,
  family_id   TEXT NOT NULL REFERENCES families(id),
  at          TEXT NOT NULL,
  event_date  TEXT NOT NULL,
  kind        TEXT NOT NULL,
  from_value  TEXT,
  to_value    TEXT,
  note        TEXT,
  user_id     TEXT REFERENCES users(id),
  user_name   TEXT NOT NULL
);
CREATE INDEX family_events_family ON family_events (family_id, at, id);

CREATE TABLE consents (
  id                    TEXT PRIMARY KEY,
  family_id             TEXT NOT NULL REFERENCES families(id),
  purpose               TEXT NOT NULL,
  partner_organisation  TEXT,
  given_by              TEXT NOT NULL,
  given_on              TEXT NOT NULL,
  method                TEXT NOT NULL,
  withdrawn_on          TEXT,
  withdrawal_note       TEXT,
  recorded_by           TEXT REFERENCES users(id),
  recorded_by_name      TEXT NOT NULL,
  version               INTEGER NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL
);
CREATE INDEX consents_family ON consents (family_id, created_at, id);

-- Bijstandsnormen as dated data. organisation_id '' marks a national table shipped in
-- data/norms/; an administrator's own tables carry their organisation and are seen only there.
CREATE TABLE norm_tables (
  organisation_id             TEXT NOT NULL,
  version                     TEXT NOT NULL,
  valid_from                  TEXT NOT NULL,
  source                      TEXT NOT NULL,
  source_url                  TEXT NOT NULL,
  includes_holiday_allowance  INTEGER NOT NULL,
  basis                       TEXT NOT NULL,
  alleenstaande_cents         BIGINT NOT NULL,
  alleenstaande_ouder_cents   BIGINT NOT NULL,
  gehuwden_cents              BIGINT NOT NULL,
  loaded_at                   TEXT NOT NULL,
  loaded_by                   TEXT,
  PRIMARY KEY (organisation_id, version)
);

CREATE TABLE eligibility_checks (
  id                  TEXT PRIMARY KEY,
  family_id           TEXT NOT NULL REFERENCES families(id),
  check_date          TEXT NOT NULL,
  household_type      TEXT NOT NULL,
  cost_sharers        INTEGER NOT NULL,
  incomes             TEXT NOT NULL,  -- JSON array of {source, amount_cents}
  income_cents        BIGINT NOT NULL,
  norm_cents          BIGINT NOT NULL,
  percent_tenths      INTEGER NOT NULL,
  threshold_percent   INTEGER NOT NULL,
  passes              INTEGER NOT NULL,
  norm_table_version  TEXT NOT NULL,
  override_passes     INTEGER,
  override_reason     TEXT,
  override_by         TEXT REFERENCES users(id),
  override_by_name    TEXT,
  override_at         TEXT,
  created_by          TEXT REFERENCES users(id),
  created_by_name     TEXT NOT NULL,
  created_at          TEXT NOT NULL
);
CREATE INDEX eligibility_family ON eligibility_checks (family_id, created_at, id);
