-- Issue 10, measurements: instruments as data (the ZRM, Positieve Gezondheid, levensgebieden),
-- measurements per household member, the generation in poverty per member, and the measurement
-- moments of a programme. Portable SQL for SQLite and PostgreSQL (same conventions as 0001).

-- Instrument versions. organisation_id '' marks one shipped in data/instruments/; an
-- organisation's own carry its id and are seen only there. `definition` is the instrument file
-- (JSON); `scoring_key` the part old scores depend on (scales, items, domains, scoring): a new
-- file under the same id and version must keep it, otherwise it is a new version.
CREATE TABLE instruments (
  organisation_id  TEXT NOT NULL,
  id               TEXT NOT NULL,
  version          TEXT NOT NULL,
  definition       TEXT NOT NULL,
  scoring_key      TEXT NOT NULL,
  loaded_at        TEXT NOT NULL,
  loaded_by        TEXT,
  PRIMARY KEY (organisation_id, id, version)
);

-- Cell texts an organisation loaded with the owner's permission (the ZRM's are © GGD Amsterdam).
CREATE TABLE instrument_cell_texts (
  organisation_id     TEXT NOT NULL REFERENCES organisations(id),
  instrument_id       TEXT NOT NULL,
  instrument_version  TEXT NOT NULL,
  cells               TEXT NOT NULL,  -- JSON: domain id -> level -> {nl, en}
  loaded_at           TEXT NOT NULL,
  loaded_by           TEXT,
  PRIMARY KEY (organisation_id, instrument_id, instrument_version)
);

-- One measurement of one member with one instrument version. `scores` holds the item values as
-- given, `domain_scores` what the scoring rules made of them when it was recorded (JSON objects),
-- so a chart is one indexed read.
CREATE TABLE measurements (
  id                  TEXT PRIMARY KEY,
  family_id           TEXT NOT NULL REFERENCES families(id),
  member_id           TEXT NOT NULL REFERENCES members(id),
  instrument_id       TEXT NOT NULL,
  instrument_version  TEXT NOT NULL,
  moment              TEXT NOT NULL,
  taken_on            TEXT NOT NULL,
  filled_in_by        TEXT NOT NULL,
  scores              TEXT NOT NULL,
  domain_scores       TEXT NOT NULL,
  notes               TEXT NOT NULL,
  recorded_by         TEXT REFERENCES users(id),
  recorded_by_name    TEXT NOT NULL,
  version             INTEGER NOT NULL,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX measurements_family ON measurements (family_id, taken_on, id);
-- A programme's outcomes read two moments of one instrument per family (bench/measurements.sh:
-- 5,000 of 3,000,000 rows without touching the other moments).
CREATE INDEX measurements_outcome ON measurements (family_id, instrument_id, instrument_version, moment);
-- The due list asks per member for the last date and the count per moment.
CREATE INDEX measurements_member ON measurements (member_id, moment, taken_on);

-- The generation in poverty (1st, 2nd, 3rd; the RUG study's breakdown), kept by the
-- measurements feature for the outcome breakdown; NULL is unknown.
CREATE TABLE member_poverty_generations (
  member_id   TEXT PRIMARY KEY REFERENCES members(id),
  family_id   TEXT NOT NULL REFERENCES families(id),
  generation  INTEGER,
  updated_at  TEXT NOT NULL
);

-- Measurement moments of a programme; a programme without a row uses the defaults
-- (docs/decisions.md). The nazorg moments are the programme's follow_up_months.
CREATE TABLE measurement_settings (
  programme_id          TEXT PRIMARY KEY REFERENCES programmes(id),
  interim_every_months  INTEGER NOT NULL,
  tool_12_16            TEXT,
  version               INTEGER NOT NULL,
  updated_at            TEXT NOT NULL
);

-- A programme's outcomes start from its families (covering the organisation check).
CREATE INDEX families_programme ON families (programme_id, organisation_id, id);
