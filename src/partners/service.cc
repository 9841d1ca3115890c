#include "partners/service.h"

namespace kansrijk::partners {

Result<PartnerOrganisation> CreatePartner(db::Connection& tx, const std::string& organisation_id,
                                          const PartnerFields& f) {
  if (auto errors = ValidatePartner(f, true); !errors.empty()) return Status::Invalid(errors);
  PartnerOrganisation p;
  p.organisation_id = organisation_id;
  return PartnerRepo::Insert(tx, ApplyPartnerChange(p, f));
}

Result<PartnerOrganisation> UpdatePartner(db::Connection& tx, const std::string& organisation_id,
                                          const std::string& id, int64_t expected_version, const PartnerFields& f) {
  if (auto errors = ValidatePartner(f, false); !errors.empty()) return Status::Invalid(errors);
  ASSIGN_OR_RETURN(PartnerOrganisation current, PartnerRepo::Get(tx, organisation_id, id));
  return PartnerRepo::Update(tx, ApplyPartnerChange(current, f), expected_version);
}

}  // namespace kansrijk::partners
