// The JSON shape of the kansplan (docs/openapi.yaml: Plan).
#pragma once

#include "plans/service.h"
#include "platform/http.h"

namespace kansrijk::plans {

http::Json PlanJson(const PlanDoc& plan);

}  // namespace kansrijk::plans
