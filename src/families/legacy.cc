#include "families/legacy.h"

#include "families/repo.h"
#include "families/service.h"
#include "security/guard.h"

namespace kansrijk::families {

http::Response Refuse(security::ApiContext& ctx, const http::Request& req, const security::Session& s,
                      const std::string& action, const std::string& resource,
                      const std::optional<std::string>& family_id, const Status& why) {
  Status audited = ctx.audit.AppendNow(ctx.db, security::AuditFor(req, s.actor, action, resource, family_id,
                                                                  security::OutcomeOf(why)));
  return http::ProblemResponse(audited.ok() ? why : audited, security::RequestLang(req));
}

http::Response FailedWrite(security::ApiContext& ctx, const http::Request& req, const security::Session& s,
                           const std::string& action, const std::string& resource, const Status& why) {
  if (why.code() == Code::kNotFound || why.code() == Code::kPermissionDenied)
    return Refuse(ctx, req, s, action, resource, std::nullopt, why);
  return http::ProblemResponse(why, security::RequestLang(req));
}

std::optional<http::Response> AuditedFamilyRead(security::ApiContext& ctx, const http::Request& req,
                                                const security::Session& s, security::Action action,
                                                const std::string& action_name, const std::string& resource,
                                                const std::function<Status(db::Connection&)>& read) {
  const std::string id = req.Param("id");
  std::optional<std::string> same_org_family;
  Status st = RoleAllows(s, action);
  if (st.ok() && !security::IsWellFormedId(id)) st = Status::NotFound("family_not_found");
  if (st.ok())
    st = ctx.db.Read([&](db::Connection& c) -> Status {
      RETURN_IF_ERROR(AuthorizedFamily(c, s, id, action, &same_org_family).status());
      return read(c);
    });
  if (!st.ok()) return Refuse(ctx, req, s, action_name, resource, same_org_family, st);
  st = ctx.audit.AppendNow(ctx.db, security::AuditFor(req, s.actor, action_name, resource, id, "success"));
  if (!st.ok()) return http::ProblemResponse(st, security::RequestLang(req));
  return std::nullopt;
}

Result<Family> AuthorizedFamily(db::Connection& c, const security::Session& s, const std::string& id,
                                security::Action action, std::optional<std::string>* same_org_family) {
  if (!security::IsWellFormedId(id)) return Status::NotFound("family_not_found");
  ASSIGN_OR_RETURN(auto scope, LoadFamilyScope(c, id));
  if (same_org_family && scope.organisation_id == s.actor.organisation_id) *same_org_family = id;
  RETURN_IF_ERROR(security::ToStatus(security::Decide(s.actor, action, &scope)));
  return FamilyRepo::Get(c, id);
}

Status RoleAllows(const security::Session& s, security::Action action) {
  return security::MayEver(s.actor, action) ? Status::Ok() : Status::Forbidden();
}

}  // namespace kansrijk::families
