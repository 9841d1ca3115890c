#include "eligibility/repo.h"

#include <map>
#include <string_view>

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::embedded {
const std::map<std::string, std::string_view>& Files();
}

namespace kansrijk::eligibility {
namespace {

constexpr const char* kNormSelect =
    "SELECT organisation_id, version, valid_from, source, source_url, includes_holiday_allowance, basis, "
    "alleenstaande_cents, alleenstaande_ouder_cents, gehuwden_cents, loaded_at, valid_until, details FROM norm_tables ";

NormTable NormFromRow(const db::Row& r) {
  NormTable t;
  t.organisation_id = r.Text(0);
  t.version = r.Text(1);
  t.valid_from = r.Text(2);
  t.source = r.Text(3);
  t.source_url = r.Text(4);
  t.includes_holiday_allowance = r.Int(5) != 0;
  t.basis = r.Text(6);
  t.alleenstaande_cents = r.Int(7);
  t.alleenstaande_ouder_cents = r.Int(8);
  t.gehuwden_cents = r.Int(9);
  t.loaded_at = r.Text(10);
  t.valid_until = r.OptText(11);
  ReadNormDetails(nlohmann::json::parse(r.Text(12), nullptr, false), t);
  return t;
}

constexpr const char* kCheckSelect =
    "SELECT id, family_id, check_date, household_type, cost_sharers, incomes, income_cents, norm_cents, "
    "percent_tenths, threshold_percent, passes, norm_table_version, override_passes, override_reason, "
    "override_by_name, override_at, created_by_name, created_at, details FROM eligibility_checks ";

Check CheckFromRow(const db::Row& r) {
  Check c;
  c.id = r.Text(0);
  c.family_id = r.Text(1);
  c.date = r.Text(2);
  c.household_type = r.Text(3);
  c.cost_sharers = r.Int(4);
  c.incomes_json = r.Text(5);
  c.outcome = {r.Int(6), r.Int(7), r.Int(8), r.Int(10) != 0};
  c.threshold_percent = r.Int(9);
  c.norm_table_version = r.Text(11);
  if (!r.IsNull(12)) c.override_passes = r.Int(12) != 0;
  c.override_reason = r.OptText(13);
  c.override_by_name = r.OptText(14);
  c.override_at = r.OptText(15);
  c.created_by_name = r.Text(16);
  c.created_at = r.Text(17);
  c.details_json = r.Text(18);
  return c;
}

}  // namespace

Result<std::vector<NormTable>> NormRepo::Visible(db::Connection& c, const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kNormSelect) +
                                          "WHERE organisation_id = '' OR organisation_id = ? "
                                          "ORDER BY valid_from, organisation_id, version",
                                      {organisation_id}));
  std::vector<NormTable> out;
  for (const auto& r : rows) out.push_back(NormFromRow(r));
  return out;
}

Status NormRepo::Insert(db::Connection& tx, const NormTable& t, const std::optional<std::string>& loaded_by) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT COUNT(*) FROM norm_tables WHERE organisation_id = ? AND version = ?",
                                       {t.organisation_id, t.version}));
  if (rows.at(0).Int(0) > 0)
    return Status::Conflict("norm_version_taken", {{"version", t.version}});
  return tx
      .Exec("INSERT INTO norm_tables (organisation_id, version, valid_from, source, source_url, "
            "includes_holiday_allowance, basis, alleenstaande_cents, alleenstaande_ouder_cents, gehuwden_cents, "
            "loaded_at, loaded_by, valid_until, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {t.organisation_id, t.version, t.valid_from, t.source, t.source_url,
             int64_t{t.includes_holiday_allowance ? 1 : 0}, t.basis, t.alleenstaande_cents,
             t.alleenstaande_ouder_cents, t.gehuwden_cents, FormatUtc(Now()), db::Opt(loaded_by),
             db::Opt(t.valid_until), NormDetailsJson(t).dump()})
      .status();
}

