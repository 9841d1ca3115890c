// HTTP route of "Vandaag"; registered by the app.
#pragma once

#include "security/pipeline.h"

namespace kansrijk::today {

void RegisterTodayRoutes(security::Routes& routes);

}  // namespace kansrijk::today
