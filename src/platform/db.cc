#include "platform/db.h"

#include <charconv>

#include "platform/db_pool.h"

namespace kansrijk::db {

const std::string& Row::Text(size_t i) const {
  static const std::string kEmpty;
  const auto& c = cells_.at(i);
  return c ? *c : kEmpty;
}

int64_t Row::Int(size_t i) const {
  const auto& c = cells_.at(i);
  if (!c) return 0;
  int64_t v = 0;
  std::from_chars(c->data(), c->data() + c->size(), v);
  return v;
}

std::string LikeEscape(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

Status RunTransaction(Connection& conn, std::string_view begin, const TxFn& fn) {
  auto began = conn.Exec(begin);
  if (!began.ok()) return began.status();
  Status result;
  try {
    result = fn(conn);
  } catch (...) {
    (void)conn.Exec("ROLLBACK");
    throw;
  }
  if (!result.ok()) {
    (void)conn.Exec("ROLLBACK");
    return result;
  }
  auto committed = conn.Exec("COMMIT");
  if (!committed.ok()) {
    (void)conn.Exec("ROLLBACK");
    return committed.status();
  }
  return Status::Ok();
}

std::unique_ptr<Database> OpenSqlite(const std::string& path, const Options& options, Status& status);
std::unique_ptr<Database> OpenPostgres(const std::string& conninfo, const Options& options, Status& status);

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, const Options& options) {
  Status status;
  std::unique_ptr<Database> db;
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(7);
    if (path.starts_with("//")) path = path.substr(2);
    if (path.empty()) return Status(Code::kInvalidArgument, "db_url_sqlite_path");
    db = OpenSqlite(path, options, status);
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    db = OpenPostgres(url, options, status);
  } else if (url.starts_with("postgresql:")) {
    db = OpenPostgres(url.substr(11), options, status);
  } else {
    return Status(Code::kInvalidArgument,
                  "unknown database URL; use sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME");
  }
  if (!status.ok()) return status;
  return db;
}

}  // namespace kansrijk::db
