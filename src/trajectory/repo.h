// Storage of the trajectory. Its columns (programme, phase, waiting, intake, closing, referral
// and contact) live in the families row, but only this repository reads or writes them; the
// families repository writes the family's own columns (families/repo.h). The row version covers
// both: a change of phase is a change of the family's file.
// The timeline is not here: it is the neutral timeline::Append / timeline::ForFamily.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "families/model.h"
#include "platform/db.h"
#include "trajectory/model.h"

namespace kansrijk::trajectory {

// OnWaitingList (model.h) in SQL, on the families row aliased f. The one SQL form of the rule.
inline constexpr const char* kOnWaitingListSql =
    "(f.coach_id IS NULL AND f.phase IN ('aanmelding', 'intake') AND f.status = 'active')";

// A family with its trajectory, as the caseload and the family file show it.
struct Case {
  families::Family family;
  Trajectory trajectory;
};

class TrajectoryRepo {
 public:
  static Result<Trajectory> Get(db::Connection& c, const std::string& family_id);  // kNotFound
  // Writes every trajectory column of `t` without a new row version: for the family just
  // inserted, or changed (with its version bumped) by families in the same transaction.
  static Status Write(db::Connection& tx, const Trajectory& t);
  // Writes every trajectory column of `t` as a change of the family's file: bumps the row
  // version. kFailedPrecondition (version_stale) when the row changed since `expected_version`.
  static Status Update(db::Connection& tx, const Trajectory& t, int64_t expected_version);
};

struct CaseloadQuery {
  std::string organisation_id;
  std::optional<std::string> coach_id;
  std::optional<std::string> status;
  std::optional<std::string> name_contains;
  std::optional<std::string> phase;
  std::optional<std::string> programme_id;
  bool waiting_only = false;  // only families on the waiting list (kOnWaitingListSql)
  // With coach_id: only the families where they are the main coach (f.coach_id), as the team
  // overview counts them; otherwise further coaching (family_coaches) counts too.
  bool main_coach_only = false;
  // kByName (name, id); kByWaiting (longest waiting first, then those not waiting); kByUpdated
  // (most recently changed first).
  enum class Sort { kByName, kByWaiting, kByUpdated } sort = Sort::kByName;
  int limit = 50;
  // Keyset: continue after this (sort key, id) of the previous page's last row.
  std::optional<std::pair<std::string, std::string>> after;
};

struct CasePage {
  std::vector<Case> items;
  std::optional<std::pair<std::string, std::string>> next;  // set when more rows follow
};

class CaseloadRepo {
 public:
  static Result<Case> Get(db::Connection& c, const std::string& family_id);  // kNotFound
  static Result<CasePage> List(db::Connection& c, const CaseloadQuery& q);
  // How many families match q's filters over all pages (q.after, q.limit and q.sort ignored).
  static Result<int64_t> Count(db::Connection& c, const CaseloadQuery& q);
  // Ids of the active families where `coach_id` is the coach or a current further coach: one
  // query over two indexes, for the set-based lists of "Vandaag".
  static Result<std::vector<std::string>> ActiveFamilyIdsOfCoach(db::Connection& c, const std::string& organisation_id,
                                                                 const std::string& coach_id);
};

struct CoachLoad {
  std::string id;
  std::string display_name;
  std::map<std::string, int64_t> by_phase;  // every phase present, 0 when none
  int64_t total = 0;                        // the coach's families with status active
  // Active families per coach role: "gezinscoach" for the main coach, the role of each further
  // coach (family_coaches) otherwise. A family counts once per role the coach has in it.
  std::map<std::string, int64_t> by_role;
};

// Closed trajectories of the organisation: those closed before actief ("niet gestart") apart
// from those closed after it (completed). Closings from before issue 14 have no closed_from_phase
// and count as completed.
struct ClosingCounts {
  int64_t not_started = 0, completed = 0;
  std::map<std::string, int64_t> not_started_by_reason;
};

class OverviewRepo {
 public:
  // Every enabled coach of the organisation with their active families per phase, by name.
  static Result<std::vector<CoachLoad>> Coaches(db::Connection& c, const std::string& organisation_id);
  // waiting_since of every family on the organisation's waiting list.
  static Result<std::vector<std::string>> WaitingSince(db::Connection& c, const std::string& organisation_id);
  static Result<ClosingCounts> Closings(db::Connection& c, const std::string& organisation_id);
  // Referrals (families with a referrer kind) per kind, every family ever referred.
  static Result<std::map<std::string, int64_t>> ReferralsByKind(db::Connection& c, const std::string& organisation_id);
};

// A follow-up moment as stored (table follow_ups).
struct FollowUp {
  std::string id, family_id, organisation_id;
  int64_t months = 0;
  std::string due_on;
  std::string status;  // open | done | not_reachable | cancelled
  std::optional<std::string> note, recorded_on, recorded_by_name;
  std::string family_name;  // for the lists across families
};

struct FollowUpQuery {
  std::string organisation_id;
  std::optional<std::string> coach_id;  // only families where this user is a (further) coach
  std::string due_before;               // YYYY-MM-DD, inclusive
  int limit = 50;
  std::optional<std::pair<std::string, std::string>> after;  // (due_on, id)
};
struct FollowUpPage {
  std::vector<FollowUp> items;
  std::optional<std::pair<std::string, std::string>> next;
};

class FollowUpRepo {
 public:
  static Result<std::vector<FollowUp>> ForFamily(db::Connection& c, const std::string& family_id);
  static Result<FollowUp> Get(db::Connection& c, const std::string& family_id, const std::string& id);  // kNotFound
  static Status Insert(db::Connection& tx, const FollowUp& f);
  // Records an outcome on an open moment; kConflict follow_up_already_recorded when it was not open.
  static Status Record(db::Connection& tx, const std::string& id, const std::string& outcome,
                       const std::optional<std::string>& note, const std::string& recorded_on,
                       const std::string& user_id, const std::string& user_name);
  // Cancels the open moments (on reopening).
  static Status CancelOpen(db::Connection& tx, const std::string& family_id);
  // Open moments due on or before q.due_before, of active families, earliest first.
  static Result<FollowUpPage> Due(db::Connection& c, const FollowUpQuery& q);
};

// The organisation's referrer kinds (table referrer_kinds), in order.
struct ReferrerKind {
  std::string code, label;
};
class ReferrerKindRepo {
 public:
  // The organisation's list; the defaults (DefaultReferrerKinds, label = code) when it has none.
  static Result<std::vector<ReferrerKind>> List(db::Connection& c, const std::string& organisation_id);
  static Status Replace(db::Connection& tx, const std::string& organisation_id, const std::vector<ReferrerKind>& kinds);
};

}  // namespace kansrijk::trajectory
