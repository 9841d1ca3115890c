// HTTP routes of measurements, on the access pipeline (security/pipeline.h).
#pragma once

#include "security/pipeline.h"

namespace kansrijk::measurements {

// /api/v1/instruments, /api/v1/families/{id}/measurements(/summary),
// /api/v1/families/{id}/members/{mid}/poverty-generation, /api/v1/measurements/due,
// /api/v1/programmes/{id}/outcomes, /api/v1/programmes/{id}/measurements/export.
void RegisterMeasurementRoutes(security::Routes& routes);

}  // namespace kansrijk::measurements
