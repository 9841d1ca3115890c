#include "security/legacy_routes.h"

#include "platform/random.h"
#include "security/guard.h"

namespace kansrijk::security {

http::Handler WithSession(ApiContext& ctx, AuthedHandler fn) {
  return [&ctx, fn = std::move(fn)](http::Request& req) -> http::Response {
    const Lang lang = RequestLang(req);
    auto session = ctx.sessions.Resolve(SessionTokenFromCookie(req.header("Cookie")));
    if (!session.ok()) {
      auto res = http::ProblemResponse(session.status(), lang);
      if (session.status().code() == Code::kUnauthenticated)
        res.headers.emplace("Set-Cookie", ClearedSessionCookie(ctx.secure_cookies));
      return res;
    }
    bool is_write = req.method != "GET" && req.method != "HEAD";
    if (is_write && !SecureEquals(req.header("X-CSRF-Token"), session->csrf_token))
      return http::ProblemResponse(Status(Code::kPermissionDenied, "csrf").WithSlug("csrf"), lang);
    return fn(req, session.value());
  };
}

void AddRoute(http::Router& router, ApiContext& ctx, const char* method, const char* pattern, FeatureHandler fn) {
  router.Add(method, pattern, WithSession(ctx, [&ctx, fn](http::Request& req, const Session& s) { return fn(ctx, req, s); }));
}

}  // namespace kansrijk::security
