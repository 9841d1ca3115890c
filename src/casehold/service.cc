#include "casehold/service.h"

#include <algorithm>

#include "casehold/model.h"
#include "consent/repo.h"
#include "families/service.h"
#include "trajectory/repo.h"

namespace kansrijk::casehold {

using security::Action;

bool IsHeldAction(Action a) {
  switch (a) {
    case Action::kFamilyUpdate:
    case Action::kMemberCreate:
    case Action::kMemberUpdate:
    case Action::kEligibilityCreate:
    case Action::kGenogramImport:
    case Action::kGenogramFromHousehold:
    case Action::kGenogramPersonCreate:
    case Action::kGenogramPersonUpdate:
    case Action::kGenogramPersonDelete:
    case Action::kGenogramRelationCreate:
    case Action::kGenogramRelationUpdate:
    case Action::kGenogramRelationDelete:
    case Action::kGenogramEventCreate:
    case Action::kGenogramEventUpdate:
    case Action::kGenogramEventDelete:
      return true;
    default:
      return false;
  }
}

Status CheckCaseWrite(db::Connection& tx, const std::string& family_id, Action action) {
  if (!IsHeldAction(action)) return Status::Ok();
  auto trajectory = trajectory::TrajectoryRepo::Get(tx, family_id);
  if (!trajectory.ok()) return Status::Ok();  // no such family: the handler says so
  ASSIGN_OR_RETURN(auto consents, consent::ConsentRepo::ForFamily(tx, family_id));
  std::string since;
  if (OnHold(trajectory->phase, consents, &since))
    return Status::Conflict("case_on_hold_no_consent", {{"since", since}});
  return Status::Ok();
}

Result<std::vector<Task>> OpenTasks(db::Connection& c, const security::Actor& actor) {
  std::vector<Task> out;
  trajectory::CaseloadQuery q;
  q.organisation_id = actor.organisation_id;
  q.phase = "actief";
  q.limit = 200;
  for (;;) {
    ASSIGN_OR_RETURN(trajectory::CasePage page, trajectory::CaseloadRepo::List(c, q));
    for (const auto& item : page.items) {
      ASSIGN_OR_RETURN(auto consents, consent::ConsentRepo::ForFamily(c, item.family.id));
      std::string since;
      if (!OnHold(item.trajectory.phase, consents, &since)) continue;
      ASSIGN_OR_RETURN(security::FamilyScope scope, families::LoadFamilyScope(c, item.family.id));
      if (security::Decide(actor, Action::kFamilyRead, &scope) != security::Decision::kAllow) continue;
      out.push_back({item.family.id, item.family.name, item.family.coach_id, since});
    }
    if (!page.next) break;
    q.after = page.next;
  }
  return out;
}

}  // namespace kansrijk::casehold
