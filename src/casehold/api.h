// HTTP route of the case hold: GET /api/v1/tasks/consent, the open consent tasks of the
// caller's families (coach) or organisation (team lead).
#pragma once

#include "security/pipeline.h"

namespace kansrijk::casehold {
void RegisterCaseHoldRoutes(security::Routes& routes);
}  // namespace kansrijk::casehold
