-- Issue 14 (items 1 and 2): closing a trajectory from any phase, and aftercare (nazorg) with a
-- shape. Portable SQL for SQLite and PostgreSQL (same conventions as 0001).
--
-- closed_on / closed_from_phase: when and from which phase the trajectory was closed. A closing
-- from aanmelding or intake is "niet gestart" and is counted apart from completed trajectories.
-- ended_on: the trajectory is over (the last follow-up moment is recorded, or there were none).
-- Families closed before this migration keep closed_on null: their closing date is unknown.
ALTER TABLE families ADD COLUMN closed_on TEXT;
ALTER TABLE families ADD COLUMN closed_from_phase TEXT;
ALTER TABLE families ADD COLUMN ended_on TEXT;

-- The follow-up moments of a closed trajectory, from the programme's follow_up_months (or the
-- default schedule, docs/decisions.md): each due `months` after the closing date.
-- status: open | done | not_reachable | cancelled (open moments are cancelled on reopening).
CREATE TABLE follow_ups (
  id                TEXT PRIMARY KEY,
  family_id         TEXT NOT NULL REFERENCES families(id),
  organisation_id   TEXT NOT NULL REFERENCES organisations(id),
  months            INTEGER NOT NULL,
  due_on            TEXT NOT NULL,
  status            TEXT NOT NULL,
  note              TEXT,
  recorded_on       TEXT,
  recorded_by       TEXT REFERENCES users(id),
  recorded_by_name  TEXT,
  created_at        TEXT NOT NULL
);
CREATE INDEX follow_ups_family ON follow_ups (family_id, due_on, id);
CREATE INDEX follow_ups_org_due ON follow_ups (organisation_id, status, due_on, id);
