// Storage of families and members. Runs on the caller's connection or transaction;
// knows nothing of HTTP or of who is asking (the API checks the policy first). The families
// table also holds the trajectory's columns (phase, referral, waiting); those are read and
// written only by trajectory/repo.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "families/model.h"
#include "platform/db.h"

namespace kansrijk::families {

class FamilyRepo {
 public:
  // The columns a family is read from, for queries that read more than the family (the
  // trajectory's caseload): `SELECT <kColumns>, ... <kFrom> WHERE ...`, read with FromRow. The
  // family row is aliased f, its coach's user row u. Column kNameKeyColumn is the sort key.
  static const char* const kColumns;
  static const char* const kFrom;
  static constexpr int kColumnCount = 11;
  static constexpr int kNameKeyColumn = 10;
  static Family FromRow(const db::Row& r);

  static Result<Family> Get(db::Connection& c, const std::string& id);  // kNotFound (family_not_found)
  // A new, active family. The trajectory columns of the row keep their defaults; the trajectory
  // feature writes them in the same transaction.
  static Result<Family> Insert(db::Connection& tx, const std::string& organisation_id, const std::string& name,
                               const std::optional<std::string>& coach_id);
  // Optimistic: kFailedPrecondition when `expected_version` is stale.
  static Result<Family> Update(db::Connection& tx, const Family& current, int64_t expected_version,
                               const std::string& name, const std::optional<std::string>& coach_id,
                               const std::string& status);
  static Result<std::vector<Member>> Members(db::Connection& c, const std::string& family_id);
  static Result<Member> GetMember(db::Connection& c, const std::string& family_id, const std::string& member_id);
  static Result<Member> InsertMember(db::Connection& tx, const std::string& family_id, const MemberFields& m);
  static Result<Member> UpdateMember(db::Connection& tx, const Member& updated, int64_t expected_version);

  // Further coaches (table family_coaches). Every row, active ones first, then by start.
  static Result<std::vector<FamilyCoach>> Coaches(db::Connection& c, const std::string& family_id);
  static Result<FamilyCoach> GetCoach(db::Connection& c, const std::string& family_id, const std::string& id);  // kNotFound
  // The user ids of the active further coaches.
  static Result<std::vector<std::string>> ActiveCoachIds(db::Connection& c, const std::string& family_id);
  static Result<FamilyCoach> InsertCoach(db::Connection& tx, const FamilyCoach& fc);
  // Ends an active row; kConflict coach_already_ended when it has ended already.
  static Status EndCoach(db::Connection& tx, const std::string& id, const std::string& ended_on,
                         const std::string& end_note);

  // kInvalidArgument (field "coach_id") unless `coach_id` is an enabled coach of `organisation_id`.
  static Status CheckCoach(db::Connection& c, const std::string& organisation_id, const std::string& coach_id);
};

}  // namespace kansrijk::families
