// HTTP routes for the coaching trajectory: referral, waiting list, assignment and handover,
// phase changes, the family's timeline and the team lead's overview.
#pragma once

#include "platform/http.h"
#include "security/legacy_routes.h"

namespace kansrijk::trajectory {

// POST /api/v1/referrals, GET /api/v1/waiting-list, POST /api/v1/families/{id}/assign,
// POST /api/v1/families/{id}/phase, GET /api/v1/families/{id}/timeline, GET /api/v1/team/overview.
void RegisterTrajectoryRoutes(http::Router& router, security::ApiContext& ctx);

}  // namespace kansrijk::trajectory
