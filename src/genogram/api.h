// HTTP routes of the genogram: persons, relations and events of a family's genogram, the
// drawing (SVG), patterns, GEDCOM import (dry run first) and export, and the theme list. Thin
// handlers on the access pipeline (security/pipeline.h): they read the request (wire.h), call a
// use case (service.h) and write the answer; the pipeline decides access and audits.
#pragma once

#include <string_view>

#include "security/pipeline.h"

namespace kansrijk::genogram {

// /api/v1/families/{id}/genogram…, /api/v1/families/{id}/genogram.svg|.ged, /api/v1/genogram/themes.
void RegisterGenogramRoutes(security::Routes& routes);

// The path of the GEDCOM upload: the one route that takes bodies above the usual 1 MiB.
bool IsGedcomUploadPath(std::string_view path);

}  // namespace kansrijk::genogram
