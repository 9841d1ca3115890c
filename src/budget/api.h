// HTTP routes of the family budget; registered by the app.
#pragma once

#include <string_view>

#include "security/pipeline.h"

namespace kansrijk::budget {

// The receipt upload path: the server gives it its own body limit (kMaxReceiptBytes).
bool IsReceiptUploadPath(std::string_view path);
void RegisterBudgetRoutes(security::Routes& routes);

}  // namespace kansrijk::budget
