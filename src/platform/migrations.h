// Numbered schema migrations, compiled into the binary from migrations/NNNN_name.sql
// (with NNNN_name.postgresql.sql / .sqlite.sql overriding where the SQL differs).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "platform/db.h"

namespace kansrijk::db {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
};

// The migrations for `dialect`, in version order.
std::vector<Migration> KnownMigrations(Dialect dialect);
int LatestKnownVersion();

// The highest applied version (0 for an empty database).
Result<int> CurrentSchemaVersion(Database& db);

// Applies every pending migration, each in its own transaction, recording it in
// schema_migrations. Returns kFailedPrecondition when the database is newer than this binary.
Status Migrate(Database& db, const std::function<void(const Migration&)>& on_applied = nullptr);

// kFailedPrecondition with a clear message when the schema is newer than this binary knows,
// or when migrations are pending (the server migrates first, so this guards other commands).
Status CheckSchema(Database& db);

}  // namespace kansrijk::db
