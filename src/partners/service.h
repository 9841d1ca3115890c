// The use cases of partner organisations, on the caller's transaction (API, CLI, demo).
#pragma once

#include <string>

#include "partners/model.h"
#include "partners/repo.h"
#include "platform/db.h"

namespace kansrijk::partners {

// kInvalidArgument with field errors (ValidatePartner).
Result<PartnerOrganisation> CreatePartner(db::Connection& tx, const std::string& organisation_id, const PartnerFields& f);
// Also kNotFound (another organisation's partner too) and kFailedPrecondition (version_stale).
Result<PartnerOrganisation> UpdatePartner(db::Connection& tx, const std::string& organisation_id, const std::string& id,
                                          int64_t expected_version, const PartnerFields& f);

}  // namespace kansrijk::partners
