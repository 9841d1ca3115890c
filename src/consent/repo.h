// Storage of consents, per family.
#pragma once

#include <string>
#include <vector>

#include "consent/model.h"
#include "platform/db.h"

namespace kansrijk::consent {

class ConsentRepo {
 public:
  // The family's consents, oldest first.
  static Result<std::vector<Consent>> ForFamily(db::Connection& c, const std::string& family_id);
  // kNotFound when absent or of another family.
  static Result<Consent> Get(db::Connection& c, const std::string& family_id, const std::string& id);
  // Inserts `c` (id, version and timestamps set here); recorded_by is the signed-in user.
  static Result<Consent> Insert(db::Connection& tx, const Consent& c, const std::string& recorded_by);
  // Marks the consent withdrawn. kFailedPrecondition when it changed meanwhile.
  static Result<Consent> Withdraw(db::Connection& tx, const Consent& c, const std::string& withdrawn_on,
                                  const std::optional<std::string>& note);
};

}  // namespace kansrijk::consent