Result<bool> NormRepo::InsertNationalIfMissing(db::Connection& tx, const NormTable& in) {
  NormTable t = in;
  t.organisation_id = "";
  Status st = Insert(tx, t, std::nullopt);
  if (st.code() == Code::kConflict) {
    // A shipped table may gain age groups, a pension age or an expiry in a later release: the
    // shipped file is the truth for national tables.
    RETURN_IF_ERROR(tx.Exec("UPDATE norm_tables SET valid_until = ?, details = ?, source = ? "
                            "WHERE organisation_id = '' AND version = ?",
                            {db::Opt(t.valid_until), NormDetailsJson(t).dump(), t.source, t.version})
                        .status());
    return false;
  }
  if (!st.ok()) return st;
  return true;
}

Result<std::vector<Check>> CheckRepo::ForFamily(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kCheckSelect) + "WHERE family_id = ? ORDER BY created_at DESC, id DESC",
                                      {family_id}));
  std::vector<Check> out;
  for (const auto& r : rows) out.push_back(CheckFromRow(r));
  return out;
}

Result<Check> CheckRepo::Get(db::Connection& c, const std::string& family_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kCheckSelect) + "WHERE id = ? AND family_id = ?", {id, family_id}));
  if (rows.empty()) return Status::NotFound("eligibility_check_not_found");
  return CheckFromRow(rows[0]);
}

Result<Check> CheckRepo::Insert(db::Connection& tx, const Check& k, const std::string& created_by) {
  std::string id = NewId();
  RETURN_IF_ERROR(tx.Exec("INSERT INTO eligibility_checks (id, family_id, check_date, household_type, cost_sharers, "
                          "incomes, income_cents, norm_cents, percent_tenths, threshold_percent, passes, "
                          "norm_table_version, created_by, created_by_name, created_at, details) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {id, k.family_id, k.date, k.household_type, k.cost_sharers, k.incomes_json,
                           k.outcome.income_cents, k.outcome.norm_cents, k.outcome.percent_tenths, k.threshold_percent,
                           int64_t{k.outcome.passes ? 1 : 0}, k.norm_table_version, created_by, k.created_by_name,
                           FormatUtc(Now()), k.details_json})
                      .status());
  return Get(tx, k.family_id, id);
}

Result<Check> CheckRepo::SetOverride(db::Connection& tx, const Check& k, bool passes, const std::string& reason,
                                     const std::string& by, const std::string& by_name) {
  RETURN_IF_ERROR(tx.Exec("UPDATE eligibility_checks SET override_passes = ?, override_reason = ?, override_by = ?, "
                          "override_by_name = ?, override_at = ? WHERE id = ? AND family_id = ?",
                          {int64_t{passes ? 1 : 0}, reason, by, by_name, FormatUtc(Now()), k.id, k.family_id})
                      .status());
  return Get(tx, k.family_id, k.id);
}

Result<int> LoadShippedNorms(db::Database& db) {
  std::vector<NormTable> tables;
  for (const auto& [path, content] : embedded::Files()) {
    if (!path.starts_with("data/norms/") || !path.ends_with(".json")) continue;
    auto j = nlohmann::json::parse(content, nullptr, false);
    if (j.is_discarded()) return Status::Internal(path + " is not valid JSON");
    auto t = ParseNormTable(j);
    if (!t.ok() && t.status().field_errors().empty()) return Status::Internal(path + " is not a JSON object");
    if (!t.ok()) {
      std::string why;
      for (const auto& [field, errors] : t.status().field_errors()) why += " " + field + ": " + errors.at(0).code;
      return Status::Internal(path + " is not a valid norm table:" + why);
    }
    tables.push_back(*t);
  }
  int added = 0;
  RETURN_IF_ERROR(db.Write([&](db::Connection& tx) -> Status {
    for (const auto& t : tables) {
      ASSIGN_OR_RETURN(bool inserted, NormRepo::InsertNationalIfMissing(tx, t));
      if (inserted) ++added;
    }
    return Status::Ok();
  }));
  return added;
}

}  // namespace kansrijk::eligibility
