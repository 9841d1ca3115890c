// Storage of norm tables and eligibility checks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eligibility/model.h"
#include "platform/db.h"

namespace kansrijk::eligibility {

struct Check {
  std::string id;
  std::string family_id;
  std::string date;  // YYYY-MM-DD the check is for
  std::string household_type;
  int64_t cost_sharers = 1;
  std::string incomes_json;  // [{source, amount_cents}]
  Outcome outcome;
  int64_t threshold_percent = 120;
  std::string norm_table_version;
  std::optional<bool> override_passes;
  std::optional<std::string> override_reason, override_by_name, override_at;
  std::string created_by_name;
  std::string created_at;
  // How the norm was chosen, as JSON: age group, norm key, valid_from, source, basis, the
  // income as entered and converted, the cost-sharer suggestion and exclusions, warnings.
  std::string details_json = "{}";

  // The decision that counts: the team lead's override when there is one.
  bool EffectivePasses() const { return override_passes.value_or(outcome.passes); }
};

class NormRepo {
 public:
  // National tables and the organisation's own, by valid_from.
  static Result<std::vector<NormTable>> Visible(db::Connection& c, const std::string& organisation_id);
  // Inserts a table. kConflict when (organisation_id, version) exists already.
  static Status Insert(db::Connection& tx, const NormTable& t, const std::optional<std::string>& loaded_by);
  // Inserts the national table unless its version is present (idempotent); true when inserted.
  static Result<bool> InsertNationalIfMissing(db::Connection& tx, const NormTable& t);
};

class CheckRepo {
 public:
  // The family's checks, newest first.
  static Result<std::vector<Check>> ForFamily(db::Connection& c, const std::string& family_id);
  static Result<Check> Get(db::Connection& c, const std::string& family_id, const std::string& id);  // kNotFound
  // Inserts `check` (id and created_at set here).
  static Result<Check> Insert(db::Connection& tx, const Check& check, const std::string& created_by);
  static Result<Check> SetOverride(db::Connection& tx, const Check& check, bool passes, const std::string& reason,
                                   const std::string& by, const std::string& by_name);
};

// Loads every data/norms/*.json compiled into the binary into norm_tables when missing.
// Returns how many were added; kInternal when a shipped file does not parse (a build mistake).
Result<int> LoadShippedNorms(db::Database& db);

}  // namespace kansrijk::eligibility
