// HTTP routes for families, household members and a family's access log.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "families/model.h"
#include "platform/http.h"
#include "security/guard.h"
#include "security/policy.h"

namespace kansrijk::families {

// /api/v1/families, /api/v1/families/{id}, /members, /members/{mid}, /access-log.
void RegisterFamilyRoutes(http::Router& router, security::ApiContext& ctx);

// Shared with the features that hang off a family (trajectory, consent, eligibility).

// The Family JSON shape, with the trajectory fields; waiting_days is computed for now.
// All three are built by one writer (WriteFamily in api.cc), so the shape has one source.
http::Json FamilyJson(const Family& f);
http::Json MemberJson(const Member& m);
http::Json FamilyWithMembers(const Family& f, const std::vector<Member>& members);
// Reads MemberInput fields from a JSON object; `prefix` names the fields in errors (members[0].given_name).
MemberFields ReadMemberFields(const http::Json& obj, FieldErrors& errors, const std::string& prefix);
// Loads a family and applies the policy for `action`. Unknown ids and ids outside the caller's
// reach look the same (kNotFound); a role that never may gets kPermissionDenied.
// When `same_org_family` is given it is set to `id` if the family exists in the caller's own
// organisation (allowed or not), so a refused attempt can be put on that family's access log;
// attempts on another organisation's families never are (that would show names across
// organisations).
Result<Family> AuthorizedFamily(db::Connection& c, const security::Session& s, const std::string& id,
                                security::Action action, std::optional<std::string>* same_org_family = nullptr);
// kPermissionDenied when the caller's role never has `action` (checked before any id is looked up).
Status RoleAllows(const security::Session& s, security::Action action);
// Reads something that hangs off one family: checks the role, loads the family and applies the
// policy for `action`, runs `read`, and appends the audit row of the read (or of the refusal).
// Returns the problem response when refused or failed; nullopt when the read is done and on record.
std::optional<http::Response> AuditedFamilyRead(security::ApiContext& ctx, const http::Request& req,
                                                const security::Session& s, security::Action action,
                                                const std::string& action_name, const std::string& resource,
                                                const std::function<Status(db::Connection&)>& read);
// The answer to a failed write of something that hangs off a family: a refusal (not found,
// not allowed) goes on the audit log via Refuse; any other problem is answered as it is.
http::Response FailedWrite(security::ApiContext& ctx, const http::Request& req, const security::Session& s,
                           const std::string& action, const std::string& resource, const Status& why);
// Appends an audit row for a refused or failed attempt and returns the problem response.
http::Response Refuse(security::ApiContext& ctx, const http::Request& req, const security::Session& s,
                      const std::string& action, const std::string& resource,
                      const std::optional<std::string>& family_id, const Status& why);

}  // namespace kansrijk::families
