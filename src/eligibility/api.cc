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
          {"created_at", c.created_at}};
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
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
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

Result<Reply> CreateCheck(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"household_type", "cost_sharers", "incomes", "date"});
  CheckInput in;
  in.household_type = f.String("household_type", true, 40).value_or("");
  in.cost_sharers = f.Int("cost_sharers", false, 1, kMaxCostSharers).value_or(1);
  const Date today = TodayInAmsterdam(Now());
  in.date = f.DateField("date", false).value_or(today);
  ReadIncomes(f, in.incomes);
  // The rules on what could be read, one problem per field.
  std::vector<int64_t> amounts;
  for (const auto& i : in.incomes) amounts.push_back(i.amount_cents);
  for (auto& [field, errors] : ValidateCheckInput(in.household_type, in.cost_sharers, in.date, amounts, today)) {
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
}

}  // namespace kansrijk::eligibility
