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
                                 "basis", "norms_cents", "notes", "valid_until", "pension_age", "age_groups"};
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
  if (auto it = j.find("notes"); it != j.end() && it->is_array())
    for (const auto& n : *it)
      if (n.is_string()) t.notes.push_back(n.get<std::string>());
  if (auto it = j.find("notes"); it != j.end() && it->is_string()) t.notes.push_back(it->get<std::string>());
  if (auto it = j.find("valid_until"); it != j.end() && !it->is_null()) {
    if (!it->is_string() || !ParseDate(it->get<std::string>())) add("valid_until", "bad_date");
    else if (!t.valid_from.empty() && it->get<std::string>() < t.valid_from) add("valid_until", "norm_valid_until_before_from");
    else t.valid_until = it->get<std::string>();
  }
  if (auto it = j.find("pension_age"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) {
      add("pension_age", "not_object");
    } else {
      auto y = it->find("years"), m = it->find("months"), src = it->find("source");
      if (y == it->end() || !y->is_number_integer() || y->get<int64_t>() < 60 || y->get<int64_t>() > 80)
        add("pension_age.years", "out_of_range", {{"min", "60"}, {"max", "80"}});
      else t.pension_age_years = y->get<int64_t>();
      if (m != it->end() && (!m->is_number_integer() || m->get<int64_t>() < 0 || m->get<int64_t>() > 11))
        add("pension_age.months", "out_of_range", {{"min", "0"}, {"max", "11"}});
      else if (m != it->end()) t.pension_age_months = m->get<int64_t>();
      if (src == it->end() || !src->is_string() || src->get<std::string>().empty()) add("pension_age.source", "required");
      else t.pension_age_source = src->get<std::string>();
    }
  }
  if (auto it = j.find("age_groups"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) {
      add("age_groups", "not_object");
    } else {
      for (const auto& [group, value] : it->items()) {
        const std::string f = "age_groups." + group;
        AgeGroupNorms* g = group == "pension_age" ? &t.pension_age : group == "under_21" ? &t.under_21 : nullptr;
        if (!g) {
          add(f, "choose_one_of", {{"options", "pension_age, under_21"}});
          continue;
        }
        if (!value.is_object()) {
          add(f, "not_object");
          continue;
        }
        g->present = true;
        auto inc = value.find("includes_holiday_allowance");
        if (inc == value.end() || !inc->is_boolean()) add(f + ".includes_holiday_allowance", "not_boolean");
        else g->includes_holiday_allowance = inc->get<bool>();
        auto src = value.find("source");
        if (src == value.end() || !src->is_string() || src->get<std::string>().empty()) add(f + ".source", "required");
        else g->source = src->get<std::string>();
        auto norms = value.find("norms_cents");
        if (norms == value.end() || !norms->is_object() || norms->empty()) {
          add(f + ".norms_cents", "required");
          continue;
        }
        for (const auto& [key, cents] : norms->items()) {
          if (!cents.is_number_integer() || cents.get<int64_t>() <= 0 || cents.get<int64_t>() > kMaxIncomeCents)
            add(f + ".norms_cents." + key, "norm_cents_invalid");
          else
            g->norms_cents.emplace_back(key, cents.get<int64_t>());
        }
      }
    }
  }
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
          {"loaded_at", t.loaded_at},
          {"valid_until", t.valid_until ? nlohmann::json(*t.valid_until) : nlohmann::json(nullptr)},
          {"pension_age", t.pension_age_years ? nlohmann::json{{"years", t.pension_age_years},
                                                                {"months", t.pension_age_months},
                                                                {"source", t.pension_age_source}}
                                              : nlohmann::json(nullptr)},
          {"age_groups", NormDetailsJson(t)["age_groups"]},
          {"notes", t.notes}};
}

std::optional<int64_t> AgeGroupNorms::Get(std::string_view key) const {
  for (const auto& [k, v] : norms_cents)
    if (k == key) return v;
  return std::nullopt;
}

namespace {
nlohmann::json GroupJson(const AgeGroupNorms& g) {
  nlohmann::json norms = nlohmann::json::object();
  for (const auto& [k, v] : g.norms_cents) norms[k] = v;
  return {{"includes_holiday_allowance", g.includes_holiday_allowance}, {"source", g.source}, {"norms_cents", norms}};
}
void ReadGroup(const nlohmann::json& j, AgeGroupNorms& g) {
  if (!j.is_object()) return;
  g.present = true;
  g.includes_holiday_allowance = j.value("includes_holiday_allowance", true);
  g.source = j.value("source", "");
  if (auto n = j.find("norms_cents"); n != j.end() && n->is_object())
    for (const auto& [k, v] : n->items())
      if (v.is_number_integer()) g.norms_cents.emplace_back(k, v.get<int64_t>());
}
}  // namespace

