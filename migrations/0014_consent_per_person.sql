-- Issue 14: consent per person. A consent names the household member who gave it and, when it
-- is about one person (a child's own research consent), that person; sharing names a partner
-- organisation from the team lead's list instead of free text.
CREATE TABLE partner_organisations (
  id               TEXT PRIMARY KEY,
  organisation_id  TEXT NOT NULL REFERENCES organisations(id),
  name             TEXT NOT NULL,
  kind             TEXT NOT NULL,
  contact          TEXT NOT NULL,
  active           INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX partner_organisations_org ON partner_organisations (organisation_id, name, id);

ALTER TABLE consents ADD COLUMN given_by_member_id TEXT REFERENCES members(id);
ALTER TABLE consents ADD COLUMN subject_member_id TEXT REFERENCES members(id);
ALTER TABLE consents ADD COLUMN partner_organisation_id TEXT REFERENCES partner_organisations(id);
