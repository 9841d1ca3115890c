#include "eligibility/service.h"

#include <nlohmann/json.hpp>

#include "families/repo.h"
#include "platform/text.h"
#include "programmes/model.h"
#include "programmes/repo.h"
#include "timeline/timeline.h"

namespace kansrijk::eligibility {
namespace {

std::string Euros(int64_t cents) {
  std::string whole = std::to_string(cents / 100), frac = std::to_string(cents % 100);
  return "EUR " + whole + "," + (frac.size() == 1 ? "0" + frac : frac);
}

const char* OutcomeWord(bool passes) { return passes ? "voldoet" : "voldoet_niet"; }

}  // namespace

Result<std::vector<Check>> ListChecks(db::Connection& c, const std::string& family_id) {
  return CheckRepo::ForFamily(c, family_id);
}

Result<Check> RecordCheck(db::Connection& tx, const std::string& family_id, const CheckInput& in, const Author& by,
                          Date today) {
  std::vector<int64_t> amounts;
  nlohmann::json incomes = nlohmann::json::array();
  for (const auto& i : in.incomes) {
    amounts.push_back(i.amount_cents);
    incomes.push_back({{"source", i.source}, {"amount_cents", i.amount_cents}});
  }
  if (auto errors = ValidateCheckInput(in.household_type, in.cost_sharers, in.date, amounts, today); !errors.empty())
    return Status::Invalid(errors);

  // The facts: the family's programme and its threshold, and the norm table in force that day.
  ASSIGN_OR_RETURN(families::Family family, families::FamilyRepo::Get(tx, family_id));
  Check check;
  check.family_id = family_id;
  check.date = FormatDate(in.date);
  check.household_type = in.household_type;
  check.cost_sharers = in.cost_sharers;
  check.incomes_json = incomes.dump();
  check.created_by_name = by.name;
  check.threshold_percent = programmes::kDefaultThresholdPercent;
  ASSIGN_OR_RETURN(auto programme, programmes::ProgrammeRepo::OfFamily(tx, family_id));
  if (programme) check.threshold_percent = programme->threshold_percent;
  ASSIGN_OR_RETURN(auto tables, NormRepo::Visible(tx, family.organisation_id));
  const NormTable* table = TableFor(tables, in.date);
  if (!table) return Status::InvalidField("date", "norm_table_missing", {{"date", check.date}});

  // The rule, then the write.
  check.norm_table_version = table->version;
  check.outcome = Compute(NormCents(*table, check.household_type, check.cost_sharers), amounts, check.threshold_percent);
  ASSIGN_OR_RETURN(Check created, CheckRepo::Insert(tx, check, by.user_id));
  timeline::Entry e;
  e.family_id = family_id;
  e.kind = "eligibility";
  e.date = check.date;
  e.to = OutcomeWord(created.outcome.passes);
  e.note = FormatPercent(created.outcome.percent_tenths) + "% van de norm (" + Euros(created.outcome.income_cents) +
           " van " + Euros(created.outcome.norm_cents) + ", grens " + std::to_string(check.threshold_percent) +
           "%, normtabel " + check.norm_table_version + ")";
  e.user_id = by.user_id;
  e.user_name = by.name;
  RETURN_IF_ERROR(timeline::Append(tx, std::move(e)));
  return created;
}

Result<Check> OverrideCheck(db::Connection& tx, const std::string& family_id, const std::string& check_id,
                            bool passes, const std::string& reason, const Author& by, Date today) {
  if (Trim(reason).empty()) return Status::InvalidField("reason", "not_empty");
  ASSIGN_OR_RETURN(Check current, CheckRepo::Get(tx, family_id, check_id));
  ASSIGN_OR_RETURN(Check updated, CheckRepo::SetOverride(tx, current, passes, reason, by.user_id, by.name));
  timeline::Entry e;
  e.family_id = family_id;
  e.kind = "override";
  e.date = FormatDate(today);
  e.from = OutcomeWord(current.EffectivePasses());
  e.to = OutcomeWord(passes);
  e.note = reason;
  e.user_id = by.user_id;
  e.user_name = by.name;
  RETURN_IF_ERROR(timeline::Append(tx, std::move(e)));
  return updated;
}

Result<std::vector<NormTable>> ListNorms(db::Connection& c, const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto tables, NormRepo::Visible(c, organisation_id));
  return std::vector<NormTable>(tables.rbegin(), tables.rend());
}

Result<NormTable> AddNormTable(db::Connection& tx, const std::string& organisation_id, NormTable t,
                               const std::string& loaded_by) {
  t.organisation_id = organisation_id;
  RETURN_IF_ERROR(NormRepo::Insert(tx, t, loaded_by));
  t.loaded_at = FormatUtc(Now());
  return t;
}

}  // namespace kansrijk::eligibility
