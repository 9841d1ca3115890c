#include "plans/api.h"

#include "plans/service.h"
#include "plans/wire.h"
#include "platform/api_helpers.h"
#include "platform/time.h"

namespace kansrijk::plans {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

Result<Reply> Get(Call& call) {
  Json body;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto plan, GetPlan(c, call.family_id()));
    body = PlanJson(plan);
    return Status::Ok();
  }));
  return Reply::Json(200, body);
}

Result<Reply> GetVersion(Call& call) {
  Json body;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(body, GetPlanVersion(c, call.family_id(), call.req.Param("vid")));
    return Status::Ok();
  }));
  return Reply::Json(200, body);
}

// Splits a body into the change: type and version_id apart, the item's fields as they are.
Result<Change> ReadChange(Call& call, Json& body, std::optional<ItemType>* type) {
  Change change;
  change.by_name = call.actor().display_name;
  FieldErrors errors;
  if (body.contains("version_id")) {
    if (body["version_id"].is_string()) change.version_id = body["version_id"].get<std::string>();
    else if (!body["version_id"].is_null()) errors["version_id"].push_back({"not_text", {}});
    body.erase("version_id");
  }
  if (type) {
    if (!body.contains("type") || !body["type"].is_string()) errors["type"].push_back({"required", {}});
    else if (!(*type = ParseItemType(body["type"].get<std::string>())))
      errors["type"].push_back({"choose_one_of", {{"options", "dream, talent, goal, action, review"}}});
    body.erase("type");
  } else if (body.contains("type")) {
    errors["type"].push_back({"unknown_field", {}});
  }
  static const std::vector<std::string> kKnown = {"member_id", "text", "title", "description", "life_domain",
                                                  "horizon", "owner_ids", "target_date", "status", "goal_id",
                                                  "what", "due_on", "done", "held_on", "went_well", "next_steps"};
  for (auto it = body.begin(); it != body.end(); ++it)
    if (std::find(kKnown.begin(), kKnown.end(), it.key()) == kKnown.end())
      errors[it.key()].push_back({"unknown_field", {}});
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  change.fields = body;
  return change;
}

Result<Reply> PostItem(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  std::optional<ItemType> type;
  ASSIGN_OR_RETURN(auto change, ReadChange(call, body, &type));
  Json out;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(auto plan, AddItem(tx, call.family_id(), *type, change));
    out = PlanJson(plan);
    return Status::Ok();
  }));
  return Reply::Json(201, out);
}

Result<Reply> PatchItem(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  ASSIGN_OR_RETURN(auto change, ReadChange(call, body, nullptr));
  Json out;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(auto plan, ChangeItem(tx, call.family_id(), call.req.Param("iid"), change, call.if_match()));
    out = PlanJson(plan);
    return Status::Ok();
  }));
  return Reply::Json(200, out);
}

Result<Reply> PostAgree(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"agreed_on", "member_ids"});
  auto agreed_on = f.DateField("agreed_on", true);
  if (agreed_on && *agreed_on > TodayInAmsterdam(Now())) f.Error("agreed_on", "date_in_future");
  std::vector<std::string> members;
  if (const Json* list = f.Array("member_ids")) {
    for (const auto& m : *list) {
      if (m.is_string()) members.push_back(m.get<std::string>());
      else f.Error("member_ids", "not_text");
    }
  }
  if (!f.Present("member_ids")) f.Error("member_ids", "required");
  RETURN_IF_ERROR(f.Finish());
  Json out;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(auto plan, AgreeVersion(tx, call.family_id(), call.req.Param("vid"), FormatDate(*agreed_on), members));
    out = PlanJson(plan);
    return Status::Ok();
  }));
  return Reply::Json(200, out);
}

}  // namespace

void RegisterPlanRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/families/{id}/plan", Action::kPlanRead, Get});
  routes.Add({"GET", "/api/v1/families/{id}/plan/versions/{vid}", Action::kPlanRead, GetVersion});
  routes.Add({"POST", "/api/v1/families/{id}/plan/versions/{vid}/agree", Action::kPlanAgree, PostAgree});
  routes.Add({"POST", "/api/v1/families/{id}/plan/items", Action::kPlanUpdate, PostItem});
  routes.Add({"PATCH", "/api/v1/families/{id}/plan/items/{iid}", Action::kPlanUpdate, PatchItem,
              /*needs_version=*/true});
}

}  // namespace kansrijk::plans
