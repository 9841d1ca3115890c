// HTTP routes for the coaching trajectory, and for the answers that show a family with its
// trajectory: the caseload and the family file (GET/POST /api/v1/families, GET/PATCH
// /api/v1/families/{id}), referral, waiting list, assignment and handover, phase changes, the
// family's timeline and the team lead's overview. Handlers only translate HTTP to the use cases
// of service.h and back; the access pipeline (security/pipeline.h) does the rest.
#pragma once

#include "security/pipeline.h"

namespace kansrijk::trajectory {

void RegisterTrajectoryRoutes(security::Routes& routes);

}  // namespace kansrijk::trajectory
