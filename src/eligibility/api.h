// HTTP routes for norm tables and a family's eligibility checks, on the access pipeline.
#pragma once

#include "security/pipeline.h"

namespace kansrijk::eligibility {

// GET/POST /api/v1/norms, GET/POST /api/v1/families/{id}/eligibility,
// POST /api/v1/families/{id}/eligibility/{eid}/override.
void RegisterEligibilityRoutes(security::Routes& routes);

}  // namespace kansrijk::eligibility
