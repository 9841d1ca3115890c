// HTTP routes for families, household members and a family's access log.
#pragma once

#include "platform/http.h"
#include "security/guard.h"

namespace kansrijk::families {

// /api/v1/families, /api/v1/families/{id}, /members, /members/{mid}, /access-log.
void RegisterFamilyRoutes(http::Router& router, security::ApiContext& ctx);

}  // namespace kansrijk::families
