// Transitional: the session wrapper of the routes not yet declared through the access pipeline
// (pipeline.h). Removed when the last feature is ported.
#pragma once

#include <functional>

#include "security/pipeline.h"

namespace kansrijk::security {

using AuthedHandler = std::function<http::Response(http::Request&, const Session&)>;
// 401 without a valid session; 403 (slug csrf) when a write lacks the right X-CSRF-Token.
http::Handler WithSession(ApiContext& ctx, AuthedHandler fn);
using FeatureHandler = http::Response (*)(ApiContext&, http::Request&, const Session&);
void AddRoute(http::Router& router, ApiContext& ctx, const char* method, const char* pattern, FeatureHandler fn);

}  // namespace kansrijk::security
