// SQLite driver: WAL, busy timeout, statements prepared once per connection.
// One writer at a time inside the process (write_mu_), so writers queue instead of spinning in
// SQLite's busy handler; other processes are covered by busy_timeout.
// WAL checkpoints (which fsync the database file) run in a background thread, not inside the
// request that happens to commit the 1000th page: that moved 0.5-1 s stalls off the request path.
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "platform/db.h"
#include "platform/db_pool.h"

namespace kansrijk::db {

namespace {

// A mutex that hands itself to waiters in arrival order, waking exactly the next one.
// std::mutex lets a thread that just unlocked take the lock again while others wait, which
// under 256 concurrent writers left some requests waiting for over half a second.
class FifoMutex {
 public:
  void lock() {
    std::unique_lock guard(mu_);
    if (!held_) {
      held_ = true;
      return;
    }
    Waiter me;
    queue_.push_back(&me);
    me.cv.wait(guard, [&] { return me.granted; });
  }
  void unlock() {
    std::lock_guard guard(mu_);
    if (queue_.empty()) {
      held_ = false;
      return;
    }
    Waiter* next = queue_.front();
    queue_.pop_front();
    next->granted = true;  // ownership passes directly; held_ stays true
    next->cv.notify_one();
  }

 private:
  struct Waiter {
    std::condition_variable cv;
    bool granted = false;
  };
  std::mutex mu_;  // guards held_ and queue_
  bool held_ = false;
  std::deque<Waiter*> queue_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> Query(std::string_view sql, const std::vector<Param>& params) override {
    Rows rows;
    auto st = Run(sql, params, &rows);
    if (!st.ok()) return st;
    return rows;
  }

  Result<int64_t> Exec(std::string_view sql, const std::vector<Param>& params) override {
    auto st = Run(sql, params, nullptr);
    if (!st.ok()) return st;
    return static_cast<int64_t>(sqlite3_changes(db_));
  }

  Status ExecScript(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      return Status::Internal("sqlite: " + msg);
    }
    return Status::Ok();
  }

 private:
  Status Error(int rc) {
    std::string msg = std::string("sqlite: ") + sqlite3_errmsg(db_);
    int ext = sqlite3_extended_errcode(db_);
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) return {Code::kConflict, msg};
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return {Code::kUnavailable, msg};
    return Status::Internal(msg);
  }

  Status Run(std::string_view sql, const std::vector<Param>& params, Rows* rows) {
    sqlite3_stmt* stmt = nullptr;
    if (auto it = cache_.find(sql); it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) return Error(rc);
      cache_.emplace(std::string(sql), stmt);
    }
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = int(i + 1), rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(params[i])) rc = sqlite3_bind_null(stmt, idx);
      else if (auto* n = std::get_if<int64_t>(&params[i])) rc = sqlite3_bind_int64(stmt, idx, *n);
      else {
        const auto& s = std::get<std::string>(params[i]);
        rc = sqlite3_bind_text(stmt, idx, s.data(), int(s.size()), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) { sqlite3_reset(stmt); return Error(rc); }
    }
    int rc;
    int cols = sqlite3_column_count(stmt);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      if (!rows) continue;
      std::vector<std::optional<std::string>> cells(cols);
      for (int c = 0; c < cols; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) continue;
        auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        cells[c] = std::string(text, sqlite3_column_bytes(stmt, c));
      }
      rows->emplace_back(std::move(cells));
    }
    Status st = rc == SQLITE_DONE ? Status::Ok() : Error(rc);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return st;
  }

  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;  // keyed by SQL text
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const Options& options)
      : path_(std::move(path)),
        synchronous_full_(options.sqlite_synchronous_full),
        pool_(std::max(2, options.pool_size), [this](Status& st) { return OpenConnection(st); }) {}

  ~SqliteDatabase() override {
    {
      std::lock_guard lock(checkpoint_mu_);
      stopping_ = true;
    }
    checkpoint_cv_.notify_all();
    if (checkpointer_.joinable()) checkpointer_.join();
  }

  // Starts the background checkpointer on a connection of its own.
  void StartCheckpointer() {
    Status st;
    auto conn = OpenConnection(st);
    if (!conn) return;  // the pool's connections would fail the same way and report it
    checkpointer_ = std::thread([this, conn = std::move(conn)]() mutable {
      std::unique_lock lock(checkpoint_mu_);
      while (!checkpoint_cv_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stopping_; })) {
        lock.unlock();
        // PASSIVE never blocks readers or writers; it copies what it can and tries again later.
        (void)conn->Query("PRAGMA wal_checkpoint(PASSIVE)", {});
        lock.lock();
      }
      lock.unlock();
      (void)conn->Query("PRAGMA wal_checkpoint(PASSIVE)", {});
    });
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Write(const TxFn& fn) override {
    std::lock_guard lock(write_mu_);
    return WithConnection([&](Connection& c) { return RunTransaction(c, "BEGIN IMMEDIATE", fn); });
  }

  Status Read(const TxFn& fn) override {
    return WithConnection([&](Connection& c) { return RunTransaction(c, "BEGIN", fn); });
  }

  PoolStats pool_stats() const override { return pool_.Stats(); }

  Status Backup(const std::string& file) override {
    return WithConnection([&](Connection& c) { return c.Exec("VACUUM INTO ?", {file}).status(); });
  }

  std::string Describe() const override { return "sqlite:" + path_; }

  std::unique_ptr<SqliteConnection> OpenConnection(Status& status) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path_.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      status = Status::Unavailable("cannot open SQLite database " + path_ + ": " +
                                   (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
      sqlite3_close_v2(db);
      return nullptr;
    }
    sqlite3_busy_timeout(db, 5000);
    auto conn = std::make_unique<SqliteConnection>(db);
    std::string pragmas = std::string("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=0; "
                                      // Every audited request writes, which empties the page cache of
                                      // every other connection; mapped pages need no copy to re-read.
                                      "PRAGMA mmap_size=268435456; "
                                      "PRAGMA synchronous=") +
                          (synchronous_full_ ? "FULL" : "NORMAL") + ";";
    status = conn->ExecScript(pragmas);
    if (!status.ok()) return nullptr;
    return conn;
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
      pool_.Release(std::move(conn));
      throw;
    }
    pool_.Release(std::move(conn));
    return st;
  }

  std::string path_;
  bool synchronous_full_;
  FifoMutex write_mu_;
  Pool<SqliteConnection> pool_;
  std::mutex checkpoint_mu_;  // guards stopping_
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;
  std::thread checkpointer_;
};

}  // namespace

std::unique_ptr<Database> OpenSqlite(const std::string& path, const Options& options, Status& status) {
  auto db = std::make_unique<SqliteDatabase>(path, options);
  // Open one connection now so a bad path fails at start-up, not on the first request.
  status = db->Read([](Connection& c) { return c.Query("SELECT 1").status(); });
  if (!status.ok()) return nullptr;
  db->StartCheckpointer();
  return db;
}

}  // namespace kansrijk::db
