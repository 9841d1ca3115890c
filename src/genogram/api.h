// HTTP routes of the genogram: persons, relations and events of a family's genogram, the
// drawing (SVG), patterns, GEDCOM import (dry run first) and export, and the theme list.
// Every change is checked against the whole genogram and written in one transaction.
#pragma once

#include "platform/http.h"
#include "security/legacy_routes.h"

namespace kansrijk::genogram {

// /api/v1/families/{id}/genogram…, /api/v1/families/{id}/genogram.svg|.ged, /api/v1/genogram/themes.
void RegisterGenogramRoutes(http::Router& router, security::ApiContext& ctx);

// The path of the GEDCOM upload: the one route that takes bodies above the usual 1 MiB.
bool IsGedcomUploadPath(std::string_view path);

}  // namespace kansrijk::genogram
