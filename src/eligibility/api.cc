#include "eligibility/api.h"

#include "eligibility/model.h"
#include "eligibility/repo.h"
#include "families/legacy.h"
#include "platform/api_helpers.h"
#include "programmes/model.h"
#include "programmes/repo.h"
#include "security/policy.h"
#include "trajectory/repo.h"

namespace kansrijk::eligibility {

using http::FieldReader;
using http::Json;
using http::ProblemResponse;
using http::Request;
using http::Response;
using security::Action;
using security::ApiContext;
using security::AuditFor;
using security::Session;

namespace {

std::string Resource(const std::string& family_id) { return "family/" + family_id + "/eligibility"; }

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

std::string Euros(int64_t cents) {
  std::string whole = std::to_string(cents / 100), frac = std::to_string(cents % 100);
  return "EUR " + whole + "," + (frac.size() == 1 ? "0" + frac : frac);
}

// ---------------------------------------------------------------------------------------------
// Norm tables

Response ListNorms(ApiContext& ctx, Request&, const Session& s) {
  if (security::Decide(s.actor, Action::kNormRead) != security::Decision::kAllow)
    return ProblemResponse(Status::Forbidden());
  std::vector<NormTable> tables;
  Status st = ctx.db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(tables, NormRepo::Visible(c, s.actor.organisation_id));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  Json items = Json::array();
  for (auto it = tables.rbegin(); it != tables.rend(); ++it) items.push_back(NormTableJson(*it));  // newest first
  return http::JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response CreateNorm(ApiContext& ctx, Request& req, const Session& s) {
  const std::string action = "norm.create";
  if (security::Decide(s.actor, Action::kNormManage) != security::Decision::kAllow)
    return families::Refuse(ctx, req, s, action, "norms", std::nullopt,
                            Status::Forbidden("Alleen een beheerder kan een normtabel laden."));
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  auto table = ParseNormTable(*body);
  if (!table.ok()) return ProblemResponse(table.status());
  table->organisation_id = s.actor.organisation_id;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(NormRepo::Insert(tx, *table, s.actor.user_id));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, "norms/" + table->version, std::nullopt, "success"));
  });
  if (!st.ok()) return ProblemResponse(st);
  table->loaded_at = FormatUtc(Now());
  return http::JsonResponse(201, NormTableJson(*table));
}

// ---------------------------------------------------------------------------------------------
// Checks

