// HTTP routes of the kansplan; registered by the app.
#pragma once

#include "security/pipeline.h"

namespace kansrijk::plans {

void RegisterPlanRoutes(security::Routes& routes);

}  // namespace kansrijk::plans
