// SQL of the contact log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "contacts/model.h"
#include "platform/db.h"

namespace kansrijk::contacts {

class ContactRepo {
 public:
  static Result<Contact> Insert(db::Connection& tx, const Contact& c);
  // One contact of the family, with its follow-up links; kNotFound contact_not_found.
  static Result<Contact> Get(db::Connection& c, const std::string& family_id, const std::string& id);
  // Links follow-up line `position` to a plan action; kConflict contact_follow_up_already_planned.
  static Status LinkFollowUp(db::Connection& tx, const Contact& contact, int64_t position,
                             const std::string& plan_item_id, const std::string& user_id);
  // Fills follow_up_actions of `contacts` (one query).
  static Status LoadFollowUpLinks(db::Connection& c, std::vector<Contact>& contacts);
  // Newest first; after (started_at, id) of the cursor when given; limit+1 rows so the caller knows more exist.
  static Result<std::vector<Contact>> Page(db::Connection& c, const std::string& family_id, int limit,
                                           const std::optional<std::pair<std::string, std::string>>& after);
  // How many contacts the family's pages hold in all.
  static Result<int64_t> Count(db::Connection& c, const std::string& family_id);
  // Held and planned contacts of a family from `from_utc` on (UTC text compares in time order).
  static Result<std::vector<Contact>> FamilySince(db::Connection& c, const std::string& family_id,
                                                  const std::string& from_utc);
  static Result<std::vector<Contact>> CoachSince(db::Connection& c, const std::string& coach_id,
                                                 const std::string& from_utc);
  // Planned contacts of a family in [from_utc, to_utc).
  static Result<std::vector<Contact>> PlannedBetween(db::Connection& c, const std::string& family_id,
                                                     const std::string& from_utc, const std::string& to_utc);

  // A programme's active families with their main coach and held minutes in [from_utc, to_utc),
  // by name; and the minutes per coach who logged them in those families.
  struct FamilyMinutes {
    std::string family_id, family_name;
    std::optional<std::string> coach_id, coach_name;
    int64_t direct_minutes = 0, indirect_minutes = 0;
  };
  static Result<std::vector<FamilyMinutes>> ProgrammeFamilyMinutes(db::Connection& c, const std::string& organisation_id,
                                                                   const std::string& programme_id,
                                                                   const std::string& from_utc,
                                                                   const std::string& to_utc);
  struct CoachMinutes {
    std::string coach_id, coach_name;
    int64_t direct_minutes = 0, indirect_minutes = 0;
  };
  static Result<std::vector<CoachMinutes>> ProgrammeCoachMinutes(db::Connection& c, const std::string& organisation_id,
                                                                 const std::string& programme_id,
                                                                 const std::string& from_utc, const std::string& to_utc);

  // Set-based reads over the organisation's active families (only `family_ids` when given).
  struct PlannedRow {
    std::string family_id, family_name, contact_id, started_at, kind;
  };
  static Result<std::vector<PlannedRow>> PlannedIn(db::Connection& c, const std::string& organisation_id,
                                                   const std::optional<std::vector<std::string>>& family_ids,
                                                   const std::string& from_utc, const std::string& to_utc, int limit);
  // Held minutes (direct + indirect) per family in [from_utc, to_utc) with the family's weekly
  // target (its programme's, else `default_target`), for the families whose minutes are below
  // that target, fewest minutes first, at most `limit`.
  struct MinutesRow {
    std::string family_id, family_name;
    int64_t minutes = 0, target_minutes = 0;
  };
  static Result<std::vector<MinutesRow>> BelowWeeklyTargetIn(db::Connection& c, const std::string& organisation_id,
                                                             const std::optional<std::vector<std::string>>& family_ids,
                                                             const std::string& from_utc, const std::string& to_utc,
                                                             int64_t default_target, int limit);
};

}  // namespace kansrijk::contacts
