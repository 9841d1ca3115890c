#include "eligibility/model.h"

#include <algorithm>

namespace kansrijk::eligibility {

bool IsHouseholdType(std::string_view s) {
  return s == "alleenstaande" || s == "alleenstaande_ouder" || s == "gehuwden";
}

Result<NormTable> ParseNormTable(const nlohmann::json& j) {
  FieldErrors errors;
  NormTable t;
  if (!j.is_object()) return Status::InvalidField("body", "Een normtabel is een JSON-object.");
  static const char* kKnown[] = {"version", "valid_from", "source", "source_url", "includes_holiday_allowance",
                                 "basis", "norms_cents", "notes"};
  for (const auto& [key, value] : j.items())
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown))
      errors[key].push_back("Dit veld kennen we niet.");
  auto text = [&](const char* name, size_t max, std::string& out) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) {
      errors[name].push_back("Dit veld is verplicht (tekst).");
    } else if (it->get<std::string>().size() > max) {
      errors[name].push_back("Dit is te lang.");
    } else {
      out = it->get<std::string>();
    }
  };
  text("version", 40, t.version);
  text("valid_from", 10, t.valid_from);
  text("source", 4000, t.source);
  text("source_url", 2000, t.source_url);
  text("basis", 400, t.basis);
  if (!t.valid_from.empty() && !ParseDate(t.valid_from))
    errors["valid_from"].push_back("Schrijf de datum als jjjj-mm-dd.");
  if (auto it = j.find("includes_holiday_allowance"); it == j.end() || !it->is_boolean())
    errors["includes_holiday_allowance"].push_back("Kies true of false.");
  else
    t.includes_holiday_allowance = it->get<bool>();
  if (auto it = j.find("notes"); it != j.end() && !it->is_string() && !it->is_array())
    errors["notes"].push_back("Een toelichting is tekst of een lijst met tekst.");
  auto norms = j.find("norms_cents");
  if (norms == j.end() || !norms->is_object()) {
    errors["norms_cents"].push_back("Geef de normen in centen per huishoudtype.");
  } else {
    for (const auto& [key, value] : norms->items())
      if (!IsHouseholdType(key)) errors["norms_cents." + key].push_back("Dit huishoudtype kennen we niet.");
    auto cents = [&](const char* name, int64_t& out) {
      auto it = norms->find(name);
      if (it == norms->end() || !it->is_number_integer() || it->get<int64_t>() <= 0 ||
          it->get<int64_t>() > kMaxIncomeCents)
        errors[std::string("norms_cents.") + name].push_back("Een norm is een positief heel aantal centen.");
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

std::string FormatPercent(int64_t tenths) {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

}  // namespace kansrijk::eligibility
