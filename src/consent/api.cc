#include "consent/api.h"

#include "consent/model.h"
#include "consent/service.h"
#include "platform/api_helpers.h"

namespace kansrijk::consent {
namespace {

using http::FieldReader;
using http::Json;
using security::Action;
using security::Call;
using security::Reply;

Json OptJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

Json ConsentJson(const Consent& c) {
  return {{"id", c.id},
          {"purpose", c.purpose},
          {"partner_organisation", OptJson(c.partner_organisation)},
          {"given_by", c.given_by},
          {"given_on", c.given_on},
          {"method", c.method},
          {"withdrawn_on", OptJson(c.withdrawn_on)},
          {"withdrawal_note", OptJson(c.withdrawal_note)},
          {"recorded_by_name", c.recorded_by_name},
          {"version", c.version},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"given_by_member_id", OptJson(c.given_by_member_id)},
          {"subject_member_id", OptJson(c.subject_member_id)},
          {"partner_organisation_id", OptJson(c.partner_organisation_id)}};
}

Recorder RecorderOf(const Call& call) { return {call.actor().user_id, call.actor().display_name}; }

Result<Reply> List(Call& call) {
  std::vector<Consent> list;
  RETURN_IF_ERROR(call.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(list, ListConsents(c, call.family_id()));
    return Status::Ok();
  }));
  Json items = Json::array();
  for (const auto& c : list) items.push_back(ConsentJson(c));
  return Reply::Json(200, {{"items", items}, {"next_cursor", nullptr}});
}

Result<Reply> Create(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"purpose", "partner_organisation", "given_by", "given_on", "method", "given_by_member_id",
                       "subject_member_id", "partner_organisation_id"});
  Consent c;
  c.family_id = call.family_id();
  c.purpose = f.String("purpose", true, 20).value_or("");
  c.partner_organisation = f.String("partner_organisation", false, kMaxNameChars);
  if (c.partner_organisation && c.partner_organisation->empty()) c.partner_organisation.reset();
  // Missing or blank, the rule says who must be named (consent_given_by_required).
  c.given_by = f.String("given_by", false, kMaxNameChars).value_or("");
  c.given_on = f.String("given_on", true, 40).value_or("");
  c.method = f.String("method", true, 20).value_or("");
  c.given_by_member_id = f.String("given_by_member_id", false, 40);
  c.subject_member_id = f.String("subject_member_id", false, 40);
  c.partner_organisation_id = f.String("partner_organisation_id", false, 40);
  for (auto* id : {&c.given_by_member_id, &c.subject_member_id, &c.partner_organisation_id})
    if (*id && id->value().empty()) id->reset();
  if (c.given_by_member_id && c.given_by.empty()) c.given_by = "(id)";
  if (c.partner_organisation_id && !c.partner_organisation) c.partner_organisation = "(id)";
  const Date today = TodayInAmsterdam(Now());
  // Reader errors and rule errors together, one problem per field.
  for (auto& [field, errors] : ValidateNewConsent(c, today))
    if (!f.errors().contains(field))
      for (auto& e : errors) f.Error(field, e.code, e.params);
  RETURN_IF_ERROR(f.Finish());
  Consent created;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(created, RecordConsent(tx, c, RecorderOf(call), today));
    call.resource = "family/" + call.family_id() + "/consents/" + created.id;
    return Status::Ok();
  }));
  return Reply::Json(201, ConsentJson(created)).WithVersion(created.version);
}

Result<Reply> Withdraw(Call& call) {
  ASSIGN_OR_RETURN(Json body, http::ParseJsonObject(call.req.body));
  FieldReader f(body, {"withdrawn_on", "note"});
  auto withdrawn_on = f.DateField("withdrawn_on", true);
  auto note = f.String("note", false, kMaxNoteChars);
  RETURN_IF_ERROR(f.Finish());
  Consent updated;
  RETURN_IF_ERROR(call.Write([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(updated, WithdrawConsent(tx, call.family_id(), call.req.Param("cid"), withdrawn_on, note,
                                              RecorderOf(call), TodayInAmsterdam(Now())));
    return Status::Ok();
  }));
  return Reply::Json(200, ConsentJson(updated)).WithVersion(updated.version);
}

}  // namespace

void RegisterConsentRoutes(security::Routes& routes) {
  routes.Add({"GET", "/api/v1/families/{id}/consents", Action::kConsentList, List});
  routes.Add({"POST", "/api/v1/families/{id}/consents", Action::kConsentCreate, Create});
  routes.Add({"POST", "/api/v1/families/{id}/consents/{cid}/withdraw", Action::kConsentWithdraw, Withdraw});
}

}  // namespace kansrijk::consent
