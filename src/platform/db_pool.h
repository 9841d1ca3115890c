// A fixed-size pool of connections shared by the SQLite and PostgreSQL drivers.
// Locking: `mu_` guards the free list and counters; a borrowed connection belongs to one thread.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "platform/db.h"

namespace kansrijk::db {

template <typename Conn>
class Pool {
 public:
  // `open` makes a new connection (nullptr with `status` set on failure).
  using Opener = std::function<std::unique_ptr<Conn>(Status&)>;
  Pool(int size, Opener open) : size_(size), open_(std::move(open)) {}

  // Lends a connection, opening one if the pool is below size; waits when all are lent.
  Result<std::unique_ptr<Conn>> Acquire() {
    std::unique_lock lock(mu_);
    if (free_.empty() && opened_ >= size_) {
      ++waits_;
      cv_.wait(lock, [&] { return !free_.empty(); });
    }
    ++in_use_;
    if (!free_.empty()) {
      auto c = std::move(free_.back());
      free_.pop_back();
      return c;
    }
    ++opened_;
    lock.unlock();
    Status status;
    auto c = open_(status);
    if (!c) {
      std::lock_guard relock(mu_);
      --opened_;
      --in_use_;
      return status.ok() ? Status::Unavailable("could not open a database connection") : status;
    }
    return c;
  }

  // Returns a connection; pass nullptr to drop a broken one.
  void Release(std::unique_ptr<Conn> c) {
    {
      std::lock_guard lock(mu_);
      --in_use_;
      if (c) free_.push_back(std::move(c)); else --opened_;
    }
    cv_.notify_one();
  }

  PoolStats Stats() const {
    std::lock_guard lock(mu_);
    return {size_, in_use_, waits_};
  }

 private:
  const int size_;
  Opener open_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> free_;
  int opened_ = 0;
  int64_t in_use_ = 0;
  int64_t waits_ = 0;
};

// Runs `fn` between `begin` and COMMIT on `conn`, rolling back on error or exception.
Status RunTransaction(Connection& conn, std::string_view begin, const TxFn& fn);

}  // namespace kansrijk::db
