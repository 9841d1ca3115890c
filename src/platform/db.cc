#include "platform/db.h"

#include <algorithm>
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

Status InsertRows(Connection& tx, std::string_view table, const std::vector<std::string>& columns,
                  const std::vector<std::vector<Param>>& rows) {
  if (rows.empty() || columns.empty()) return Status::Ok();
  std::string head = "INSERT INTO " + std::string(table) + " (";
  std::string one = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    head += (i ? ", " : "") + columns[i];
    one += i ? ", ?" : "?";
  }
  head += ") VALUES ";
  one += ")";
  // Chunks of a few fixed sizes only: both drivers keep each statement text prepared, so the
  // number of distinct texts stays small however many rows come.
  const size_t most = std::max<size_t>(1, 30000 / columns.size());
  for (size_t start = 0; start < rows.size();) {
    const size_t left = rows.size() - start;
    size_t per = 1;
    for (size_t size : {most, size_t{256}, size_t{64}, size_t{16}, size_t{4}})
      if (size <= most && left >= size) {
        per = size;
        break;
      }
    const size_t end = start + per;
    std::string sql = head;
    std::vector<Param> params;
    params.reserve((end - start) * columns.size());
    for (size_t r = start; r < end; ++r) {
      if (rows[r].size() != columns.size()) return Status::Internal("InsertRows: a row of the wrong width");
      sql += r == start ? one : ", " + one;
      params.insert(params.end(), rows[r].begin(), rows[r].end());
    }
    RETURN_IF_ERROR(tx.Exec(sql, params).status());
    start = end;
  }
  return Status::Ok();
}

std::string InList(const std::vector<std::string>& values, std::vector<Param>& params) {
  if (values.empty()) return "NULL";
  std::string out;
  for (const auto& v : values) {
    out += out.empty() ? "?" : ", ?";
    params.emplace_back(v);
  }
  return out;
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
