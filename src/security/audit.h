// The audit log (NEN 7513 style): who did what to which family, when, from where, with what
// outcome. Append-only and hash-chained: each row's hash covers its fields and the previous
// row's hash. The chain's head (last seq and hash) is kept in audit_head with an HMAC under a
// key that lives outside the database, so cutting rows off the end is noticed too.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "platform/db.h"
#include "platform/status.h"

namespace kansrijk::security {

struct AuditEntry {
  std::string at;  // UTC, FormatUtc; filled by Append when empty
  std::optional<std::string> user_id;
  std::optional<std::string> role;
  std::optional<std::string> organisation_id;
  std::string action;    // e.g. "family.read", "auth.login"
  std::string resource;  // e.g. "family/0194f…", "user/coach1"
  std::optional<std::string> family_id;
  std::string outcome;   // "success", "denied", "not_found", "failure", "invalid"
  std::optional<std::string> client_addr;
  std::optional<std::string> request_id;
};

struct AuditRecord {
  int64_t seq = 0;
  AuditEntry entry;
  std::string prev_hash;
  std::string hash;
};

inline const std::string kGenesisHash(64, '0');

// The canonical byte encoding a row's hash covers: every field length-prefixed, NULL as "~".
std::string CanonicalEncoding(int64_t seq, const AuditEntry& e, const std::string& prev_hash);
std::string RowHash(int64_t seq, const AuditEntry& e, const std::string& prev_hash);
std::string HeadMac(const std::string& key, int64_t seq, const std::string& hash);

// Walks a chain row by row (pure; fed in seq order). It does not stop at a break: after a broken
// row it goes on from that row's stored hash, so every broken row is reported once, and the rows
// after a break are still checked against each other.
class ChainVerifier {
 public:
  struct Break {
    int64_t seq;
    std::string reason;
  };
  explicit ChainVerifier(std::string key) : key_(std::move(key)) {}
  // Returns false when this row is broken (or follows a gap).
  bool Feed(const AuditRecord& r);
  // Checks the head against the last row fed. `head_seq` 0 / empty hash means "no head row".
  bool Finish(int64_t head_seq, const std::string& head_hash, const std::string& head_mac);
  bool ok() const { return breaks_.empty(); }
  std::optional<int64_t> broken_at() const {
    return breaks_.empty() ? std::nullopt : std::optional(breaks_.front().seq);
  }
  // The first break's reason ("" when intact).
  const std::string& reason() const { return breaks_.empty() ? kNoReason : breaks_.front().reason; }
  const std::vector<Break>& breaks() const { return breaks_; }
  int64_t rows() const { return rows_; }

 private:
  inline static const std::string kNoReason;
  void Add(int64_t seq, std::string why);
  std::string key_;
  int64_t expected_seq_ = 1;
  std::string last_hash_ = kGenesisHash;
  int64_t rows_ = 0;
  std::vector<Break> breaks_;
};

// Reads the HMAC key from `path`, creating it (0600, 32 random bytes as hex) when `create` and missing.
Result<std::string> LoadAuditKey(const std::string& path, bool create);
// The audit key for `db`. When `path` is missing, a key is created only for a database that has
// no audit rows yet (`*created` is then set); for a database with audit rows it is
// kFailedPrecondition: a new key would start a chain nobody can verify against the old one.
Result<std::string> LoadOrCreateAuditKey(db::Database& db, const std::string& path, bool* created);

class AuditLog {
 public:
  explicit AuditLog(std::string key) : key_(std::move(key)) {}
  // Appends inside the caller's write transaction (writes: the row commits with the change).
  Status Append(db::Connection& tx, AuditEntry entry) const;
  // Appends several rows in order inside the caller's transaction (one head read and update).
  Status AppendAll(db::Connection& tx, std::vector<AuditEntry*>& entries) const;
  // Appends in a committed transaction of its own (reads, logins) and returns once it is durable
  // in the database: call before the response is sent. Concurrent callers are group-committed:
  // one of them writes everything queued so far in a single transaction, the others wait for it.
  Status AppendNow(db::Database& db, AuditEntry entry) const;

  struct Verification {
    bool intact = false;
    int64_t rows = 0;
    std::optional<int64_t> first_broken_seq;
    std::string reason;                        // of the first break
    std::vector<ChainVerifier::Break> breaks;  // every break, in seq order
  };
  // Walks the whole chain in batches and reports every break, not only the first.
  Result<Verification> Verify(db::Database& db) const;

  struct FamilyAccess {
    int64_t seq;
    std::string at, user_id, user_name, role, action, outcome, request_id;
  };
  // Accesses to one family, newest first, before `before_seq` (0 = from the newest).
  Result<std::vector<FamilyAccess>> ForFamily(db::Database& db, const std::string& family_id, int limit,
                                              int64_t before_seq) const;
  // How many rows ForFamily's pages hold in all.
  Result<int64_t> CountForFamily(db::Database& db, const std::string& family_id) const;

 private:
  std::string key_;

  // Group commit state. `mu_` guards `queue_` and `writing_`; a Pending lives on its caller's
  // stack until `done` is set under `mu_`.
  struct Pending {
    AuditEntry* entry;
    Status result;
    bool done = false;
  };
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  mutable std::vector<Pending*> queue_;
  mutable bool writing_ = false;
};

}  // namespace kansrijk::security
