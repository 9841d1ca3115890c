// Demo and benchmark data: a demo organisation with four users and fictional families.
#pragma once

#include <string>

#include "platform/db.h"
#include "security/audit.h"

namespace kansrijk::app {

// Creates organisation "Demo Gezinscoaching", users admin, teamlead, coach1, coach2 with random
// passwords (printed to stdout), and `families` fictional multi-generation families (the
// hand-written set when families <= 20, synthetic ones beyond). Progress goes to stderr.
// kConflict when the demo organisation already exists.
Status CreateDemo(db::Database& db, const security::AuditLog& audit, int families);

}  // namespace kansrijk::app
