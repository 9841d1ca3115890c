// Transitional: the access helpers the features not yet declared through the access pipeline
// (security/pipeline.h) still use. Removed when the last of them is ported.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "families/model.h"
#include "families/wire.h"
#include "security/legacy_routes.h"

namespace kansrijk::families {

Result<Family> AuthorizedFamily(db::Connection& c, const security::Session& s, const std::string& id,
                                security::Action action, std::optional<std::string>* same_org_family = nullptr);
Status RoleAllows(const security::Session& s, security::Action action);
std::optional<http::Response> AuditedFamilyRead(security::ApiContext& ctx, const http::Request& req,
                                                const security::Session& s, security::Action action,
                                                const std::string& action_name, const std::string& resource,
                                                const std::function<Status(db::Connection&)>& read);
http::Response FailedWrite(security::ApiContext& ctx, const http::Request& req, const security::Session& s,
                           const std::string& action, const std::string& resource, const Status& why);
http::Response Refuse(security::ApiContext& ctx, const http::Request& req, const security::Session& s,
                      const std::string& action, const std::string& resource,
                      const std::optional<std::string>& family_id, const Status& why);

}  // namespace kansrijk::families
