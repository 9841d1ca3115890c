-- Issue 11, last part: the family's signature. Portable SQL for SQLite and PostgreSQL.

-- The name a household member typed to sign a budget approval on the coach's device. The
-- server compares it with the member's own name before it records the approval; it is kept
-- with the approval as the family's signature. NULL for staff approvals and for approvals
-- given before this migration.
ALTER TABLE budget_approvals ADD COLUMN signature TEXT;
