#include "security/guard.h"

#include "platform/random.h"

namespace kansrijk::security {

std::string SessionTokenFromCookie(const std::string& header) {
  const std::string name = std::string(kSessionCookie) + "=";
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) ++pos;
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    if (part.starts_with(name)) return std::string(part.substr(name.size()));
    pos = end + 1;
  }
  return "";
}

std::string SessionCookie(const std::string& token, bool secure) {
  // No Max-Age: the cookie ends with the browser session; the server enforces idle and absolute limits.
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string ClearedSessionCookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secure ? "; Secure" : "");
}

ClientInfo ClientOf(const http::Request& req) { return {req.client_addr, req.request_id}; }

AuditEntry AuditFor(const http::Request& req, const Actor& actor, std::string action, std::string resource,
                    std::optional<std::string> family_id, std::string outcome) {
  AuditEntry e;
  e.user_id = actor.user_id;
  e.role = RoleLabel(actor);
  e.organisation_id = actor.organisation_id;
  e.action = std::move(action);
  e.resource = std::move(resource);
  e.family_id = std::move(family_id);
  e.outcome = std::move(outcome);
  e.client_addr = req.client_addr;
  e.request_id = req.request_id;
  return e;
}

std::string OutcomeOf(const Status& s) {
  switch (s.code()) {
    case Code::kOk: return "success";
    case Code::kPermissionDenied: return "denied";
    case Code::kNotFound: return "not_found";
    case Code::kUnauthenticated: return "unauthenticated";
    case Code::kInvalidArgument:
    case Code::kMalformed:
    case Code::kPayloadTooLarge:
    case Code::kUnsupportedMediaType: return "invalid";
    case Code::kConflict:
    case Code::kFailedPrecondition:
    case Code::kPreconditionRequired: return "conflict";
    default: return "failure";
  }
}

}  // namespace kansrijk::security
