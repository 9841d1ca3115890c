#include "casehold/api.h"

#include "casehold/service.h"
#include "platform/api_helpers.h"

namespace kansrijk::casehold {
namespace {

using http::Json;
using security::Call;
using security::Reply;

Result<Reply> ListTasks(Call& call) {
  std::vector<Task> tasks;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(tasks, OpenTasks(c, call.actor()));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& t : tasks)
    items.push_back({{"family_id", t.family_id},
                     {"family_name", t.family_name},
                     {"coach_id", t.coach_id ? Json(*t.coach_id) : Json(nullptr)},
                     {"since", t.since},
                     {"kind", t.kind}});
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
}

}  // namespace

void RegisterCaseHoldRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/tasks/consent", security::Action::kConsentTasksRead, ListTasks});
}

}  // namespace kansrijk::casehold
