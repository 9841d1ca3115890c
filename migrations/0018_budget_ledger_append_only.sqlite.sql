-- Issue 11: the budget ledger is append-only. A correction is a reversing entry.
CREATE TRIGGER budget_ledger_no_update BEFORE UPDATE ON budget_ledger
BEGIN
  SELECT RAISE(ABORT, 'budget_ledger is append-only');
END;
CREATE TRIGGER budget_ledger_no_delete BEFORE DELETE ON budget_ledger
BEGIN
  SELECT RAISE(ABORT, 'budget_ledger is append-only');
END;
