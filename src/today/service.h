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
struct DueMeasurement : FamilyRef {
  std::string member_id, given_name, moment, due_on;
};
struct DueFollowUp : FamilyRef {
  std::string follow_up_id, due_on;
  int64_t months = 0;
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
  std::vector<DueMeasurement> due_measurements;  // due on or before today (measurements' own rule)
  std::vector<DueFollowUp> follow_ups;           // open follow-up moments due on or before today
  std::optional<std::vector<CoachOver>> coaches_over_caseload;  // only for a team overview
};

struct Scope {
  std::string organisation_id;
  std::optional<std::string> only_coach_id;  // a coach: their own families
  bool team_overview = false;                // may see the coaches' caseloads
  int64_t caseload_max = 5;
};

// Set-based: a fixed number of queries however many families the caller has (a coach's ids
// are read once and passed as an IN list; a team lead's lists run over the organisation).
Result<Today> ForCaller(db::Connection& c, const Scope& scope, TimePoint now);

}  // namespace kansrijk::today
