// PostgreSQL driver on libpq: a pool of connections, statements prepared once per connection,
// `?` placeholders rewritten to $1..$n. Chosen over libpqxx/SOCI: see docs/decisions.md.
#include <libpq-fe.h>
#include <unistd.h>
#include <sys/wait.h>

#include <map>

#include "platform/db.h"
#include "platform/db_pool.h"

namespace kansrijk::db {
namespace {

// Rewrites `?` to `$n`, leaving quoted literals and identifiers alone.
std::string WithDollarPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}
  ~PgConnection() override { PQfinish(conn_); }
  Dialect dialect() const override { return Dialect::kPostgres; }
  bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }

  Result<Rows> Query(std::string_view sql, const std::vector<Param>& params) override {
    Status refused;
    PGresult* res = Run(sql, params, &refused);
    if (!refused.ok()) return refused;
    Status st = Check(res);
    if (!st.ok()) return st;
    Rows rows;
    int nrows = PQntuples(res), ncols = PQnfields(res);
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<std::optional<std::string>> cells(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (!PQgetisnull(res, r, c)) cells[c] = std::string(PQgetvalue(res, r, c), PQgetlength(res, r, c));
      }
      rows.emplace_back(std::move(cells));
    }
    PQclear(res);
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const std::vector<Param>& params) override {
    Status refused;
    PGresult* res = Run(sql, params, &refused);
    if (!refused.ok()) return refused;
    Status st = Check(res);
    if (!st.ok()) return st;
    const char* n = PQcmdTuples(res);
    int64_t changed = (n && *n) ? std::stoll(n) : 0;
    PQclear(res);
    return changed;
  }

  Status ExecScript(std::string_view sql) override {
    std::string s(sql);
    return Check(PQexec(conn_, s.c_str()), true);
  }

 private:
  // Runs a prepared statement; nullptr with `*refused` set when a parameter cannot be sent.
  PGresult* Run(std::string_view sql, const std::vector<Param>& params, Status* refused) {
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
      std::string name = "k" + std::to_string(prepared_.size() + 1);
      PGresult* prep = PQprepare(conn_, name.c_str(), WithDollarPlaceholders(sql).c_str(), 0, nullptr);
      if (PQresultStatus(prep) != PGRES_COMMAND_OK) return prep;
      PQclear(prep);
      it = prepared_.emplace(std::string(sql), name).first;
    }
    // Every value travels with its length (text format): nothing is cut at a NUL byte. PostgreSQL
    // text cannot hold NUL at all, so such a value is refused here instead of being truncated into
    // a different value than the one the caller (for example the audit hash) saw.
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size(), 0);
    std::vector<int> formats(params.size(), 0);
    for (size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<std::nullptr_t>(params[i])) { values[i] = nullptr; continue; }
      if (auto* n = std::get_if<int64_t>(&params[i])) text[i] = std::to_string(*n);
      else text[i] = std::get<std::string>(params[i]);
      if (text[i].find('\0') != std::string::npos) {
        *refused = Status(Code::kMalformed, "nul_in_text")
                       .WithSlug("nul-in-text");
        return nullptr;
      }
      values[i] = text[i].data();
      lengths[i] = int(text[i].size());
    }
    return PQexecPrepared(conn_, it->second.c_str(), int(params.size()), values.data(), lengths.data(),
                          formats.data(), 0);
  }

  // Converts a failed result to a Status (and frees it); returns OK and keeps `res` otherwise.
  Status Check(PGresult* res, bool free_on_success = false) {
    auto rs = PQresultStatus(res);
    if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK) {
      if (free_on_success) PQclear(res);
      return Status::Ok();
    }
    std::string state = res ? (PQresultErrorField(res, PG_DIAG_SQLSTATE) ?: "") : "";
    std::string msg = "postgresql: " + std::string(PQerrorMessage(conn_));
    PQclear(res);
    if (state == "23505") return {Code::kConflict, msg};
    if (broken() || state.starts_with("08") || state == "57P01") {
      prepared_.clear();
      return {Code::kUnavailable, msg};
    }
    return Status::Internal(msg);
  }

  PGconn* conn_;
  std::map<std::string, std::string, std::less<>> prepared_;  // SQL text -> statement name
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string conninfo, const Options& options)
      : conninfo_(std::move(conninfo)),
        pool_(std::max(2, options.pool_size), [this](Status& st) { return OpenConnection(st); }) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  Status Write(const TxFn& fn) override {
    return WithConnection([&](Connection& c) { return RunTransaction(c, "BEGIN", fn); });
  }
  Status Read(const TxFn& fn) override { return WithConnection(fn); }
  PoolStats pool_stats() const override { return pool_.Stats(); }
  std::string Describe() const override { return "postgresql"; }

  Status Backup(const std::string& file) override {
    // pg_dump gives a consistent snapshot in its custom format; restore with pg_restore.
    pid_t pid = fork();
    if (pid < 0) return Status::Internal("backup: fork failed");
    if (pid == 0) {
      execlp("pg_dump", "pg_dump", "--format=custom", "--no-owner", "-f", file.c_str(), "-d", conninfo_.c_str(),
             static_cast<char*>(nullptr));
      _exit(127);
    }
    int wstatus = 0;
    waitpid(pid, &wstatus, 0);
    if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0)
      return Status::Internal("backup: pg_dump failed (is postgresql-client installed?)");
    return Status::Ok();
  }

  std::unique_ptr<PgConnection> OpenConnection(Status& status) {
    PGconn* conn = PQconnectdb(conninfo_.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      status = Status::Unavailable(std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn));
      PQfinish(conn);
      return nullptr;
    }
    auto c = std::make_unique<PgConnection>(conn);
    status = c->ExecScript("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
    if (!status.ok()) return nullptr;
    return c;
  }

 private:
  Status WithConnection(const TxFn& fn) {
    auto acquired = pool_.Acquire();
    if (!acquired.ok()) return acquired.status();
    auto conn = std::move(acquired).value();
    Status st;
    try {
      st = fn(*conn);
    } catch (...) {
      pool_.Release(conn->broken() ? nullptr : std::move(conn));
      throw;
    }
    pool_.Release(conn->broken() ? nullptr : std::move(conn));
    return st;
  }

  std::string conninfo_;
  Pool<PgConnection> pool_;
};

}  // namespace

std::unique_ptr<Database> OpenPostgres(const std::string& conninfo, const Options& options, Status& status) {
  auto db = std::make_unique<PgDatabase>(conninfo, options);
  status = db->Read([](Connection& c) { return c.Query("SELECT 1").status(); });
  if (!status.ok()) return nullptr;
  return db;
}

}  // namespace kansrijk::db
