#include "eligibility/api.h"

#include "eligibility/model.h"
#include "eligibility/service.h"
#include "platform/api_helpers.h"

namespace kansrijk::eligibility {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

Json CheckJson(const Check& c) {
  Json incomes = Json::parse(c.incomes_json, nullptr, false);
  if (!incomes.is_array()) incomes = Json::array();
  Json override_json = nullptr;
  if (c.override_passes)
    override_json = {{"passes", *c.override_passes},
                     {"reason", c.override_reason.value_or("")},
                     {"by_name", c.override_by_name.value_or("")},
                     {"at", c.override_at ? Json(*c.override_at) : Json(nullptr)}};
  return {{"id", c.id},
          {"date", c.date},
          {"household_type", c.household_type},
          {"cost_sharers", c.cost_sharers},
          {"incomes", incomes},
          {"income_cents", c.outcome.income_cents},
          {"norm_cents", c.outcome.norm_cents},
          {"percent", double(c.outcome.percent_tenths) / 10.0},
          {"threshold_percent", c.threshold_percent},
          {"passes", c.outcome.passes},
          {"norm_table_version", c.norm_table_version},
          {"override", override_json},
          {"created_by_name", c.created_by_name},
          {"created_at", c.created_at},
          {"details", [&] {
             Json d = Json::parse(c.details_json, nullptr, false);
             return d.is_object() ? d : Json::object();
           }()}};
}

Json HouseholdJson(const HouseholdView& v) {
  Json people = Json::array();
  for (size_t i = 0; i < v.people.size(); ++i) {
    const auto& p = v.people[i];
    const auto& l = v.sharers.lines[i];
    people.push_back({{"member_id", p.id},
                      {"name", p.name},
                      {"role", p.role},
                      {"birth_date", p.birth_date ? Json(FormatDate(*p.birth_date)) : Json(nullptr)},
                      {"age", l.age ? Json(*l.age) : Json(nullptr)},
                      {"age_group", v.age_groups[i].empty() ? Json(nullptr) : Json(v.age_groups[i])},
                      {"claimant", l.why == "claimant"},
                      {"counts", l.counts},
                      {"why", l.why},
                      {"excluded_reason", l.excluded_reason ? Json(*l.excluded_reason) : Json(nullptr)}});
  }
  Json table = nullptr;
  if (v.table) table = NormTableJson(*v.table);
  return {{"date", v.date},
          {"claimant_ids", v.claimant_ids},
          {"people", people},
          {"with_children", v.with_children},
          {"cost_sharer_min_age", v.sharers.min_age},
          {"cost_sharers_required", v.sharers.required},
          {"cost_sharers_suggested", v.sharers.suggested},
          {"exclusion_reasons", Json::array({"studiefinanciering", "bbl", "commerciele_huur"})},
          {"table", table},
          {"stale", v.stale},
          {"newest_valid_from", v.newest_valid_from}};
}

Author AuthorOf(const Call& call) { return {call.actor().user_id, call.actor().display_name}; }

// ---------------------------------------------------------------------------------------------
// Norm tables: organisation data.

Result<Reply> ListNormTables(Call& call) {
  std::vector<NormTable> tables;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(tables, ListNorms(c, call.actor().organisation_id));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& t : tables) items.push_back(NormTableJson(t));
  std::string newest;
  const bool stale = IsStale(tables, TodayInAmsterdam(Now()), &newest);
  Json warnings = Json::array();
  if (stale)
    warnings.push_back({{"code", "norm_table_stale"},
                        {"params", {{"valid_from", newest}, {"months", std::to_string(kStaleAfterMonths)}}}});
  return Reply::Json(200, {{"items", items},
                           {"next_cursor", nullptr},
                           {"stale", stale},
                           {"newest_valid_from", newest},
                           {"warnings", warnings}});
}

Result<Reply> CreateNormTable(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  ASSIGN_OR_RETURN(NormTable table, ParseNormTable(body));
  NormTable added;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(added, AddNormTable(tx, call.actor().organisation_id, table, call.actor().user_id));
    call.resource = "norms/" + added.version;
    return Status::Ok();
  }));
  return Reply::Json(201, NormTableJson(added));
}

// ---------------------------------------------------------------------------------------------
// Checks

Result<Reply> ListFamilyChecks(Call& call) {
  std::vector<Check> checks;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(checks, ListChecks(c, call.family_id()));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& c : checks) items.push_back(CheckJson(c));
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
}

// Reads the incomes list into `out`; errors go on "incomes" and "incomes[i].<field>".
void ReadIncomes(FieldReader& f, std::vector<Income>& out) {
  const Json* list = f.Array("incomes");
  if (!list) {
    if (!f.errors().contains("incomes")) f.Error("incomes", "eligibility_incomes_required");
    return;
  }
  if (list->size() > kMaxIncomes) f.Error("incomes", "too_many", {{"max", std::to_string(kMaxIncomes)}});
  for (size_t i = 0; i < list->size() && i < kMaxIncomes; ++i) {
    const std::string prefix = "incomes[" + std::to_string(i) + "]";
    const Json& item_json = (*list)[i];
    if (!item_json.is_object()) {
      f.Error(prefix, "eligibility_income_not_object");
      continue;
    }
    FieldReader item(item_json, {"source", "amount_cents"});
    auto source = item.String("source", true, 100);
    auto cents = item.Int("amount_cents", true, 0, kMaxIncomeCents);
    // A negative whole number is read as out of range; say what it is.
    if (item.errors().contains("amount_cents") && item_json.contains("amount_cents") &&
        item_json["amount_cents"].is_number_integer() && item_json["amount_cents"].get<int64_t>() < 0)
      item.errors()["amount_cents"] = {{"eligibility_income_negative", {}}};
    for (auto& [field, errors] : item.errors())
      for (auto& e : errors) f.Error(prefix + "." + field, e.code, e.params);
    if (source && cents) out.push_back({*source, *cents});
  }
}

