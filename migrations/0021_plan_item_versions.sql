-- Issue 11, last part: versions on plan items. Portable SQL for SQLite and PostgreSQL.

-- Plan items are edited by the coach and, at the kitchen table, on a second device: a change
-- names the version it was made on (If-Match), so one device cannot silently overwrite another.
-- Existing items start at version 1.
ALTER TABLE plan_items ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
