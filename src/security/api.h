// HTTP routes for sign-in, the own account and user administration.
#pragma once

#include "platform/http.h"
#include "security/accounts.h"
#include "security/legacy_routes.h"

namespace kansrijk::security {

// POST /api/v1/auth/login, /auth/logout; GET /api/v1/me; /me/password; /me/totp/*.
void RegisterAuthRoutes(http::Router& router, ApiContext& ctx);
// GET/POST /api/v1/users, PATCH /api/v1/users/{id}.
void RegisterUserRoutes(http::Router& router, ApiContext& ctx);

// The public fields of a user (never the hash or the TOTP secret).
http::Json UserJson(const User& u);

}  // namespace kansrijk::security
