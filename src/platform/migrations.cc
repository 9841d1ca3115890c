#include "platform/migrations.h"

#include <map>
#include <regex>

#include "platform/time.h"

namespace kansrijk::embedded {
const std::map<std::string, std::string_view>& Files();
}

namespace kansrijk::db {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";

}  // namespace

std::vector<Migration> KnownMigrations(Dialect dialect) {
  static const std::regex kName(R"(^migrations/(\d{4})_([a-z0-9_]+?)(\.(sqlite|postgresql))?\.sql$)");
  const std::string mine = dialect == Dialect::kSqlite ? "sqlite" : "postgresql";
  std::map<int, Migration> by_version;
  std::map<int, bool> overridden;
  for (const auto& [path, content] : embedded::Files()) {
    std::smatch m;
    if (!std::regex_match(path, m, kName)) continue;
    int version = std::stoi(m[1]);
    std::string variant = m[4];
    if (!variant.empty() && variant != mine) continue;
    if (variant.empty() && overridden[version]) continue;
    by_version[version] = Migration{version, m[2], std::string(content)};
    if (!variant.empty()) overridden[version] = true;
  }
  std::vector<Migration> out;
  for (auto& [v, mig] : by_version) out.push_back(std::move(mig));
  return out;
}

int LatestKnownVersion() {
  auto all = KnownMigrations(Dialect::kSqlite);
  return all.empty() ? 0 : all.back().version;
}

Result<int> CurrentSchemaVersion(Database& db) {
  int version = 0;
  Status st = db.Write([&](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Exec(kCreateTable).status());
    ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    version = int(rows.at(0).Int(0));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return version;
}

namespace {
Status NewerSchema(int current) {
  return Status(Code::kFailedPrecondition, "schema_newer",
                {{"version", std::to_string(current)}, {"known", std::to_string(LatestKnownVersion())}});
}
}  // namespace

Status Migrate(Database& db, const std::function<void(const Migration&)>& on_applied) {
  ASSIGN_OR_RETURN(int current, CurrentSchemaVersion(db));
  if (current > LatestKnownVersion()) return NewerSchema(current);
  for (const auto& m : KnownMigrations(db.dialect())) {
    if (m.version <= current) continue;
    bool applied = false;
    RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
      if (c.dialect() == Dialect::kPostgres) {
        // Several nodes may start at once: one migrates, the others wait and then skip.
        RETURN_IF_ERROR(c.Exec("SELECT pg_advisory_xact_lock(7513001)").status());
      }
      ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", {int64_t{m.version}}));
      if (rows.at(0).Int(0) > 0) return Status::Ok();
      RETURN_IF_ERROR(c.ExecScript(m.sql));
      RETURN_IF_ERROR(c.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                             {int64_t{m.version}, m.name, FormatUtc(Now())}).status());
      applied = true;
      return Status::Ok();
    }));
    if (applied && on_applied) on_applied(m);
  }
  return Status::Ok();
}

Status CheckSchema(Database& db) {
  ASSIGN_OR_RETURN(int current, CurrentSchemaVersion(db));
  if (current > LatestKnownVersion()) return NewerSchema(current);
  if (current < LatestKnownVersion())
    return Status(Code::kFailedPrecondition, "schema_older", {{"version", std::to_string(current)}});
  return Status::Ok();
}

}  // namespace kansrijk::db
