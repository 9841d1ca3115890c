// Small pieces of the HTTP edge of security: the session cookie and audit entries that describe
// a request. The access pipeline (security/pipeline.h) is built from them.
#pragma once

#include <optional>
#include <string>

#include "platform/db.h"
#include "platform/http.h"
#include "security/audit.h"
#include "security/sessions.h"

namespace kansrijk::security {

inline constexpr const char* kSessionCookie = "kansrijk_session";

// The value of our session cookie in a Cookie header ("" when absent).
std::string SessionTokenFromCookie(const std::string& cookie_header);
std::string SessionCookie(const std::string& token, bool secure);
std::string ClearedSessionCookie(bool secure);

// An audit entry for a request made by `actor`.
AuditEntry AuditFor(const http::Request& req, const Actor& actor, std::string action, std::string resource,
                    std::optional<std::string> family_id, std::string outcome);
ClientInfo ClientOf(const http::Request& req);
// "success", "denied", "not_found", "invalid", "conflict" or "failure" for a Status.
std::string OutcomeOf(const Status& s);

}  // namespace kansrijk::security