// Reads claimant_ids and cost_sharer_exclusions (both optional lists).
void ReadHouseholdChoices(FieldReader& f, CheckInput& in) {
  if (const Json* ids = f.Array("claimant_ids")) {
    if (ids->size() > 2) f.Error("claimant_ids", "too_many", {{"max", "2"}});
    for (size_t i = 0; i < ids->size() && i < 2; ++i) {
      if (!(*ids)[i].is_string()) f.Error("claimant_ids[" + std::to_string(i) + "]", "not_text");
      else in.claimant_ids.push_back((*ids)[i].get<std::string>());
    }
  }
  if (const Json* list = f.Array("cost_sharer_exclusions")) {
    if (list->size() > size_t(kMaxCostSharers)) f.Error("cost_sharer_exclusions", "too_many", {{"max", "20"}});
    for (size_t i = 0; i < list->size() && i < size_t(kMaxCostSharers); ++i) {
      const std::string prefix = "cost_sharer_exclusions[" + std::to_string(i) + "]";
      const Json& x = (*list)[i];
      if (!x.is_object()) {
        f.Error(prefix, "not_object");
        continue;
      }
      FieldReader item(x, {"member_id", "reason"});
      auto member = item.String("member_id", true, 40);
      auto reason = item.String("reason", true, 40);
      for (auto& [field, errors] : item.errors())
        for (auto& e : errors) f.Error(prefix + "." + field, e.code, e.params);
      if (member && reason) in.exclusions.emplace_back(*member, *reason);
    }
  }
}

Result<Reply> CreateCheck(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"household_type", "cost_sharers", "incomes", "date", "incomes_include_holiday_allowance",
                       "claimant_ids", "cost_sharer_exclusions"});
  CheckInput in;
  in.household_type = f.String("household_type", true, 40).value_or("");
  in.cost_sharers = f.Int("cost_sharers", false, 1, kMaxCostSharers);
  const Date today = TodayInAmsterdam(Now());
  in.date = f.DateField("date", false).value_or(today);
  in.incomes_include_holiday_allowance = f.Bool("incomes_include_holiday_allowance").value_or(true);
  ReadIncomes(f, in.incomes);
  ReadHouseholdChoices(f, in);
  // The rules on what could be read, one problem per field.
  std::vector<int64_t> amounts;
  for (const auto& i : in.incomes) amounts.push_back(i.amount_cents);
  for (auto& [field, errors] : ValidateCheckInput(in.household_type, in.cost_sharers.value_or(1), in.date, amounts, today)) {
    if (field == "household_type" && in.household_type.empty()) continue;  // the reader said it is missing
    if (!f.errors().contains(field))
      for (auto& e : errors) f.Error(field, e.code, e.params);
  }
  RETURN_IF_ERROR(f.Finish());
  Check created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, RecordCheck(tx, call.family_id(), in, AuthorOf(call), today));
    call.resource = "family/" + call.family_id() + "/eligibility/" + created.id;
    return Status::Ok();
  }));
  return Reply::Json(201, CheckJson(created));
}

// GET .../eligibility/household?date=YYYY-MM-DD&exclude=<member_id>:<reason>&claimant=<member_id>
Result<Reply> HouseholdPreview(Call& call) {
  const Date today = TodayInAmsterdam(Now());
  Date date = today;
  if (auto d = call.req.QueryValue("date"); d && !d->empty()) {
    auto parsed = ParseDate(*d);
    if (!parsed) return Status::InvalidField("date", "bad_date");
    date = *parsed;
  }
  CheckInput in;
  for (const auto& [k, v] : call.req.query) {
    if (k == "claimant") in.claimant_ids.push_back(v);
    if (k == "exclude") {
      auto colon = v.find(':');
      if (colon == std::string::npos) return Status::InvalidField("exclude", "choose_one_of", {{"options", kExclusionReasons}});
      in.exclusions.emplace_back(v.substr(0, colon), v.substr(colon + 1));
    }
  }
  HouseholdView view;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(view, Household(c, call.family_id(), date, in, today));
    return Status::Ok();
  }));
  return Reply::Json(200, HouseholdJson(view));
}

Result<Reply> Override(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"passes", "reason"});
  auto passes = f.Bool("passes");
  if (!passes && !f.errors().contains("passes")) f.Error("passes", "eligibility_override_passes_required");
  auto reason = f.String("reason", true, 2000);
  RETURN_IF_ERROR(f.Finish());
  Check updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, OverrideCheck(tx, call.family_id(), call.req.Param("eid"), *passes, *reason,
                                            AuthorOf(call), TodayInAmsterdam(Now())));
    return Status::Ok();
  }));
  return Reply::Json(200, CheckJson(updated));
}

}  // namespace

void RegisterEligibilityRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/norms", Action::kNormRead, ListNormTables});
  routes.Add({"POST", "/api/v1/norms", Action::kNormCreate, CreateNormTable});
  routes.Add({"GET", "/api/v1/families/{id}/eligibility", Action::kEligibilityList, ListFamilyChecks});
  routes.Add({"POST", "/api/v1/families/{id}/eligibility", Action::kEligibilityCreate, CreateCheck});
  routes.Add({"POST", "/api/v1/families/{id}/eligibility/{eid}/override", Action::kEligibilityOverride, Override});
  routes.Add({"GET", "/api/v1/families/{id}/eligibility/household", Action::kEligibilityHousehold, HouseholdPreview});
}

}  // namespace kansrijk::eligibility
