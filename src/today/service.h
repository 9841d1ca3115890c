// "Vandaag": what needs doing now for the caller's families, read from the plans, budget and
// contacts features (one direction: none of them reads today).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/db.h"
#include "platform/time.h"

namespace kansrijk::today {

struct FamilyRef {
  std::string family_id, family_name;
};
struct PlannedContact : FamilyRef {
  std::string contact_id, started_at, kind;
};
struct DueAction : FamilyRef {
  std::string action_id, what, due_on;
};
struct WaitingApproval : FamilyRef {
  std::string request_id;
  int64_t amount_cents = 0;
  std::vector<std::string> missing;
};
struct BelowTargetFamily : FamilyRef {
  int64_t minutes_this_week = 0, target_minutes = 0;
};
struct WaitingIntake : FamilyRef {
  std::string waiting_since;
};
struct CoachOver {
  std::string coach_id, name;
  int64_t families = 0;
};

struct Today {
  Date date;
  std::vector<PlannedContact> planned_contacts;
  std::vector<DueAction> due_actions;
  std::vector<WaitingApproval> waiting_approvals;
  std::vector<BelowTargetFamily> below_target;
  std::vector<WaitingIntake> waiting_intake;
  std::optional<std::vector<CoachOver>> coaches_over_caseload;  // only for a team overview
};

struct Scope {
  std::string organisation_id;
  std::optional<std::string> only_coach_id;  // a coach: their own families
  bool team_overview = false;                // may see the coaches' caseloads
  int64_t caseload_max = 5;
};

Result<Today> ForCaller(db::Connection& c, const Scope& scope, TimePoint now);

}  // namespace kansrijk::today
