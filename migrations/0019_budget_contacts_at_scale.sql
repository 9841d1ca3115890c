-- Issue 11, second part: indexes measured with bench/budget.sh at national scale (250,000
-- families, 5,000,000 ledger entries, 2,000,000 contacts; docs/performance.md), and the link
-- from a contact's follow-up line to the plan action made of it. Portable SQL for SQLite and
-- PostgreSQL.

-- A family's approvals (the budget page reads them by family): without it, a scan of all.
CREATE INDEX budget_approvals_family ON budget_approvals (family_id, at, id);

-- The pot's committed sum reads only the index (amount included), not the ledger rows.
DROP INDEX budget_ledger_pot;
CREATE INDEX budget_ledger_pot_sum ON budget_ledger (pot_id, kind, amount_cents);

-- The organisation's open requests, oldest first ("Vandaag" of a team lead), read in order.
CREATE INDEX budget_requests_open ON budget_requests (status, created_at, id);

-- A programme's report starts from the pot's allocations.
CREATE INDEX budget_allocations_pot ON budget_allocations (pot_id, family_id);

-- The week's held minutes across an organisation ("Vandaag" of a team lead): one range of
-- this index, covering the sum.
CREATE INDEX contacts_week ON contacts (planned, started_at, family_id, duration_minutes);

-- A follow-up line of a contact (contacts.follow_ups[position], 0-based) taken into the plan
-- as an action. One action per line: the primary key refuses a second.
CREATE TABLE contact_follow_up_actions (
  contact_id    TEXT NOT NULL REFERENCES contacts(id),
  position      INTEGER NOT NULL,
  family_id     TEXT NOT NULL REFERENCES families(id),
  plan_item_id  TEXT NOT NULL REFERENCES plan_items(id),
  created_by    TEXT REFERENCES users(id),
  created_at    TEXT NOT NULL,
  PRIMARY KEY (contact_id, position)
);
