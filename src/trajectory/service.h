// The use cases of the trajectory: each gathers the facts (the family, its consents and
// eligibility checks), asks the pure rules of model.h and writes through the repositories on
// the caller's transaction, with a timeline entry where something happened to the family. The
// HTTP handlers (api.cc), the CLI and the demo call these; none of them knows HTTP or audit.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "families/service.h"
#include "platform/db.h"
#include "platform/time.h"
#include "trajectory/model.h"
#include "trajectory/repo.h"

namespace kansrijk::trajectory {

// Who did it, for the timeline.
struct Doer {
  std::string user_id;
  std::string display_name;
};

// A family, its trajectory and (for the family file) its household.
struct CaseFile {
  Case c;
  std::vector<families::Member> members;
};

// The family file (kNotFound, family_not_found).
Result<CaseFile> GetCase(db::Connection& c, const std::string& family_id);
// A page of the caseload, or of the waiting list (q.waiting_only).
Result<CasePage> ListCases(db::Connection& c, const CaseloadQuery& q);
// How many families the list of q holds over all its pages.
Result<int64_t> CountCases(db::Connection& c, const CaseloadQuery& q);

// Registers a family (families::CreateFamily) in phase aanmelding; without a coach it begins
// to wait for one.
Result<CaseFile> CreateCase(db::Connection& tx, const families::NewFamily& f);
// Changes the family (families::UpdateFamily) and keeps its place on the waiting list right: a
// family that loses its coach begins to wait, one that gets a coach stops.
Result<Case> UpdateCase(db::Connection& tx, const std::string& family_id, int64_t expected_version,
                        const families::FamilyChange& change, bool may_assign_coach);

struct NewReferral {
  families::NewFamily family;  // organisation, name, members; coach_id set when the referrer coaches it
  std::optional<std::string> programme_id;
  std::string referrer_organisation, referrer_kind, reason;
  Contact contact;  // at least one way to reach the family (HasAnyContact)
};
// A referral: a new family in phase aanmelding with its referral and contact details, a
// timeline entry "referral". kInvalidArgument programme_id: programme_not_available when the
// programme is not an active one of the organisation.
Result<CaseFile> CreateReferral(db::Connection& tx, const NewReferral& r, const Doer& by, Date today);

// Assigns a coach (kind "assign"), or hands the family over to another (kind "handover",
// which needs a note for the new coach: note: handover_note_required). coach_id:
// coach_already_assigned when it is the family's coach already; coach_not_in_organisation.
// The family leaves the waiting list.
Result<Case> AssignCoach(db::Connection& tx, const std::string& family_id, const std::string& coach_id,
                         const std::optional<std::string>& note, const Doer& by, Date today);

// Moves the family to another phase, or reopens a closed trajectory (afsluiting/nazorg ->
// actief): gathers the facts (coach, coaching consent, the newest eligibility check) and asks
// CheckPhaseChange; sets the intake date or the closing fields; a timeline entry "phase" or
// "reopen".
Result<Case> ChangePhase(db::Connection& tx, const std::string& family_id, const PhaseRequest& req, const Doer& by,
                         Date today);

struct TeamOverview {
  std::vector<CoachLoad> coaches;
  int64_t waiting_count = 0, longest_days = 0;
  double average_days = 0;  // one decimal
  ClosingCounts closings;
  std::map<std::string, int64_t> referrals_by_kind;  // every kind of the organisation's list, 0 when none
};
Result<TeamOverview> GetTeamOverview(db::Connection& c, const std::string& organisation_id, TimePoint now);

// ---------------------------------------------------------------------------------------------
// Aftercare (nazorg)

// The family's follow-up moments, by due date.
Result<std::vector<FollowUp>> ListFollowUps(db::Connection& c, const std::string& family_id);
// Open moments due on or before q.due_before, across the families of q's scope.
Result<FollowUpPage> DueFollowUps(db::Connection& c, const FollowUpQuery& q);
// Records `outcome` (done | not_reachable) for a moment (CheckFollowUpOutcome; kNotFound
// follow_up_not_found for a moment of another family), with a timeline entry "follow_up". When
// no open moment is left, the trajectory ends (ended_on, timeline entry "ended").
Result<Case> RecordFollowUp(db::Connection& tx, const std::string& family_id, const std::string& follow_up_id,
                            const std::optional<std::string>& outcome, const std::optional<std::string>& note,
                            const Doer& by, Date today);

// ---------------------------------------------------------------------------------------------
// Referrer kinds

Result<std::vector<ReferrerKind>> ListReferrerKinds(db::Connection& c, const std::string& organisation_id);
// Replaces the organisation's list (ValidateReferrerKinds). Kinds already used by referrals stay
// on those families; they are no longer offered for new ones.
Result<std::vector<ReferrerKind>> ReplaceReferrerKinds(db::Connection& tx, const std::string& organisation_id,
                                                       const std::vector<ReferrerKind>& kinds);

}  // namespace kansrijk::trajectory
