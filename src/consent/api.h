// HTTP routes for a family's consents, on the access pipeline (security/pipeline.h).
#pragma once

#include "security/pipeline.h"

namespace kansrijk::consent {

// GET/POST /api/v1/families/{id}/consents, POST /api/v1/families/{id}/consents/{cid}/withdraw.
void RegisterConsentRoutes(security::Routes& routes);

}  // namespace kansrijk::consent
