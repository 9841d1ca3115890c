// HTTP routes for families, household members and a family's access log. Handlers only
// translate HTTP to the use cases of service.h and back; the pipeline does the rest.
#pragma once

#include "security/pipeline.h"

namespace kansrijk::families {

// /api/v1/families, /api/v1/families/{id}, /members, /members/{mid}, /access-log.
void RegisterFamilyRoutes(security::Routes& routes);

}  // namespace kansrijk::families