Response ListChecks(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id");
  std::vector<Check> checks;
  if (auto refused = families::AuditedFamilyRead(ctx, req, s, Action::kEligibilityRead, "eligibility.list", Resource(id),
                                                [&](db::Connection& c) -> Status {
                                                  ASSIGN_OR_RETURN(checks, CheckRepo::ForFamily(c, id));
                                                  return Status::Ok();
                                                }))
    return *refused;
  Json items = Json::array();
  for (const auto& c : checks) items.push_back(CheckJson(c));
  return http::JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response CreateCheck(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "eligibility.create";
  if (auto st = families::RoleAllows(s, Action::kEligibilityWrite); !st.ok())
    return families::Refuse(ctx, req, s, action, Resource(id), std::nullopt, st);
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"household_type", "cost_sharers", "incomes", "date"});
  Check check;
  check.family_id = id;
  check.household_type = f.String("household_type", true, 40).value_or("");
  if (!check.household_type.empty() && !IsHouseholdType(check.household_type))
    f.Error("household_type", "Kies alleenstaande, alleenstaande_ouder of gehuwden.");
  check.cost_sharers = f.Int("cost_sharers", false, 1, kMaxCostSharers).value_or(1);
  const Date today = TodayInAmsterdam(Now());
  Date date = today;
  if (auto d = f.DateField("date", false)) {
    if (*d > today) f.Error("date", "Een inkomenstoets gaat over nu of eerder, niet over de toekomst.");
    date = *d;
  }
  check.date = FormatDate(date);
  std::vector<int64_t> amounts;
  Json incomes = Json::array();
  const Json* list = f.Array("incomes");
  if (!list && !f.errors().contains("incomes")) f.Error("incomes", "Geef de inkomsten (een lege lijst als er geen zijn).");
  if (list) {
    if (list->size() > kMaxIncomes) f.Error("incomes", "Geef hoogstens 20 inkomstenbronnen.");
    for (size_t i = 0; i < list->size() && i < kMaxIncomes; ++i) {
      const std::string prefix = "incomes[" + std::to_string(i) + "]";
      if (!(*list)[i].is_object()) {
        f.Error(prefix, "Elke inkomstenbron is een object met source en amount_cents.");
        continue;
      }
      FieldReader item((*list)[i], {"source", "amount_cents"});
      auto source = item.String("source", true, 100);
      auto cents = item.Int("amount_cents", true, 0, kMaxIncomeCents);
      if (item.errors().contains("amount_cents") && (*list)[i].contains("amount_cents") &&
          (*list)[i]["amount_cents"].is_number_integer() && (*list)[i]["amount_cents"].get<int64_t>() < 0) {
        item.errors()["amount_cents"] = {"Een inkomen kan niet negatief zijn."};
      }
      for (auto& [field, messages] : item.errors())
        for (auto& m : messages) f.Error(prefix + "." + field, m);
      if (source && cents) {
        amounts.push_back(*cents);
        incomes.push_back({{"source", *source}, {"amount_cents", *cents}});
      }
    }
  }
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  check.incomes_json = incomes.dump();
  check.created_by_name = s.actor.display_name;
  std::optional<Check> created;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(auto family, families::AuthorizedFamily(tx, s, id, Action::kEligibilityWrite));
    check.threshold_percent = programmes::kDefaultThresholdPercent;
    if (family.programme_id) {
      ASSIGN_OR_RETURN(auto programme, programmes::ProgrammeRepo::Get(tx, family.organisation_id, *family.programme_id));
      check.threshold_percent = programme.threshold_percent;
    }
    ASSIGN_OR_RETURN(auto tables, NormRepo::Visible(tx, s.actor.organisation_id));
    const NormTable* table = TableFor(tables, date);
    if (!table)
      return Status::InvalidField("date", "Er is geen normtabel die geldt op " + check.date +
                                              ". Vraag de beheerder om de normtabel voor die datum te laden.");
    check.norm_table_version = table->version;
    check.outcome = Compute(NormCents(*table, check.household_type, check.cost_sharers), amounts,
                            check.threshold_percent);
    ASSIGN_OR_RETURN(created, CheckRepo::Insert(tx, check, s.actor.user_id));
    trajectory::Event e;
    e.family_id = id;
    e.kind = "eligibility";
    e.date = check.date;
    e.to = created->outcome.passes ? "voldoet" : "voldoet_niet";
    e.note = FormatPercent(created->outcome.percent_tenths) + "% van de norm (" + Euros(created->outcome.income_cents) +
             " van " + Euros(created->outcome.norm_cents) + ", grens " + std::to_string(check.threshold_percent) +
             "%, normtabel " + check.norm_table_version + ")";
    e.user_id = s.actor.user_id;
    e.user_name = s.actor.display_name;
    RETURN_IF_ERROR(trajectory::EventRepo::Append(tx, e));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, Resource(id) + "/" + created->id, id, "success"));
  });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, Resource(id), st);
  return http::JsonResponse(201, CheckJson(*created));
}

Response Override(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), eid = req.Param("eid"), action = "eligibility.override";
  const std::string resource = Resource(id) + "/" + eid;
  if (auto st = families::RoleAllows(s, Action::kEligibilityOverride); !st.ok())
    return families::Refuse(ctx, req, s, action, resource, std::nullopt,
                            Status::Forbidden("Alleen een teamleider kan de uitkomst van een inkomenstoets aanpassen."));
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"passes", "reason"});
  auto passes = f.Bool("passes");
  if (!passes && !f.errors().contains("passes")) f.Error("passes", "Kies true (toelaten) of false (niet toelaten).");
  auto reason = f.String("reason", true, 2000);
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  std::optional<Check> updated;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(families::AuthorizedFamily(tx, s, id, Action::kEligibilityOverride).status());
    ASSIGN_OR_RETURN(Check current, CheckRepo::Get(tx, id, eid));
    ASSIGN_OR_RETURN(updated, CheckRepo::SetOverride(tx, current, *passes, *reason, s.actor.user_id,
                                                     s.actor.display_name));
    trajectory::Event e;
    e.family_id = id;
    e.kind = "override";
    e.date = FormatDate(TodayInAmsterdam(Now()));
    e.from = current.EffectivePasses() ? "voldoet" : "voldoet_niet";
    e.to = *passes ? "voldoet" : "voldoet_niet";
    e.note = *reason;
    e.user_id = s.actor.user_id;
    e.user_name = s.actor.display_name;
    RETURN_IF_ERROR(trajectory::EventRepo::Append(tx, e));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, resource, id, "success"));
  });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  return http::JsonResponse(200, CheckJson(*updated));
}

}  // namespace

void RegisterEligibilityRoutes(http::Router& router, ApiContext& ctx) {
  auto route = [&](const char* method, const char* pattern, security::FeatureHandler fn) {
    security::AddRoute(router, ctx, method, pattern, fn);
  };
  route("GET", "/api/v1/norms", ListNorms);
  route("POST", "/api/v1/norms", CreateNorm);
  route("GET", "/api/v1/families/{id}/eligibility", ListChecks);
  route("POST", "/api/v1/families/{id}/eligibility", CreateCheck);
  route("POST", "/api/v1/families/{id}/eligibility/{eid}/override", Override);
}

}  // namespace kansrijk::eligibility
