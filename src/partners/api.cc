#include "partners/api.h"

#include "partners/service.h"
#include "platform/api_helpers.h"
#include "security/org_collection.h"

namespace kansrijk::partners {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;

Json PartnerJson(const PartnerOrganisation &p) {
  return {{"id", p.id},
          {"name", p.name},
          {"kind", p.kind},
          {"contact", p.contact},
          {"active", p.active},
          {"version", p.version},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

Result<PartnerFields> ReadFields(const http::Request &req, bool is_new) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req.body));
  FieldReader f(body, {"name", "kind", "contact", "active"});
  PartnerFields p;
  p.name = f.String("name", is_new, kMaxNameChars);
  p.kind = f.String("kind", is_new, 40);
  p.contact = f.String("contact", false, kMaxContactChars);
  p.active = f.Bool("active");
  for (auto &[field, errors] : ValidatePartner(p, is_new))
    if (!f.errors().contains(field))
      for (auto &e : errors)
        f.Error(field, e.code, e.params);
  RETURN_IF_ERROR(f.Finish());
  return p;
}

} // namespace

void RegisterPartnerRoutes(security::Routes &routes) {
  security::AddOrgCollectionRoutes(
      routes,
      security::OrgCollection<PartnerOrganisation, PartnerFields>{
          "/api/v1/partner-organisations", "partner_organisation",
          PartnerRepo::List, ReadFields, CreatePartner, UpdatePartner,
          PartnerJson},
      Action::kPartnerOrgList, Action::kPartnerOrgCreate,
      Action::kPartnerOrgUpdate);
}

} // namespace kansrijk::partners
