// HTTP routes for programmes: every role of the organisation reads them, admins manage them.
#pragma once

#include "platform/http.h"
#include "programmes/model.h"
#include "security/legacy_routes.h"

namespace kansrijk::programmes {

// GET/POST /api/v1/programmes, PATCH /api/v1/programmes/{id}.
void RegisterProgrammeRoutes(http::Router& router, security::ApiContext& ctx);

// The JSON shape of a programme (also used where a family shows its programme).
http::Json ProgrammeJson(const Programme& p);

}  // namespace kansrijk::programmes
