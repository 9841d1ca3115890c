// HTTP routes for programmes, on the access pipeline: every role of the organisation reads
// them, admins manage them (security/policy.cc).
#pragma once

#include "security/pipeline.h"

namespace kansrijk::programmes {

// GET/POST /api/v1/programmes, PATCH /api/v1/programmes/{id}.
void RegisterProgrammeRoutes(security::Routes& routes);

}  // namespace kansrijk::programmes
