#include "today/service.h"

#include <algorithm>

#include "budget/repo.h"
#include "budget/service.h"
#include "contacts/repo.h"
#include "contacts/service.h"
#include "measurements/service.h"
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
    if (AddDays(contacts::MondayOf(d), i) == d) return i + 1;
  return 1;
}

}  // namespace

Result<Today> ForCaller(db::Connection& c, const Scope& scope, TimePoint now) {
  Today t;
  t.date = TodayInAmsterdam(now);
  const std::string today = FormatDate(t.date);
  const std::string day_start = contacts::MidnightUtc(t.date);
  const std::string day_end = contacts::MidnightUtc(AddDays(t.date, 1));
  const Date monday = contacts::MondayOf(t.date);
  const std::string& org = scope.organisation_id;

  // A coach's families once; every list below takes them as an IN list. A team lead: none.
  std::optional<std::vector<std::string>> ids;
  if (scope.only_coach_id) {
    ASSIGN_OR_RETURN(auto mine, trajectory::CaseloadRepo::ActiveFamilyIdsOfCoach(c, org, *scope.only_coach_id));
    ids = std::move(mine);
  }

  // The window runs from a few hours before the Amsterdam day; the Amsterdam date decides.
  ASSIGN_OR_RETURN(auto planned, contacts::ContactRepo::PlannedIn(c, org, ids, day_start, day_end, 4 * kMaxItemsPerList));
  for (const auto& p : planned)
    if (auto at = contacts::ParseStart(p.started_at); at && TodayInAmsterdam(*at) == t.date)
      t.planned_contacts.push_back({{p.family_id, p.family_name}, p.contact_id, p.started_at, p.kind});

  ASSIGN_OR_RETURN(auto due, plans::PlanRepo::DueActionsIn(c, org, ids, today, kMaxItemsPerList));
  for (const auto& a : due) t.due_actions.push_back({{a.family_id, a.family_name}, a.action_id, a.what, a.due_on});

  ASSIGN_OR_RETURN(auto open, budget::BudgetRepo::OpenRequestsIn(c, org, ids, kMaxItemsPerList));
  for (const auto& o : open) {
    WaitingApproval wa{{o.family_id, o.family_name}, o.request_id, o.amount_cents, {}};
    for (auto role : budget::NeededRoles(o.amount_cents, o.approval_threshold_cents))
      if (std::find(o.approved.begin(), o.approved.end(), role) == o.approved.end())
        wa.missing.push_back(budget::ApproverRoleName(role));
    t.waiting_approvals.push_back(std::move(wa));
  }

  // The query keeps families under their full weekly target; the prorated rule decides.
  ASSIGN_OR_RETURN(auto minutes, contacts::ContactRepo::BelowWeeklyTargetIn(
                                     c, org, ids, contacts::MidnightUtc(monday),
                                     contacts::MidnightUtc(AddDays(monday, 7)),
                                     contacts::kDefaultTargetMinutesPerWeek, 10 * kMaxItemsPerList));
  for (const auto& m : minutes)
    if (BelowTarget(m.minutes, m.target_minutes, DayOfWeek(t.date)))
      t.below_target.push_back({{m.family_id, m.family_name}, m.minutes, m.target_minutes});

  // Waiting longest: a coach's own families not past intake yet; a team lead's waiting list
  // (families without a coach). Each is one keyset page in waiting order.
  std::vector<trajectory::CaseloadQuery> waits;
  trajectory::CaseloadQuery w;
  w.organisation_id = org;
  w.sort = trajectory::CaseloadQuery::Sort::kByWaiting;
  w.limit = kMaxItemsPerList;
  if (scope.only_coach_id) {
    w.coach_id = scope.only_coach_id;
    w.status = "active";
    for (const char* phase : {"aanmelding", "intake"}) {
      w.phase = phase;
      waits.push_back(w);
    }
  } else {
    w.waiting_only = true;
    waits.push_back(w);
  }
  for (const auto& q : waits) {
    ASSIGN_OR_RETURN(auto waiting, trajectory::CaseloadRepo::List(c, q));
    for (const auto& cs : waiting.items)
      t.waiting_intake.push_back({{cs.family.id, cs.family.name},
                                  cs.trajectory.waiting_since.value_or(cs.family.created_at)});
  }
  std::sort(t.waiting_intake.begin(), t.waiting_intake.end(),
            [](const auto& a, const auto& b) { return a.waiting_since < b.waiting_since; });

  // Due measurements by the measurements feature's own rule (NextDue), not a copy of it.
  security::FamilyListScope ms{org, scope.only_coach_id, std::nullopt};
  ASSIGN_OR_RETURN(auto measurements, measurements::DueMeasurements(c, ms, t.date, kMaxItemsPerList));
  for (const auto& m : measurements)
    t.due_measurements.push_back({{m.family_id, m.family_name}, m.member_id, m.given_name, m.moment,
                                  FormatDate(m.due_on)});

  trajectory::FollowUpQuery fq;
  fq.organisation_id = org;
  fq.coach_id = scope.only_coach_id;
  fq.due_before = today;
  fq.limit = kMaxItemsPerList;
  ASSIGN_OR_RETURN(auto follow_ups, trajectory::FollowUpRepo::Due(c, fq));
  for (const auto& f : follow_ups.items)
    t.follow_ups.push_back({{f.family_id, f.family_name}, f.id, f.due_on, f.months});

  std::sort(t.below_target.begin(), t.below_target.end(),
            [](const auto& a, const auto& b) { return a.minutes_this_week < b.minutes_this_week; });
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
