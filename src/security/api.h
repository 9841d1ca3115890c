// HTTP routes for sign-in, the own account and user administration.
#pragma once

#include "platform/http.h"
#include "security/accounts.h"
#include "security/pipeline.h"

namespace kansrijk::security {

// POST /api/v1/auth/login, /auth/logout; GET /api/v1/me; /me/password; /me/totp/*.
// POST /api/v1/auth/activate (public, like login).
void RegisterAuthRoutes(Routes& routes);
// GET/POST /api/v1/users, /users/role-changes, GET/PATCH /api/v1/users/{id}, /users/{id}/activation.
void RegisterUserRoutes(Routes& routes);

// The public fields of a user (never the hash or the TOTP secret).
http::Json UserJson(const User& u);

}  // namespace kansrijk::security
