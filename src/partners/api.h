// HTTP routes of partner organisations: /api/v1/partner-organisations.
#pragma once

#include "security/pipeline.h"

namespace kansrijk::partners {
void RegisterPartnerRoutes(security::Routes& routes);
}  // namespace kansrijk::partners
