-- Issue 11: the budget ledger is append-only. A correction is a reversing entry.
CREATE FUNCTION budget_ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'budget_ledger is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER budget_ledger_no_change BEFORE UPDATE OR DELETE ON budget_ledger
  FOR EACH ROW EXECUTE FUNCTION budget_ledger_append_only();
