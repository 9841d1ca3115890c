-- Issue 5, the genogram: persons over 3–4 generations around the household, their relations,
-- life events and themes; and each organisation's theme list.
-- Portable SQL for SQLite and PostgreSQL (same conventions as 0001). Dates of the genogram are
-- GEDCOM 5.5.1 date values ("ABT 1950", "BET 1950 AND 1955"): family history is remembered
-- vaguely, and one string serves the API, the database and GEDCOM export alike.
-- `seq` keeps the order in which things were added: the layout breaks ties by it, so the
-- drawing stays put when someone is added.

CREATE TABLE genogram_persons (
  id            TEXT PRIMARY KEY,
  family_id     TEXT NOT NULL REFERENCES families(id),
  seq           BIGINT NOT NULL,
  given_names   TEXT NOT NULL,
  surname       TEXT NOT NULL,
  role_label    TEXT NOT NULL,
  sex           TEXT NOT NULL,
  kind          TEXT NOT NULL,   -- born | pregnancy | miscarriage | stillbirth (the small symbols)
  birth         TEXT NOT NULL,
  death         TEXT NOT NULL,
  deceased      INTEGER NOT NULL,
  index_person  INTEGER NOT NULL,
  in_household  INTEGER NOT NULL,
  details       TEXT NOT NULL,   -- minimal | full: what a relative outside the household allows
  member_id     TEXT REFERENCES members(id),
  themes        TEXT NOT NULL,   -- JSON array of theme ids
  note          TEXT NOT NULL,
  version       INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX genogram_persons_family ON genogram_persons (family_id, seq);

-- Partner, parent-child, emotional and twin relations in one table: they share their shape
-- (two persons, a kind) and are loaded together to check the whole genogram on every change.
CREATE TABLE genogram_relations (
  id          TEXT PRIMARY KEY,
  family_id   TEXT NOT NULL REFERENCES families(id),
  seq         BIGINT NOT NULL,
  type        TEXT NOT NULL,   -- partner | parent_child | emotional | twins
  person_a    TEXT NOT NULL REFERENCES genogram_persons(id),
  person_b    TEXT NOT NULL REFERENCES genogram_persons(id),
  kind        TEXT NOT NULL,
  state       TEXT NOT NULL,   -- partners only, else ''
  start_date  TEXT NOT NULL,
  end_date    TEXT NOT NULL,
  note        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX genogram_relations_family ON genogram_relations (family_id, seq);

CREATE TABLE genogram_events (
  id               TEXT PRIMARY KEY,
  family_id        TEXT NOT NULL REFERENCES families(id),
  seq              BIGINT NOT NULL,
  person_id        TEXT NOT NULL REFERENCES genogram_persons(id),
  kind             TEXT NOT NULL,
  event_date       TEXT NOT NULL,
  description      TEXT NOT NULL,
  place            TEXT NOT NULL,
  place_from       TEXT NOT NULL,
  other_person_id  TEXT REFERENCES genogram_persons(id),
  source_tag       TEXT NOT NULL,
  version          INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX genogram_events_family ON genogram_events (family_id, seq);

-- An organisation's own theme list; without rows the built-in default list applies.
CREATE TABLE genogram_themes (
  organisation_id  TEXT NOT NULL REFERENCES organisations(id),
  id               TEXT NOT NULL,
  label            TEXT NOT NULL,
  strength         INTEGER NOT NULL,
  position         INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
