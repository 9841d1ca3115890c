// Storage of families and members. Runs on the caller's connection or transaction;
// knows nothing of HTTP or of who is asking (the API checks the policy first).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "families/model.h"
#include "platform/db.h"

namespace kansrijk::families {

struct FamilyListQuery {
  std::string organisation_id;
  std::optional<std::string> coach_id;
  std::optional<std::string> status;
  std::optional<std::string> name_contains;
  std::optional<std::string> phase;
  std::optional<std::string> programme_id;
  // Only families on the waiting list: no coach, phase aanmelding or intake, status active.
  bool waiting_only = false;
  // kByName (name, id); kByWaiting (longest waiting first, then those not waiting); kByUpdated
  // (most recently changed first).
  enum class Sort { kByName, kByWaiting, kByUpdated } sort = Sort::kByName;
  int limit = 50;
  // Keyset: continue after this (sort key, id) of the previous page's last row.
  std::optional<std::pair<std::string, std::string>> after;
};

struct FamilyPage {
  std::vector<Family> items;
  std::optional<std::pair<std::string, std::string>> next;  // set when more rows follow
};

class FamilyRepo {
 public:
  static Result<Family> Get(db::Connection& c, const std::string& id);  // kNotFound
  static Result<FamilyPage> List(db::Connection& c, const FamilyListQuery& q);
  // A new family in phase aanmelding; without a coach it enters the waiting list now.
  static Result<Family> Insert(db::Connection& tx, const std::string& organisation_id, const std::string& name,
                               const std::optional<std::string>& coach_id);
  // Inserts `f` as given (id, timestamps and version are set here): referrals and demo data.
  static Result<Family> InsertFull(db::Connection& tx, const Family& f);
  // Writes the trajectory fields of `updated` (coach, programme, phase, waiting, intake, closing),
  // bumping the version. kFailedPrecondition when the row changed since `expected_version`.
  static Result<Family> UpdateTrajectory(db::Connection& tx, const Family& updated, int64_t expected_version);
  // Optimistic: kFailedPrecondition when `expected_version` is stale.
  static Result<Family> Update(db::Connection& tx, const Family& current, int64_t expected_version,
                               const std::string& name, const std::optional<std::string>& coach_id,
                               const std::string& status);

  static Result<std::vector<Member>> Members(db::Connection& c, const std::string& family_id);
  static Result<Member> GetMember(db::Connection& c, const std::string& family_id, const std::string& member_id);
  static Result<Member> InsertMember(db::Connection& tx, const std::string& family_id, const MemberFields& m);
  static Result<Member> UpdateMember(db::Connection& tx, const Member& updated, int64_t expected_version);

  // kInvalidArgument (field "coach_id") unless `coach_id` is an enabled coach of `organisation_id`.
  static Status CheckCoach(db::Connection& c, const std::string& organisation_id, const std::string& coach_id);
};

}  // namespace kansrijk::families