nlohmann::json NormDetailsJson(const NormTable& t) {
  nlohmann::json groups = nlohmann::json::object();
  if (t.pension_age.present) groups["pension_age"] = GroupJson(t.pension_age);
  if (t.under_21.present) groups["under_21"] = GroupJson(t.under_21);
  return {{"pension_age_years", t.pension_age_years},
          {"pension_age_months", t.pension_age_months},
          {"pension_age_source", t.pension_age_source},
          {"age_groups", groups},
          {"notes", t.notes}};
}

void ReadNormDetails(const nlohmann::json& d, NormTable& t) {
  if (!d.is_object()) return;
  t.pension_age_years = d.value("pension_age_years", int64_t{0});
  t.pension_age_months = d.value("pension_age_months", int64_t{0});
  t.pension_age_source = d.value("pension_age_source", "");
  if (auto g = d.find("age_groups"); g != d.end() && g->is_object()) {
    if (g->contains("pension_age")) ReadGroup((*g)["pension_age"], t.pension_age);
    if (g->contains("under_21")) ReadGroup((*g)["under_21"], t.under_21);
  }
  if (auto n = d.find("notes"); n != d.end() && n->is_array())
    for (const auto& x : *n)
      if (x.is_string()) t.notes.push_back(x.get<std::string>());
}

