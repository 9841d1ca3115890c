// HTTP routes of the contact log; registered by the app.
#pragma once

#include "security/pipeline.h"

namespace kansrijk::contacts {

void RegisterContactRoutes(security::Routes& routes);

}  // namespace kansrijk::contacts
