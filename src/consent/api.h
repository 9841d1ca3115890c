// HTTP routes for a family's consents.
#pragma once

#include "platform/http.h"
#include "security/legacy_routes.h"

namespace kansrijk::consent {

// GET/POST /api/v1/families/{id}/consents, POST /api/v1/families/{id}/consents/{cid}/withdraw.
void RegisterConsentRoutes(http::Router& router, security::ApiContext& ctx);

}  // namespace kansrijk::consent
