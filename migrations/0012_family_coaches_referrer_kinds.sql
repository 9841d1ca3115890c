-- Issue 14 (items 7 and 8): further coaches of a family, and each organisation's list of
-- referrer kinds. Portable SQL for SQLite and PostgreSQL (same conventions as 0001).
--
-- The main coach (gezinscoach, the family's single contact person) stays families.coach_id.
-- Further coaches, each with a role (kindercoach, ...), are rows here; a row with ended_on set
-- is history (handed over or ended, with a note) and gives no access any more.
CREATE TABLE family_coaches (
  id            TEXT PRIMARY KEY,
  family_id     TEXT NOT NULL REFERENCES families(id),
  user_id       TEXT NOT NULL REFERENCES users(id),
  role          TEXT NOT NULL,
  started_on    TEXT NOT NULL,
  ended_on      TEXT,
  note          TEXT,
  end_note      TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX family_coaches_family ON family_coaches (family_id, ended_on);
CREATE INDEX family_coaches_user ON family_coaches (user_id, ended_on);

-- The referrer kinds an organisation offers on the referral form, in order. An organisation
-- without rows gets the default list (trajectory/model.h, DefaultReferrerKinds); the rows below
-- seed every existing organisation with it.
CREATE TABLE referrer_kinds (
  organisation_id  TEXT NOT NULL REFERENCES organisations(id),
  code             TEXT NOT NULL,
  label            TEXT NOT NULL,
  position         INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, code)
);
INSERT INTO referrer_kinds (organisation_id, code, label, position)
  SELECT o.id, k.code, k.label, k.position FROM organisations o CROSS JOIN (
    SELECT 'woningcorporatie' AS code, 'Woningcorporatie' AS label, 1 AS position
    UNION ALL SELECT 'school', 'School', 2
    UNION ALL SELECT 'voedselbank', 'Voedselbank', 3
    UNION ALL SELECT 'kledingbank', 'Kledingbank', 4
    UNION ALL SELECT 'vakantiebank', 'Vakantiebank', 5
    UNION ALL SELECT 'bibliotheek', 'Bibliotheek', 6
    UNION ALL SELECT 'schuldhulp', 'Schuldhulp', 7
    UNION ALL SELECT 'welzijn', 'Welzijn', 8
    UNION ALL SELECT 'wijkteam', 'Wijkteam', 9
    UNION ALL SELECT 'huisarts', 'Huisarts', 10
    UNION ALL SELECT 'gemeente', 'Gemeente', 11
    UNION ALL SELECT 'zelf', 'Zelf aangemeld', 12
    UNION ALL SELECT 'anders', 'Anders', 13
  ) k;
