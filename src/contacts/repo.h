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
};

}  // namespace kansrijk::contacts
