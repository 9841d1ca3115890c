#include "programmes/api.h"

#include "platform/api_helpers.h"
#include "programmes/service.h"

namespace kansrijk::programmes {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

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

// Reads the editable fields; `is_new` makes the name required.
Result<ProgrammeFields> ReadFields(const http::Request& req, bool is_new) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req.body));
  FieldReader f(body, {"name", "threshold_percent", "default_budget_cents", "contact_target_minutes_per_week",
                       "planned_duration_weeks", "follow_up_months", "active"});
  ProgrammeFields p;
  p.name = f.String("name", is_new, kMaxProgrammeNameChars);
  if (p.name && p.name->empty()) f.Error("name", "not_empty");
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
        f.Error("follow_up_months", "not_integer");
        ok = false;
        break;
      }
      list.push_back(m.get<int64_t>());
    }
    if (ok) {
      auto errors = ValidateFollowUpMonths(list);
      MergeFieldErrors(f.errors(), errors);
      if (errors.empty()) p.follow_up_months = list;
    }
  }
  for (const char* not_null : {"name", "threshold_percent", "default_budget_cents", "contact_target_minutes_per_week",
                               "planned_duration_weeks", "follow_up_months", "active"})
    if (f.IsNull(not_null)) f.Error(not_null, "not_empty");
  RETURN_IF_ERROR(f.Finish());
  return p;
}

Result<Reply> List(Call& call) {
  std::vector<Programme> list;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(list, ListProgrammes(c, call.actor().organisation_id));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& p : list) items.push_back(ProgrammeJson(p));
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
}

Result<Reply> Create(Call& call) {
  ASSIGN_OR_RETURN(ProgrammeFields fields, ReadFields(call.req, true));
  Programme created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, CreateProgramme(tx, call.actor().organisation_id, fields));
    call.resource = "programme/" + created.id;
    return Status::Ok();
  }));
  return Reply::Json(201, ProgrammeJson(created))
      .WithVersion(created.version)
      .WithLocation("/api/v1/programmes/" + created.id);
}

Result<Reply> Patch(Call& call) {
  ASSIGN_OR_RETURN(ProgrammeFields fields, ReadFields(call.req, false));
  const std::string id = call.req.Param("id");
  call.resource = "programme/" + id;
  Programme updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    // Scoped by the caller's organisation: another organisation's programme is not found.
    ASSIGN_OR_RETURN(updated, UpdateProgramme(tx, call.actor().organisation_id, id, call.if_match(), fields));
    return Status::Ok();
  }));
  return Reply::Json(200, ProgrammeJson(updated)).WithVersion(updated.version);
}

}  // namespace

void RegisterProgrammeRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/programmes", Action::kProgrammeRead, List});
  routes.Add({"POST", "/api/v1/programmes", Action::kProgrammeCreate, Create});
  routes.Add({"PATCH", "/api/v1/programmes/{id}", Action::kProgrammeUpdate, Patch, /*needs_version=*/true});
}

}  // namespace kansrijk::programmes
