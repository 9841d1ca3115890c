// HTTP routes for household members and a family's access log. Handlers only translate HTTP
// to the use cases of service.h and back; the pipeline does the rest. The answers that show a
// family with its trajectory (the caseload, the family file, creating and changing a family)
// are the trajectory feature's routes (trajectory/api.h), which use families' service and wire.
#pragma once

#include "security/pipeline.h"

namespace kansrijk::families {

// /api/v1/families/{id}/members, /members/{mid}, /access-log.
void RegisterFamilyRoutes(security::Routes& routes);

}  // namespace kansrijk::families
