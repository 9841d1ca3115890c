#include "eligibility/model.h"

#include <algorithm>

namespace kansrijk::eligibility {

bool IsHouseholdType(std::string_view s) {
  return s == "alleenstaande" || s == "alleenstaande_ouder" || s == "gehuwden";
}

Result<NormTable> ParseNormTable(const nlohmann::json& j) {
  FieldErrors errors;
  auto add = [&](const std::string& field, std::string code, Params params = {}) {
    errors[field].push_back({std::move(code), std::move(params)});
  };
  NormTable t;
  if (!j.is_object()) return Status(Code::kMalformed, "json_not_object");
  static const char* kKnown[] = {"version", "valid_from", "source", "source_url", "includes_holiday_allowance",
                                 "basis", "norms_cents", "notes"};
  for (const auto& [key, value] : j.items())
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) add(key, "unknown_field");
  auto text = [&](const char* name, size_t max, std::string& out) {
    auto it = j.find(name);
    if (it == j.end() || it->is_null()) add(name, "required");
    else if (!it->is_string()) add(name, "not_text");
    else if (it->get<std::string>().empty()) add(name, "not_empty");
    else if (it->get<std::string>().size() > max) add(name, "too_long", {{"max", std::to_string(max)}});
    else out = it->get<std::string>();
  };
  text("version", 40, t.version);
  text("valid_from", 10, t.valid_from);
  text("source", 4000, t.source);
  text("source_url", 2000, t.source_url);
  text("basis", 400, t.basis);
  if (!t.valid_from.empty() && !ParseDate(t.valid_from)) add("valid_from", "bad_date");
  if (auto it = j.find("includes_holiday_allowance"); it == j.end() || it->is_null())
    add("includes_holiday_allowance", "required");
  else if (!it->is_boolean())
    add("includes_holiday_allowance", "not_boolean");
  else
    t.includes_holiday_allowance = it->get<bool>();
  if (auto it = j.find("notes"); it != j.end() && !it->is_string() && !it->is_array()) add("notes", "norm_notes_invalid");
  auto norms = j.find("norms_cents");
  if (norms == j.end() || norms->is_null()) {
    add("norms_cents", "required");
  } else if (!norms->is_object()) {
    add("norms_cents", "not_object");
  } else {
    for (const auto& [key, value] : norms->items())
      if (!IsHouseholdType(key))
        add("norms_cents." + key, "norm_household_type_unknown", {{"options", kHouseholdTypeOptions}});
    auto cents = [&](const char* name, int64_t& out) {
      auto it = norms->find(name);
      if (it == norms->end() || it->is_null())
        add(std::string("norms_cents.") + name, "required");
      else if (!it->is_number_integer() || it->get<int64_t>() <= 0 || it->get<int64_t>() > kMaxIncomeCents)
        add(std::string("norms_cents.") + name, "norm_cents_invalid");
      else
        out = it->get<int64_t>();
    };
    cents("alleenstaande", t.alleenstaande_cents);
    cents("alleenstaande_ouder", t.alleenstaande_ouder_cents);
    cents("gehuwden", t.gehuwden_cents);
  }
  if (!errors.empty()) return Status::Invalid(errors);
  return t;
}

nlohmann::json NormTableJson(const NormTable& t) {
  return {{"version", t.version},
          {"valid_from", t.valid_from},
          {"source", t.source},
          {"source_url", t.source_url},
          {"includes_holiday_allowance", t.includes_holiday_allowance},
          {"basis", t.basis},
          {"norms_cents",
           {{"alleenstaande", t.alleenstaande_cents},
            {"alleenstaande_ouder", t.alleenstaande_ouder_cents},
            {"gehuwden", t.gehuwden_cents}}},
          {"scope", t.organisation_id.empty() ? "national" : "organisation"},
          {"loaded_at", t.loaded_at}};
}

const NormTable* TableFor(const std::vector<NormTable>& tables, Date date) {
  const NormTable* best = nullptr;
  const std::string on = FormatDate(date);
  for (const auto& t : tables) {
    if (t.valid_from > on) continue;  // YYYY-MM-DD compares in date order
    if (!best || t.valid_from > best->valid_from ||
        (t.valid_from == best->valid_from && !t.organisation_id.empty() && best->organisation_id.empty()))
      best = &t;
  }
  return best;
}

namespace {
// round(num / den) half up, for non-negative num and positive den.
int64_t DivRound(int64_t num, int64_t den) { return (2 * num + den) / (2 * den); }
}  // namespace

int64_t NormCents(const NormTable& table, std::string_view household_type, int64_t cost_sharers) {
  const bool couple = household_type == "gehuwden";
  // A couple on its own is two cost-sharers; art. 22a then gives 2 x 50% = the gehuwden norm.
  if (cost_sharers <= 1 || (couple && cost_sharers <= 2)) {
    if (couple) return table.gehuwden_cents;
    if (household_type == "alleenstaande_ouder") return table.alleenstaande_ouder_cents;
    return table.alleenstaande_cents;
  }
  const int64_t a = cost_sharers;
  int64_t per_person = DivRound((40 + 30 * a) * table.gehuwden_cents, 100 * a);
  return couple ? 2 * per_person : per_person;
}

Outcome Compute(int64_t norm_cents, const std::vector<int64_t>& income_cents, int64_t threshold_percent) {
  Outcome o;
  o.norm_cents = norm_cents;
  for (int64_t c : income_cents) o.income_cents += c;
  if (norm_cents <= 0) return o;  // callers never pass this; fail closed
  o.percent_tenths = DivRound(o.income_cents * 1000, norm_cents);
  o.passes = o.percent_tenths <= threshold_percent * 10;
  return o;
}

FieldErrors ValidateCheckInput(std::string_view household_type, int64_t cost_sharers, Date date,
                               const std::vector<int64_t>& income_cents, Date today) {
  FieldErrors errors;
  if (!IsHouseholdType(household_type))
    errors["household_type"].push_back({"choose_one_of", {{"options", kHouseholdTypeOptions}}});
  if (cost_sharers < 1 || cost_sharers > kMaxCostSharers)
    errors["cost_sharers"].push_back({"out_of_range", {{"min", "1"}, {"max", std::to_string(kMaxCostSharers)}}});
  if (date > today) errors["date"].push_back({"eligibility_date_in_future", {}});
  if (income_cents.size() > kMaxIncomes)
    errors["incomes"].push_back({"too_many", {{"max", std::to_string(kMaxIncomes)}}});
  for (size_t i = 0; i < income_cents.size(); ++i) {
    const std::string field = "incomes[" + std::to_string(i) + "].amount_cents";
    if (income_cents[i] < 0) errors[field].push_back({"eligibility_income_negative", {}});
    else if (income_cents[i] > kMaxIncomeCents) errors[field].push_back({"number_too_large", {}});
  }
  return errors;
}

std::string FormatPercent(int64_t tenths) {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

}  // namespace kansrijk::eligibility
