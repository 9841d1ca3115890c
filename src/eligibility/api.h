// HTTP routes for norm tables and a family's eligibility checks.
#pragma once

#include "platform/http.h"
#include "security/legacy_routes.h"

namespace kansrijk::eligibility {

// GET/POST /api/v1/norms, GET/POST /api/v1/families/{id}/eligibility,
// POST /api/v1/families/{id}/eligibility/{eid}/override.
void RegisterEligibilityRoutes(http::Router& router, security::ApiContext& ctx);

}  // namespace kansrijk::eligibility
