#include "today/api.h"

#include "today/model.h"
#include "today/service.h"

namespace kansrijk::today {
namespace {

using http::Json;
using security::Action;
using security::Call;
using security::Reply;

Json Ref(const FamilyRef& r) { return {{"family_id", r.family_id}, {"family_name", r.family_name}}; }

Json TodayJson(const Today& t) {
  Json planned = Json::array(), due = Json::array(), waiting = Json::array(), below = Json::array(),
       intake = Json::array();
  for (const auto& p : t.planned_contacts) {
    Json j = Ref(p);
    j.update({{"contact_id", p.contact_id}, {"started_at", p.started_at}, {"kind", p.kind}});
    planned.push_back(j);
  }
  for (const auto& a : t.due_actions) {
    Json j = Ref(a);
    j.update({{"action_id", a.action_id}, {"what", a.what}, {"due_on", a.due_on}});
    due.push_back(j);
  }
  for (const auto& w : t.waiting_approvals) {
    Json j = Ref(w);
    j.update({{"request_id", w.request_id}, {"amount_cents", w.amount_cents}, {"missing", w.missing}});
    waiting.push_back(j);
  }
  for (const auto& b : t.below_target) {
    Json j = Ref(b);
    j.update({{"minutes_this_week", b.minutes_this_week}, {"target_minutes", b.target_minutes}});
    below.push_back(j);
  }
  for (const auto& i : t.waiting_intake) {
    Json j = Ref(i);
    j["waiting_since"] = i.waiting_since;
    intake.push_back(j);
  }
  Json measurements = Json::array(), follow_ups = Json::array();
  for (const auto& m : t.due_measurements) {
    Json j = Ref(m);
    j.update({{"member_id", m.member_id}, {"given_name", m.given_name}, {"moment", m.moment}, {"due_on", m.due_on}});
    measurements.push_back(j);
  }
  for (const auto& f : t.follow_ups) {
    Json j = Ref(f);
    j.update({{"follow_up_id", f.follow_up_id}, {"months", f.months}, {"due_on", f.due_on}});
    follow_ups.push_back(j);
  }
  Json out = {{"date", FormatDate(t.date)},   {"planned_contacts", planned}, {"due_actions", due},
              {"waiting_approvals", waiting}, {"below_target", below},       {"follow_ups", follow_ups},
              {"waiting_intake", intake},     {"due_measurements", measurements}};
  if (t.coaches_over_caseload) {
    Json over = Json::array();
    for (const auto& c : *t.coaches_over_caseload)
      over.push_back({{"coach_id", c.coach_id}, {"name", c.name}, {"families", c.families}});
    out["coaches_over_caseload"] = over;
  }
  return out;
}

Result<Reply> Get(Call& call) {
  ASSIGN_OR_RETURN(auto families, security::ScopeFamilyList(call.actor()));
  Scope scope;
  scope.organisation_id = families.organisation_id;
  scope.only_coach_id = families.only_coach_id;
  scope.team_overview = call.Allowed(Action::kTeamOverview);
  scope.caseload_max = kDefaultCaseloadMax;
  if (auto m = call.req.QueryValue("caseload_max"); m && !m->empty()) {
    char* end = nullptr;
    long v = std::strtol(m->c_str(), &end, 10);
    if (*end != '\0' || v < 1 || v > 100)
      return Status::InvalidField("caseload_max", "out_of_range", {{"min", "1"}, {"max", "100"}});
    scope.caseload_max = v;
  }
  Today t;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(t, ForCaller(c, scope, Now()));
    return Status::Ok();
  }));
  return Reply::Json(200, TodayJson(t));
}

}  // namespace

void RegisterTodayRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/me/today", Action::kTodayRead, Get});
}

}  // namespace kansrijk::today
