// HTTP routes of the family budget; registered by the app.
#pragma once

#include <string_view>

#include "security/pipeline.h"

namespace kansrijk::budget {

// The receipt upload: the server lets its body past the usual 1 MiB (the handler keeps 5 MB).
bool IsReceiptUploadPath(std::string_view path);
void RegisterBudgetRoutes(security::Routes& routes);

}  // namespace kansrijk::budget
