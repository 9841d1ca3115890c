#include "consent/api.h"

#include "consent/model.h"
#include "consent/repo.h"
#include "families/legacy.h"
#include "platform/api_helpers.h"
#include "security/policy.h"
#include "trajectory/repo.h"

namespace kansrijk::consent {

using http::FieldReader;
using http::Json;
using http::ProblemResponse;
using http::Request;
using http::Response;
using security::Action;
using security::ApiContext;
using security::AuditFor;
using security::Session;

namespace {

std::string Resource(const std::string& family_id) { return "family/" + family_id + "/consents"; }

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
          {"updated_at", c.updated_at}};
}

std::string Describe(const Consent& c) {
  return c.purpose + (c.partner_organisation ? " (" + *c.partner_organisation + ")" : "") + ", gegeven door " +
         c.given_by;
}

Response List(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id");
  std::vector<Consent> list;
  if (auto refused = families::AuditedFamilyRead(ctx, req, s, Action::kConsentRead, "consent.list", Resource(id),
                                                [&](db::Connection& c) -> Status {
                                                  ASSIGN_OR_RETURN(list, ConsentRepo::ForFamily(c, id));
                                                  return Status::Ok();
                                                }))
    return *refused;
  Json items = Json::array();
  for (const auto& c : list) items.push_back(ConsentJson(c));
  return http::JsonResponse(200, {{"items", items}, {"next_cursor", nullptr}});
}

Response Create(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), action = "consent.create";
  if (auto st = families::RoleAllows(s, Action::kConsentWrite); !st.ok())
    return families::Refuse(ctx, req, s, action, Resource(id), std::nullopt, st);
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"purpose", "partner_organisation", "given_by", "given_on", "method"});
  Consent c;
  c.family_id = id;
  c.purpose = f.String("purpose", true, 20).value_or("");
  c.partner_organisation = f.String("partner_organisation", false, kMaxNameChars);
  if (c.partner_organisation && c.partner_organisation->empty()) c.partner_organisation.reset();
  c.given_by = f.String("given_by", true, kMaxNameChars).value_or("");
  c.given_on = f.String("given_on", true, 40).value_or("");
  c.method = f.String("method", true, 20).value_or("");
  c.recorded_by_name = s.actor.display_name;
  // Report reader errors and rule errors together, but only one message per field.
  for (auto& [field, messages] : ValidateNewConsent(c, TodayInAmsterdam(Now())))
    if (!f.errors().contains(field))
      for (auto& m : messages) f.Error(field, m);
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  std::optional<Consent> created;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(families::AuthorizedFamily(tx, s, id, Action::kConsentWrite).status());
    ASSIGN_OR_RETURN(created, ConsentRepo::Insert(tx, c, s.actor.user_id));
    trajectory::Event e;
    e.family_id = id;
    e.kind = "consent";
    e.date = created->given_on;
    e.to = created->purpose;
    e.note = Describe(*created) + " (" + created->method + ")";
    e.user_id = s.actor.user_id;
    e.user_name = s.actor.display_name;
    RETURN_IF_ERROR(trajectory::EventRepo::Append(tx, e));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, Resource(id) + "/" + created->id, id, "success"));
  });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, Resource(id), st);
  auto res = http::JsonResponse(201, ConsentJson(*created));
  res.headers.emplace("ETag", http::ETagFor(created->version));
  return res;
}

Response Withdraw(ApiContext& ctx, Request& req, const Session& s) {
  const std::string id = req.Param("id"), cid = req.Param("cid"), action = "consent.withdraw";
  const std::string resource = Resource(id) + "/" + cid;
  if (auto st = families::RoleAllows(s, Action::kConsentWrite); !st.ok())
    return families::Refuse(ctx, req, s, action, resource, std::nullopt, st);
  auto body = http::ParseJsonObject(req.body);
  if (!body.ok()) return ProblemResponse(body.status());
  FieldReader f(*body, {"withdrawn_on", "note"});
  auto withdrawn_on = f.DateField("withdrawn_on", true);
  auto note = f.String("note", false, kMaxNoteChars);
  if (note && note->empty()) note.reset();
  if (auto st = f.Finish(); !st.ok()) return ProblemResponse(st);
  std::optional<Consent> updated;
  Status st = ctx.db.Write([&](db::Connection& tx) -> Status {
    RETURN_IF_ERROR(families::AuthorizedFamily(tx, s, id, Action::kConsentWrite).status());
    ASSIGN_OR_RETURN(Consent current, ConsentRepo::Get(tx, id, cid));
    RETURN_IF_ERROR(ValidateWithdrawal(current, withdrawn_on, TodayInAmsterdam(Now())));
    ASSIGN_OR_RETURN(updated, ConsentRepo::Withdraw(tx, current, FormatDate(*withdrawn_on), note));
    trajectory::Event e;
    e.family_id = id;
    e.kind = "consent_withdrawn";
    e.date = *updated->withdrawn_on;
    e.from = updated->purpose;
    e.note = Describe(*updated) + (note ? ": " + *note : "");
    e.user_id = s.actor.user_id;
    e.user_name = s.actor.display_name;
    RETURN_IF_ERROR(trajectory::EventRepo::Append(tx, e));
    return ctx.audit.Append(tx, AuditFor(req, s.actor, action, resource, id, "success"));
  });
  if (!st.ok()) return families::FailedWrite(ctx, req, s, action, resource, st);
  auto res = http::JsonResponse(200, ConsentJson(*updated));
  res.headers.emplace("ETag", http::ETagFor(updated->version));
  return res;
}

}  // namespace

void RegisterConsentRoutes(http::Router& router, ApiContext& ctx) {
  auto route = [&](const char* method, const char* pattern, security::FeatureHandler fn) {
    security::AddRoute(router, ctx, method, pattern, fn);
  };
  route("GET", "/api/v1/families/{id}/consents", List);
  route("POST", "/api/v1/families/{id}/consents", Create);
  route("POST", "/api/v1/families/{id}/consents/{cid}/withdraw", Withdraw);
}

}  // namespace kansrijk::consent
