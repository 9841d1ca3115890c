// Storage of partner organisations, always scoped by the caller's organisation.
#pragma once

#include <string>
#include <vector>

#include "partners/model.h"
#include "platform/db.h"

namespace kansrijk::partners {

class PartnerRepo {
 public:
  // The organisation's partners by name.
  static Result<std::vector<PartnerOrganisation>> List(db::Connection& c, const std::string& organisation_id);
  // kNotFound (partner_organisation_not_found) when absent or of another organisation.
  static Result<PartnerOrganisation> Get(db::Connection& c, const std::string& organisation_id, const std::string& id);
  static Result<PartnerOrganisation> Insert(db::Connection& tx, const PartnerOrganisation& p);
  // kFailedPrecondition (version_stale) when the row changed meanwhile.
  static Result<PartnerOrganisation> Update(db::Connection& tx, const PartnerOrganisation& p, int64_t expected_version);
};

}  // namespace kansrijk::partners
