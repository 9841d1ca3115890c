#include "programmes/api.h"

#include "platform/api_helpers.h"
#include "programmes/repo.h"
#include "security/policy.h"

namespace kansrijk::programmes {

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

Response WithETag(Response res, int64_t version) {
  res.headers.emplace("ETag", http::ETagFor(version));
  return res;
}

// Reads the editable fields; `is_new` makes the name required.
ProgrammeFields ReadFields(FieldReader& f, bool is_new) {
  ProgrammeFields p;
  p.name = f.String("name", is_new, kMaxProgrammeNameChars);
  if (p.name && p.name->empty()) f.Error("name", "Vul een naam in; die mag niet leeg zijn.");
  p.threshold_percent = f.Int("threshold_percent", false, 1, 1000);
  p.default_budget_cents = f.Int("default_budget_cents", false, 0, 100'000'000'00);
  p.contact_target_minutes_per_week = f.Int("contact_target_minutes_per_week", false, 0, 7 * 24 * 60);
  p.planned_duration_weeks = f.Int("planned_duration_weeks", false, 1, 520);
  p.active = f.Bool("active");
  if (const Json* months = f.Array("follow_up_months")) {
    std::vector<int64_t> list;
    bool ok = true;
    for (const auto& m : *months) {
      if (!m.is_number_integer()) {
        f.Error("follow_up_months", "Elk vervolgmoment is een heel aantal maanden.");
        ok = false;
        break;
      }
      list.push_back(m.get<int64_t>());
    }
    if (ok) {
      auto errs = ValidateFollowUpMonths(list);
      for (auto& [k, v] : errs)
        for (auto& m : v) f.Error(k, m);
      if (errs.empty()) p.follow_up_months = list;
    }
  }
  for (const char* not_null : {"name", "threshold_percent", "default_budget_cents", "contact_target_minutes_per_week",
                               "planned_duration_weeks", "follow_up_months", "active"})
    if (f.IsNull(not_null)) f.Error(not_null, "Dit veld mag niet leeg zijn.");
  return p;
}

Response Refuse(ApiContext& ctx, const Request& req, const Session& s, const std::string& action,
                const std::string& resource, const Status& why) {
  Status audited = ctx.audit.AppendNow(ctx.db, AuditFor(req, s.actor, action, resource, std::nullopt, security::OutcomeOf(why)));
  return ProblemResponse(audited.ok() ? why : audited);
}

Response List(ApiContext& ctx, Request&, const Session& s) {
  if (security::Decide(s.actor, Action::kProgrammeRead) != security::Decision::kAllow)
    return ProblemResponse(Status::Forbidden());
  std::vector<Programme> list;
  Status st = ctx.db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(list, ProgrammeRepo::List(c, s.actor.organisation_id));
    return Status::Ok();
  });
  if (!st.ok()) return ProblemResponse(st);
  Json items = Json::array();
  for (const auto& p : list) items.push_back(ProgrammeJson(p));
  return http::JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response Create(ApiContext& ctx, Request& req, const Session& s) {
  const std::string action = "programme.create";
  if (security::Decide(s.actor, Action::kProgrammeManage) != security::Decision::kAllow)
    return Refuse(ctx, req, s, action, "programmes", Status::Forbidden("Alleen een beheerder kan programma's beheren."));
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"name", "threshold_percent", "default_budget_cents", "contact_target_minutes_per_week",
                        "planned_duration_weeks", "follow_up_months", "active"});
  auto fields = ReadFields(f, true);
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  Programme base;
  base.organisation_id = s.actor.organisation_id;
  Programme p = ApplyProgrammeChange(base, fields);
  std::optional<Programme> created;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, ProgrammeRepo::Insert(tx, p));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, "programme/" + created->id, std::nullopt, "success"));
  });
  if (!st.ok()) return ProblemResponse(st);
  auto res = WithETag(http::JsonResponse(201, ProgrammeJson(*created)), created->version);
  res.headers.emplace("Location", "/api/v1/programmes/" + created->id);
  return res;
}

Response Patch(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "programme.update";
  if (security::Decide(s.actor, Action::kProgrammeManage) != security::Decision::kAllow)
    return Refuse(ctx, req, s, action, "programme/" + id, Status::Forbidden("Alleen een beheerder kan programma's beheren."));
  auto version = http::RequireIfMatch(req);
  if (!version.ok()) return ProblemResponse(version.status());
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"name", "threshold_percent", "default_budget_cents", "contact_target_minutes_per_week",
                        "planned_duration_weeks", "follow_up_months", "active"});
  auto fields = ReadFields(f, false);
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  std::optional<Programme> updated;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(Programme current, ProgrammeRepo::Get(tx, s.actor.organisation_id, id));
    ASSIGN_OR_RETURN(updated, ProgrammeRepo::Update(tx, ApplyProgrammeChange(current, fields), *version));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, "programme/" + id, std::nullopt, "success"));
  });
  if (!st.ok()) return ProblemResponse(st);
  return WithETag(http::JsonResponse(200, ProgrammeJson(*updated)), updated->version);
}

}  // namespace

Json ProgrammeJson(const Programme& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"threshold_percent", p.threshold_percent},
          {"default_budget_cents", p.default_budget_cents},
          {"contact_target_minutes_per_week", p.contact_target_minutes_per_week},
          {"planned_duration_weeks", p.planned_duration_weeks},
          {"follow_up_months", p.follow_up_months},
          {"active", p.active},
          {"version", p.version},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

void RegisterProgrammeRoutes(http::Router& router, ApiContext& ctx) {
  auto route = [&](const char* method, const char* pattern, security::FeatureHandler fn) {
    security::AddRoute(router, ctx, method, pattern, fn);
  };
  route("GET", "/api/v1/programmes", List);
  route("POST", "/api/v1/programmes", Create);
  route("PATCH", "/api/v1/programmes/{id}", Patch);
}

}  // namespace kansrijk::programmes
