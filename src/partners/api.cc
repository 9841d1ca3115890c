#include "partners/api.h"

#include "partners/service.h"
#include "platform/api_helpers.h"

namespace kansrijk::partners {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

Json PartnerJson(const PartnerOrganisation& p) {
  return {{"id", p.id},         {"name", p.name},         {"kind", p.kind},
          {"contact", p.contact}, {"active", p.active},   {"version", p.version},
          {"created_at", p.created_at}, {"updated_at", p.updated_at}};
}

Result<PartnerFields> ReadFields(const http::Request& req, bool is_new) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(req.body));
  FieldReader f(body, {"name", "kind", "contact", "active"});
  PartnerFields p;
  p.name = f.String("name", is_new, kMaxNameChars);
  p.kind = f.String("kind", is_new, 40);
  p.contact = f.String("contact", false, kMaxContactChars);
  p.active = f.Bool("active");
  for (auto& [field, errors] : ValidatePartner(p, is_new))
    if (!f.errors().contains(field))
      for (auto& e : errors) f.Error(field, e.code, e.params);
  RETURN_IF_ERROR(f.Finish());
  return p;
}

Result<Reply> List(Call& call) {
  std::vector<PartnerOrganisation> list;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(list, PartnerRepo::List(c, call.actor().organisation_id));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& p : list) items.push_back(PartnerJson(p));
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
}

Result<Reply> Create(Call& call) {
  ASSIGN_OR_RETURN(PartnerFields fields, ReadFields(call.req, true));
  PartnerOrganisation created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, CreatePartner(tx, call.actor().organisation_id, fields));
    call.resource = "partner_organisation/" + created.id;
    return Status::Ok();
  }));
  return Reply::Json(201, PartnerJson(created))
      .WithVersion(created.version)
      .WithLocation("/api/v1/partner-organisations/" + created.id);
}

Result<Reply> Patch(Call& call) {
  ASSIGN_OR_RETURN(PartnerFields fields, ReadFields(call.req, false));
  const std::string id = call.req.Param("id");
  call.resource = "partner_organisation/" + id;
  PartnerOrganisation updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, UpdatePartner(tx, call.actor().organisation_id, id, call.if_match(), fields));
    return Status::Ok();
  }));
  return Reply::Json(200, PartnerJson(updated)).WithVersion(updated.version);
}

}  // namespace

void RegisterPartnerRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/partner-organisations", Action::kPartnerOrgList, List});
  routes.Add({"POST", "/api/v1/partner-organisations", Action::kPartnerOrgCreate, Create});
  routes.Add({"PATCH", "/api/v1/partner-organisations/{id}", Action::kPartnerOrgUpdate, Patch, /*needs_version=*/true});
}

}  // namespace kansrijk::partners
