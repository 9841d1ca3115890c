// Storage of programmes, always scoped to one organisation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/db.h"
#include "programmes/model.h"

namespace kansrijk::programmes {

class ProgrammeRepo {
 public:
  // All programmes of the organisation, by name.
  static Result<std::vector<Programme>> List(db::Connection& c, const std::string& organisation_id);
  // kNotFound when absent or of another organisation.
  static Result<Programme> Get(db::Connection& c, const std::string& organisation_id, const std::string& id);
  // The programme a family takes part in, if any (the family's programme_id, a column the
  // trajectory writes; read here so eligibility need not depend on the trajectory).
  static Result<std::optional<Programme>> OfFamily(db::Connection& c, const std::string& family_id);
  // kInvalidArgument (field "name") when the organisation already has a programme of that name.
  static Result<Programme> Insert(db::Connection& tx, const Programme& p);
  // Optimistic: kFailedPrecondition when `expected_version` is stale; name clash as for Insert.
  static Result<Programme> Update(db::Connection& tx, const Programme& updated, int64_t expected_version);
};

}  // namespace kansrijk::programmes
