// The use cases of the case hold (casehold/model.h): the check every case write passes (wired
// into the access pipeline by the app, inside the write's transaction) and the open tasks.
#pragma once

#include <string>
#include <vector>

#include "platform/db.h"
#include "security/policy.h"

namespace kansrijk::casehold {

// True for the writes a hold stops: the family, its members, the genogram and the income
// check. Closing and other phase changes, coach handover, notes and consent itself go on.
bool IsHeldAction(security::Action action);

// Ok, or kConflict (case_on_hold_no_consent {since}) when `action` is held and the family is on
// hold.
Status CheckCaseWrite(db::Connection& tx, const std::string& family_id, security::Action action);

struct Task {
  std::string family_id;
  std::string family_name;
  std::optional<std::string> coach_id;
  std::string since;  // the day coaching consent was withdrawn
  std::string kind = "coaching_consent_withdrawn";
};

// The organisation's families on hold, by name, that `actor` may read (the policy decides per
// family: a team lead sees all, a coach their own).
Result<std::vector<Task>> OpenTasks(db::Connection& c, const security::Actor& actor);

}  // namespace kansrijk::casehold
