#include "eligibility/service.h"

#include <algorithm>
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

Result<bool> NormsStale(db::Connection& c, const std::string& organisation_id, Date today,
                        std::string* newest_valid_from) {
  ASSIGN_OR_RETURN(auto tables, NormRepo::Visible(c, organisation_id));
  return IsStale(tables, today, newest_valid_from);
}

Result<HouseholdView> Household(db::Connection& c, const std::string& family_id, Date date, const CheckInput& in,
                                Date today) {
  ASSIGN_OR_RETURN(families::Family family, families::FamilyRepo::Get(c, family_id));
  ASSIGN_OR_RETURN(auto members, families::FamilyRepo::Members(c, family_id));
  HouseholdView v;
  v.date = FormatDate(date);
  FieldErrors errors;
  auto known = [&](const std::string& id) {
    return std::any_of(members.begin(), members.end(), [&](const families::Member& m) { return m.id == id; });
  };
  for (const auto& m : members) {
    Person p{m.id, std::string(Trim(m.given_name + " " + m.family_name)), std::nullopt, m.household_role};
    if (m.birth_date) p.birth_date = ParseDate(*m.birth_date);
    v.people.push_back(p);
    if (m.household_role == "child") v.with_children = true;
  }
  if (in.claimant_ids.empty()) {
    for (const auto& m : members)
      if (m.household_role == "parent") v.claimant_ids.push_back(m.id);
  } else {
    for (size_t i = 0; i < in.claimant_ids.size(); ++i)
      if (!known(in.claimant_ids[i]))
        errors["claimant_ids[" + std::to_string(i) + "]"].push_back({"eligibility_member_not_in_household", {}});
    v.claimant_ids = in.claimant_ids;
  }
  for (size_t i = 0; i < in.exclusions.size(); ++i) {
    const std::string f = "cost_sharer_exclusions[" + std::to_string(i) + "]";
    if (!known(in.exclusions[i].first)) errors[f + ".member_id"].push_back({"eligibility_member_not_in_household", {}});
    if (!IsExclusionReason(in.exclusions[i].second))
      errors[f + ".reason"].push_back({"choose_one_of", {{"options", kExclusionReasons}}});
  }
  if (!errors.empty()) return Status::Invalid(errors);
  v.sharers = SuggestCostSharers(v.people, v.claimant_ids, in.exclusions, date);
  ASSIGN_OR_RETURN(auto tables, NormRepo::Visible(c, family.organisation_id));
  if (const NormTable* t = TableFor(tables, date)) v.table = *t;
  v.stale = IsStale(tables, today, &v.newest_valid_from);
  for (const auto& p : v.people)
    v.age_groups.push_back(p.birth_date && v.table ? AgeGroupOf(*v.table, *p.birth_date, date) : "");
  return v;
}

Result<Check> RecordCheck(db::Connection& tx, const std::string& family_id, const CheckInput& in, const Author& by,
                          Date today) {
  std::vector<int64_t> amounts;
  nlohmann::json incomes = nlohmann::json::array();
  for (const auto& i : in.incomes) {
    amounts.push_back(i.amount_cents);
    incomes.push_back({{"source", i.source}, {"amount_cents", i.amount_cents}});
  }
  if (auto errors = ValidateCheckInput(in.household_type, in.cost_sharers.value_or(1), in.date, amounts, today);
      !errors.empty())
    return Status::Invalid(errors);
  ASSIGN_OR_RETURN(HouseholdView household, Household(tx, family_id, in.date, in, today));
  const int64_t cost_sharers = in.cost_sharers.value_or(household.sharers.suggested);
  if (cost_sharers < household.sharers.suggested)
    return Status::InvalidField("cost_sharers", "cost_sharers_below_birth_dates",
                                {{"required", std::to_string(household.sharers.suggested)},
                                 {"min_age", std::to_string(household.sharers.min_age)}});

  // The facts: the family's programme and its threshold, and the norm table in force that day.
  ASSIGN_OR_RETURN(families::Family family, families::FamilyRepo::Get(tx, family_id));
  Check check;
  check.family_id = family_id;
  check.date = FormatDate(in.date);
  check.household_type = in.household_type;
  check.cost_sharers = cost_sharers;
  check.incomes_json = incomes.dump();
  check.created_by_name = by.name;
  check.threshold_percent = programmes::kDefaultThresholdPercent;
  ASSIGN_OR_RETURN(auto programme, programmes::ProgrammeRepo::OfFamily(tx, family_id));
  if (programme) check.threshold_percent = programme->threshold_percent;
  ASSIGN_OR_RETURN(auto tables, NormRepo::Visible(tx, family.organisation_id));
  ASSIGN_OR_RETURN(const NormTable* table, TableForCheck(tables, in.date));

  // The rules: the norm by age, the income on the norm's holiday-allowance basis, then the write.
  std::vector<std::optional<Date>> births;
  for (const auto& id : household.claimant_ids)
    for (const auto& p : household.people)
      if (p.id == id) births.push_back(p.birth_date);
  if (births.empty()) births.push_back(std::nullopt);
  ASSIGN_OR_RETURN(NormChoice choice, ChooseNorm(*table, check.household_type, births, household.with_children,
                                                 cost_sharers, in.date));
  int64_t entered = 0;
  std::vector<int64_t> converted;
  for (int64_t a : amounts) {
    entered += a;
    converted.push_back(ToBasis(a, in.incomes_include_holiday_allowance, choice.includes_holiday_allowance));
  }
  check.norm_table_version = table->version;
  check.outcome = Compute(choice.norm_cents, converted, check.threshold_percent);
  nlohmann::json exclusions = nlohmann::json::array();
  for (const auto& [m, why] : in.exclusions) exclusions.push_back({{"member_id", m}, {"reason", why}});
  nlohmann::json warnings = nlohmann::json::array();
  if (household.stale)
    warnings.push_back({{"code", "norm_table_stale"},
                        {"params", {{"valid_from", household.newest_valid_from},
                                    {"months", std::to_string(kStaleAfterMonths)}}}});
  if (choice.age_assumed) warnings.push_back({{"code", "eligibility_age_assumed"}, {"params", nlohmann::json::object()}});
  if (!choice.cost_sharers_applied && cost_sharers > (check.household_type == "gehuwden" ? 2 : 1))
    warnings.push_back({{"code", "eligibility_cost_sharers_not_applied"}, {"params", {{"group", choice.age_group}}}});
  check.details_json = nlohmann::json{{"age_group", choice.age_group},
                                      {"norm_key", choice.norm_key},
                                      {"norm_valid_from", table->valid_from},
                                      {"norm_source", choice.source},
                                      {"norm_source_url", table->source_url},
                                      {"norm_includes_holiday_allowance", choice.includes_holiday_allowance},
                                      {"incomes_include_holiday_allowance", in.incomes_include_holiday_allowance},
                                      {"income_entered_cents", entered},
                                      {"cost_sharers_suggested", household.sharers.suggested},
                                      {"cost_sharers_required", household.sharers.required},
                                      {"cost_sharers_applied", choice.cost_sharers_applied},
                                      {"cost_sharer_exclusions", exclusions},
                                      {"claimant_ids", household.claimant_ids},
                                      {"stale", household.stale},
                                      {"warnings", warnings}}
                           .dump();
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
