// Storage behind one interface: SQLite (embedded default) and PostgreSQL.
// SQL is written once with `?` placeholders; the PostgreSQL driver rewrites them to $n.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/status.h"

namespace kansrijk::db {

enum class Dialect { kSqlite, kPostgres };

// A bound parameter: NULL, an integer or text. Booleans are stored as 0/1 integers on both engines.
using Param = std::variant<std::nullptr_t, int64_t, std::string>;
inline Param Null() { return nullptr; }
inline Param Opt(const std::optional<std::string>& v) { return v ? Param(*v) : Param(nullptr); }

// One result row; every cell arrives as text (or NULL) from both engines.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  bool IsNull(size_t i) const { return !cells_.at(i).has_value(); }
  // Text of a non-NULL cell ("" for NULL).
  const std::string& Text(size_t i) const;
  std::optional<std::string> OptText(size_t i) const { return cells_.at(i); }
  int64_t Int(size_t i) const;  // 0 for NULL
  size_t size() const { return cells_.size(); }

 private:
  std::vector<std::optional<std::string>> cells_;
};
using Rows = std::vector<Row>;

// A connection lent by the pool for the duration of Read/Write. Not thread-safe; never keep it.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement (prepared once per connection and reused). Unique violations -> kConflict;
  // other failures -> kInternal (or kUnavailable when the database cannot be reached).
  virtual Result<Rows> Query(std::string_view sql, const std::vector<Param>& params = {}) = 0;
  // Like Query for statements without results; returns the number of rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, const std::vector<Param>& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
};

struct PoolStats {
  int64_t size = 0;        // connections the pool may hold
  int64_t in_use = 0;      // lent out right now
  int64_t waits_total = 0; // times a caller had to wait for a free connection
};

struct Options {
  int pool_size = 16;
  bool sqlite_synchronous_full = false;  // NORMAL by default: see docs/decisions.md
};

using TxFn = std::function<Status(Connection&)>;

class Database {
 public:
  virtual ~Database() = default;
  // Opens `sqlite:PATH` or `postgresql://...`, `postgres://...`, `postgresql:key=value ...`.
  // Returns kInvalidArgument for an unknown scheme, kUnavailable if the database cannot be opened.
  static Result<std::unique_ptr<Database>> Open(const std::string& url, const Options& options = {});

  virtual Dialect dialect() const = 0;
  // Runs `fn` in one write transaction: commit when it returns OK, roll back on an error
  // Status or an exception (rethrown). Writers are serialised where the engine needs it.
  virtual Status Write(const TxFn& fn) = 0;
  // Runs `fn` on a pooled connection for reads (a read-only snapshot on SQLite).
  virtual Status Read(const TxFn& fn) = 0;
  virtual PoolStats pool_stats() const = 0;
  // Writes a consistent copy to `file` (SQLite: VACUUM INTO; PostgreSQL: pg_dump custom format).
  virtual Status Backup(const std::string& file) = 0;
  // A description without secrets, for logs ("sqlite:var/kansrijk.db", "postgresql (host …)").
  virtual std::string Describe() const = 0;
};

// Escapes % _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string LikeEscape(std::string_view s);

// Inserts `rows` (each as many values as `columns`) into `table` with multi-row INSERTs of at
// most ~30,000 parameters each (both engines' limits are above that): bulk data such as the
// demo's synthetic families, in the caller's transaction.
Status InsertRows(Connection& tx, std::string_view table, const std::vector<std::string>& columns,
                  const std::vector<std::vector<Param>>& rows);

// The placeholders of an IN list ("?, ?, ?"), appending `values` to `params`. An empty list
// gives "NULL", which matches nothing, so `x IN (NULL)` is a valid empty set on both engines.
std::string InList(const std::vector<std::string>& values, std::vector<Param>& params);

}  // namespace kansrijk::db
