#include "today/service.h"

#include <algorithm>

#include "budget/service.h"
#include "contacts/service.h"
#include "plans/repo.h"
#include "today/model.h"
#include "trajectory/repo.h"

namespace kansrijk::today {
namespace {

template <typename T>
void Cap(std::vector<T>& v) {
  if (v.size() > static_cast<size_t>(kMaxItemsPerList)) v.resize(kMaxItemsPerList);
}

int DayOfWeek(Date d) {
  // 1 = Monday ... 7 = Sunday.
  for (int i = 0; i < 7; ++i)
    if (contacts::AddDays(contacts::MondayOf(d), i) == d) return i + 1;
  return 1;
}

}  // namespace

Result<Today> ForCaller(db::Connection& c, const Scope& scope, TimePoint now) {
  Today t;
  t.date = TodayInAmsterdam(now);
  const std::string today = FormatDate(t.date);
  const std::string day_start = contacts::StartOfDayUtc(t.date);
  const std::string day_end = contacts::StartOfDayUtc(contacts::AddDays(t.date, 1));

  trajectory::CaseloadQuery q;
  q.organisation_id = scope.organisation_id;
  q.coach_id = scope.only_coach_id;
  q.status = "active";
  q.limit = 200;
  ASSIGN_OR_RETURN(auto page, trajectory::CaseloadRepo::List(c, q));
  for (const auto& cs : page.items) {
    const FamilyRef ref{cs.family.id, cs.family.name};
    ASSIGN_OR_RETURN(auto planned, contacts::ContactRepo::PlannedBetween(c, ref.family_id, day_start, day_end));
    for (const auto& p : planned)
      if (TodayInAmsterdam(*contacts::ParseStart(p.started_at)) == t.date)
        t.planned_contacts.push_back({ref, p.id, p.started_at, p.kind});
    ASSIGN_OR_RETURN(auto due, plans::PlanRepo::DueActions(c, ref.family_id, today));
    for (const auto& a : due)
      t.due_actions.push_back({ref, a.id, a.data.value("what", std::string()), a.due_on.value_or("")});
    ASSIGN_OR_RETURN(auto waiting, budget::WaitingApprovals(c, ref.family_id));
    for (const auto& w : waiting) {
      WaitingApproval wa{ref, w.request.id, w.request.amount_cents, {}};
      for (auto r : w.missing) wa.missing.push_back(budget::ApproverRoleName(r));
      t.waiting_approvals.push_back(std::move(wa));
    }
    ASSIGN_OR_RETURN(auto hours, contacts::FamilyHours(c, ref.family_id, t.date, 1));
    const int64_t minutes = hours.weeks.back().direct_minutes + hours.weeks.back().indirect_minutes;
    const int64_t target = hours.target_minutes_per_week.value_or(0);
    if (BelowTarget(minutes, target, DayOfWeek(t.date))) t.below_target.push_back({ref, minutes, target});
    if (cs.trajectory.phase == "aanmelding" || cs.trajectory.phase == "intake")
      if (scope.only_coach_id) t.waiting_intake.push_back({ref, cs.trajectory.waiting_since.value_or(cs.family.created_at)});
  }
  if (!scope.only_coach_id) {
    trajectory::CaseloadQuery w;
    w.organisation_id = scope.organisation_id;
    w.waiting_only = true;
    w.sort = trajectory::CaseloadQuery::Sort::kByWaiting;
    w.limit = kMaxItemsPerList;
    ASSIGN_OR_RETURN(auto waiting, trajectory::CaseloadRepo::List(c, w));
    for (const auto& cs : waiting.items)
      t.waiting_intake.push_back({{cs.family.id, cs.family.name}, cs.trajectory.waiting_since.value_or("")});
  }
  std::sort(t.planned_contacts.begin(), t.planned_contacts.end(),
            [](const auto& a, const auto& b) { return a.started_at < b.started_at; });
  std::sort(t.due_actions.begin(), t.due_actions.end(), [](const auto& a, const auto& b) { return a.due_on < b.due_on; });
  std::sort(t.below_target.begin(), t.below_target.end(),
            [](const auto& a, const auto& b) { return a.minutes_this_week < b.minutes_this_week; });
  std::sort(t.waiting_intake.begin(), t.waiting_intake.end(),
            [](const auto& a, const auto& b) { return a.waiting_since < b.waiting_since; });
  Cap(t.planned_contacts);
  Cap(t.due_actions);
  Cap(t.waiting_approvals);
  Cap(t.below_target);
  Cap(t.waiting_intake);
  if (scope.team_overview) {
    ASSIGN_OR_RETURN(auto coaches, trajectory::OverviewRepo::Coaches(c, scope.organisation_id));
    std::vector<CoachOver> over;
    for (const auto& co : coaches)
      if (OverCaseload(co.total, scope.caseload_max)) over.push_back({co.id, co.display_name, co.total});
    t.coaches_over_caseload = over;
  }
  return t;
}

}  // namespace kansrijk::today
