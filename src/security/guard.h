// The HTTP edge of security: session cookie -> Session, CSRF check on writes, and audit
// entries that describe the request. Every feature's handlers go through WithSession.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "platform/db.h"
#include "platform/http.h"
#include "security/audit.h"
#include "security/sessions.h"

namespace kansrijk::security {

inline constexpr const char* kSessionCookie = "kansrijk_session";

// What feature handlers need; owned by the app, outlives the server.
struct ApiContext {
  db::Database& db;
  const AuditLog& audit;
  SessionService& sessions;
  bool secure_cookies = false;  // add `Secure` when served over TLS
};

using AuthedHandler = std::function<http::Response(http::Request&, const Session&)>;

// Wraps `fn`: 401 without a valid session; 403 (slug csrf) when a write lacks the right X-CSRF-Token.
http::Handler WithSession(ApiContext& ctx, AuthedHandler fn);

// The signature of a feature's handlers; AddRoute registers one behind WithSession.
using FeatureHandler = http::Response (*)(ApiContext&, http::Request&, const Session&);
void AddRoute(http::Router& router, ApiContext& ctx, const char* method, const char* pattern, FeatureHandler fn);

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
