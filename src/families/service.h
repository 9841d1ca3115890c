// The use cases of families and household members: each gathers the facts, calls the pure
// rules of model.h and writes through the repository on the caller's transaction. The HTTP
// handlers (api.cc), the CLI and the demo call these; none of them knows HTTP.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "families/model.h"
#include "families/repo.h"
#include "platform/db.h"
#include "security/policy.h"

namespace kansrijk::families {

// The policy scope of a family: its organisation and every coach (the main coach and each
// active further coach). kNotFound when absent.
Result<security::FamilyScope> LoadFamilyScope(db::Connection& c, const std::string& family_id);

struct NewFamily {
  std::string organisation_id;
  std::string name;
  std::optional<std::string> coach_id;
  std::vector<MemberFields> members;  // already validated with ValidateMember
};
struct FamilyWithMembers {
  Family family;
  std::vector<Member> members;
};

// Registers a family with its household. `coach_id`, when set, must be an enabled coach of the
// organisation (kInvalidArgument on field coach_id). The trajectory's part of a new family
// (phase, waiting list) is trajectory::CreateCase, which calls this.
Result<FamilyWithMembers> CreateFamily(db::Connection& tx, const NewFamily& f);

struct FamilyChange {
  std::optional<std::string> name;
  bool coach_change = false;  // coach_id was sent (null means: no coach)
  std::optional<std::string> coach_id;
  std::optional<std::string> status;
};
// Applies a change; kFailedPrecondition when `expected_version` is stale, kPermissionDenied
// (reason coach_change_forbidden) when the coach changes and `may_assign_coach` is false.
Result<Family> UpdateFamily(db::Connection& tx, const std::string& family_id, int64_t expected_version,
                            const FamilyChange& change, bool may_assign_coach);

// The family with its members (kNotFound).
Result<FamilyWithMembers> GetFamily(db::Connection& c, const std::string& family_id);

Result<Member> AddMember(db::Connection& tx, const std::string& family_id, const MemberFields& fields);
// kNotFound when the member is not of this family; kFailedPrecondition when stale.
Result<Member> ChangeMember(db::Connection& tx, const std::string& family_id, const std::string& member_id,
                            const MemberFields& change, int64_t expected_version);

// ---------------------------------------------------------------------------------------------
// Further coaches (issue 14). Each has a role and works on the family as a coach does (the
// policy's coach scope: LoadFamilyScope lists them); each change is a timeline entry.

struct CoachDoer {
  std::string user_id, display_name;
};
Result<std::vector<FamilyCoach>> ListFurtherCoaches(db::Connection& c, const std::string& family_id);
// Adds `user_id` as a further coach with `role`. role: choose_one_of; user_id:
// coach_not_in_organisation, coach_already_assigned (the main coach or an active further coach).
// Timeline entry "coach_added".
Result<FamilyCoach> AddFurtherCoach(db::Connection& tx, const std::string& family_id, const std::string& user_id,
                                    const std::string& role, const std::optional<std::string>& note,
                                    const CoachDoer& by, Date today);
// Hands a further coach's place over to `user_id` (same role): the old row ends with `note`,
// a new one starts with it. note: handover_note_required; kConflict coach_already_ended.
// Timeline entry "coach_handover".
Result<FamilyCoach> HandOverFurtherCoach(db::Connection& tx, const std::string& family_id,
                                         const std::string& family_coach_id, const std::string& user_id,
                                         const std::optional<std::string>& note, const CoachDoer& by, Date today);
// Ends a further coach with a note (note: coach_end_note_required); from then on they have no
// access to the family. kConflict coach_already_ended. Timeline entry "coach_ended".
Result<FamilyCoach> EndFurtherCoach(db::Connection& tx, const std::string& family_id,
                                    const std::string& family_coach_id, const std::optional<std::string>& note,
                                    const CoachDoer& by, Date today);

}  // namespace kansrijk::families