int64_t AgeOn(Date birth, Date on) {
  int64_t age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

int64_t AgeMonthsOn(Date birth, Date on) {
  int64_t months = (on.year - birth.year) * 12 + (on.month - birth.month);
  if (on.day < birth.day) --months;
  return months;
}

std::string AgeGroupOf(const NormTable& t, Date birth, Date on) {
  if (AgeOn(birth, on) < 21) return "under_21";
  if (t.pension_age_years > 0 && AgeMonthsOn(birth, on) >= t.pension_age_years * 12 + t.pension_age_months)
    return "pension_age";
  return "21_to_pension";
}

int64_t CostSharerMinAge(Date on) { return on >= Date{2023, 1, 1} ? 27 : 21; }

bool IsExclusionReason(std::string_view s) {
  return s == "studiefinanciering" || s == "bbl" || s == "commerciele_huur";
}

SharerSuggestion SuggestCostSharers(const std::vector<Person>& people, const std::vector<std::string>& claimant_ids,
                                    const std::vector<std::pair<std::string, std::string>>& exclusions, Date on) {
  SharerSuggestion s;
  s.min_age = CostSharerMinAge(on);
  auto is_claimant = [&](const std::string& id) {
    return std::find(claimant_ids.begin(), claimant_ids.end(), id) != claimant_ids.end();
  };
  auto exclusion = [&](const std::string& id) -> std::optional<std::string> {
    for (const auto& [m, why] : exclusions)
      if (m == id) return why;
    return std::nullopt;
  };
  int64_t required = 0, suggested = 0;
  for (const auto& p : people) {
    SharerLine l;
    l.member_id = p.id;
    l.name = p.name;
    if (p.birth_date) l.age = AgeOn(*p.birth_date, on);
    if (is_claimant(p.id)) {
      l.counts = true;
      l.why = "claimant";
      ++required;
      ++suggested;
    } else if (!l.age) {
      l.why = "birth_date_unknown";
    } else if (*l.age < s.min_age) {
      l.why = "younger";
    } else {
      ++required;
      if (auto why = exclusion(p.id)) {
        l.why = "excluded";
        l.excluded_reason = *why;
      } else {
        l.counts = true;
        l.why = "age_min_or_older";
        ++suggested;
      }
    }
    s.lines.push_back(std::move(l));
  }
  s.required = std::max<int64_t>(required, 1);
  s.suggested = std::max<int64_t>(suggested, 1);
  return s;
}

Result<NormChoice> ChooseNorm(const NormTable& t, std::string_view household_type,
                              const std::vector<std::optional<Date>>& births, bool with_children, int64_t cost_sharers,
                              Date on) {
  NormChoice c;
  std::vector<std::string> groups;
  for (const auto& b : births) {
    if (b) groups.push_back(AgeGroupOf(t, *b, on));
    else c.age_assumed = true;
  }
  const bool couple = household_type == "gehuwden";
  auto count = [&](std::string_view g) { return std::count(groups.begin(), groups.end(), g); };
  auto missing = [&](const std::string& group) {
    return Status::InvalidField("date", "norm_age_group_missing", {{"group", group}, {"version", t.version}});
  };
  const size_t expected = couple ? 2 : 1;
  if (groups.size() > expected) groups.resize(expected);
  const int64_t young = count("under_21"), old = count("pension_age");
  if (young > 0) {
    c.age_group = "under_21";
    if (!couple) c.norm_key = std::string(household_type);
    else if (young == 2 || (groups.size() < 2 && !c.age_assumed)) c.norm_key = "gehuwden_both_under_21";
    else c.norm_key = "gehuwden_one_21_plus";
    if (couple && with_children) c.norm_key += "_children";
    if (!t.under_21.present || !t.under_21.Get(c.norm_key)) return missing("under_21:" + c.norm_key);
    c.norm_cents = *t.under_21.Get(c.norm_key);
    c.includes_holiday_allowance = t.under_21.includes_holiday_allowance;
    c.source = t.under_21.source;
    return c;
  }
  if (old > 0 && couple && (old < 2 || c.age_assumed))
    return Status::InvalidField("date", "norm_age_mix_unsupported", {{"version", t.version}});
  if (old > 0) {
    c.age_group = "pension_age";
    c.norm_key = std::string(household_type);
    auto base = t.pension_age.Get(c.norm_key), couple_norm = t.pension_age.Get("gehuwden");
    if (!t.pension_age.present || !base || !couple_norm) return missing("pension_age:" + c.norm_key);
    NormTable as_table;
    as_table.alleenstaande_cents = t.pension_age.Get("alleenstaande").value_or(*base);
    as_table.alleenstaande_ouder_cents = t.pension_age.Get("alleenstaande_ouder").value_or(*base);
    as_table.gehuwden_cents = *couple_norm;
    c.norm_cents = NormCents(as_table, household_type, cost_sharers);
    c.cost_sharers_applied = cost_sharers > (couple ? 2 : 1);
    c.includes_holiday_allowance = t.pension_age.includes_holiday_allowance;
    c.source = t.pension_age.source;
    return c;
  }
  c.age_group = "21_to_pension";
  c.norm_key = std::string(household_type);
  c.norm_cents = NormCents(t, household_type, cost_sharers);
  c.cost_sharers_applied = cost_sharers > (couple ? 2 : 1);
  c.includes_holiday_allowance = t.includes_holiday_allowance;
  c.source = t.source;
  return c;
}

int64_t ExcludingHolidayAllowance(int64_t including_cents) { return (including_cents * 95 * 2 + 100) / 200; }
int64_t IncludingHolidayAllowance(int64_t excluding_cents) { return (excluding_cents * 100 * 2 + 95) / 190; }
int64_t ToBasis(int64_t cents, bool from_includes, bool to_includes) {
  if (from_includes == to_includes) return cents;
  return from_includes ? ExcludingHolidayAllowance(cents) : IncludingHolidayAllowance(cents);
}

bool IsStale(const std::vector<NormTable>& tables, Date today, std::string* newest_valid_from) {
  std::string newest;
  for (const auto& t : tables)
    if (t.valid_from > newest) newest = t.valid_from;
  if (newest_valid_from) *newest_valid_from = newest;
  auto d = ParseDate(newest);
  if (!d) return true;
  const int month0 = d->month - 1 + kStaleAfterMonths;
  const Date limit{d->year + month0 / 12, month0 % 12 + 1, d->day};
  return today > limit;
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

Result<const NormTable*> TableForCheck(const std::vector<NormTable>& tables, Date date) {
  const NormTable* t = TableFor(tables, date);
  if (!t) {
    std::string oldest;
    for (const auto& x : tables)
      if (oldest.empty() || x.valid_from < oldest) oldest = x.valid_from;
    return Status::InvalidField("date", "norm_table_missing", {{"date", FormatDate(date)}, {"oldest", oldest}});
  }
  if (t->valid_until && FormatDate(date) > *t->valid_until)
    return Status::InvalidField("date", "norm_table_expired",
                                {{"date", FormatDate(date)}, {"version", t->version}, {"valid_until", *t->valid_until}});
  return t;
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
