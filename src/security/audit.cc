#include "security/audit.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::security {
namespace {

void Field(std::string& out, const std::optional<std::string>& v) {
  if (!v) { out += "~;"; return; }
  out += std::to_string(v->size());
  out += ':';
  out += *v;
  out += ';';
}

constexpr const char* kColumns =
    "seq, at, user_id, role, organisation_id, action, resource, family_id, outcome, client_addr, request_id, "
    "prev_hash, hash";

AuditRecord FromRow(const db::Row& r) {
  AuditRecord rec;
  rec.seq = r.Int(0);
  rec.entry = {r.Text(1), r.OptText(2), r.OptText(3), r.OptText(4), r.Text(5), r.Text(6),
               r.OptText(7), r.Text(8), r.OptText(9), r.OptText(10)};
  rec.prev_hash = r.Text(11);
  rec.hash = r.Text(12);
  return rec;
}

}  // namespace

std::string CanonicalEncoding(int64_t seq, const AuditEntry& e, const std::string& prev_hash) {
  std::string out = "kansrijk-audit-v1;";
  Field(out, std::to_string(seq));
  Field(out, e.at);
  Field(out, e.user_id);
  Field(out, e.role);
  Field(out, e.organisation_id);
  Field(out, e.action);
  Field(out, e.resource);
  Field(out, e.family_id);
  Field(out, e.outcome);
  Field(out, e.client_addr);
  Field(out, e.request_id);
  Field(out, prev_hash);
  return out;
}

std::string RowHash(int64_t seq, const AuditEntry& e, const std::string& prev_hash) {
  return Sha256Hex(CanonicalEncoding(seq, e, prev_hash));
}

std::string HeadMac(const std::string& key, int64_t seq, const std::string& hash) {
  return HmacSha256Hex(key, "kansrijk-audit-head-v1;" + std::to_string(seq) + ";" + hash);
}

void ChainVerifier::Add(int64_t seq, std::string why) {
  if (!breaks_.empty() && breaks_.back().seq == seq) return;  // one report per row: the first reason
  breaks_.push_back({seq, std::move(why)});
}

bool ChainVerifier::Feed(const AuditRecord& r) {
  ++rows_;
  bool good = true;
  bool after_gap = false;
  if (r.seq > expected_seq_) {
    Add(expected_seq_, r.seq == expected_seq_ + 1
                           ? "row " + std::to_string(expected_seq_) + " is missing"
                           : "rows " + std::to_string(expected_seq_) + " to " + std::to_string(r.seq - 1) +
                                 " are missing");
    after_gap = true;  // the missing row's hash is unknown: this row's link cannot be checked
    good = false;
  } else if (r.seq < expected_seq_) {
    Add(r.seq, "row " + std::to_string(r.seq) + " is out of order or repeated");
    good = false;
  }
  if (!after_gap && r.prev_hash != last_hash_) {
    Add(r.seq, "row " + std::to_string(r.seq) + " does not follow the row before it (prev_hash differs)");
    good = false;
  }
  if (RowHash(r.seq, r.entry, r.prev_hash) != r.hash) {
    Add(r.seq, "row " + std::to_string(r.seq) + " was changed after it was written (hash differs)");
    good = false;
  }
  // Go on from what is stored, so a later break is found as well.
  last_hash_ = r.hash;
  expected_seq_ = std::max(expected_seq_, r.seq + 1);
  return good;
}

bool ChainVerifier::Finish(int64_t head_seq, const std::string& head_hash, const std::string& head_mac) {
  int64_t last_seq = expected_seq_ - 1;
  if (head_hash.empty()) {
    if (last_seq == 0) return ok();
    Add(last_seq, "the chain head is missing");
    return false;
  }
  if (!SecureEquals(HeadMac(key_, head_seq, head_hash), head_mac)) {
    Add(head_seq, "the chain head is not authentic (wrong audit key, or the head was edited)");
    return false;
  }
  if (head_seq != last_seq || head_hash != last_hash_) {
    if (head_seq > last_seq)
      Add(last_seq + 1, "rows " + std::to_string(last_seq + 1) + " to " + std::to_string(head_seq) +
                            " were removed from the end of the log");
    else
      Add(head_seq + 1, "rows after the recorded head " + std::to_string(head_seq) + " do not belong to the chain");
    return false;
  }
  return ok();
}

Result<std::string> LoadAuditKey(const std::string& path, bool create) {
  std::ifstream in(path);
  if (in) {
    std::string key;
    std::getline(in, key);
    if (key.size() < 32) return Status(Code::kInvalidArgument, "audit_key_too_short", {{"path", path}});
    return key;
  }
  if (!create)
    return Status(Code::kNotFound, "audit_key_missing", {{"path", path}});
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string key = RandomHex(32);
  mode_t old = umask(077);
  std::ofstream out(path);
  umask(old);
  if (!out) return Status::Unavailable("cannot create audit key file " + path);
  out << key << "\n";
  return key;
}

Result<std::string> LoadOrCreateAuditKey(db::Database& db, const std::string& path, bool* created) {
  *created = false;
  if (std::filesystem::exists(path)) return LoadAuditKey(path, false);
  int64_t rows = 0;
  Status st = db.Read([&](db::Connection& c) -> Status {
    // A database that was never migrated has no audit table: it is new.
    auto found = c.Query("SELECT COUNT(*) FROM audit_head");
    if (found.ok()) rows = found->at(0).Int(0);
    else if (found.status().code() == Code::kUnavailable) return found.status();
    return Status::Ok();
  });
  RETURN_IF_ERROR(st);
  if (rows > 0)
    return Status(Code::kFailedPrecondition,
                  "audit key file " + path + " is missing, but this database already has an audit log. "
                  "Restore the key from your backup and point --audit-key-file (or KANSRIJK_AUDIT_KEY_FILE) at it; "
                  "a new key would start a chain that nobody can verify. See docs/operations.md.");
  auto key = LoadAuditKey(path, true);
  if (key.ok()) *created = true;
  return key;
}

Status AuditLog::Append(db::Connection& tx, AuditEntry entry) const {
  std::vector<AuditEntry*> one{&entry};
  return AppendAll(tx, one);
}

Status AuditLog::AppendAll(db::Connection& tx, std::vector<AuditEntry*>& entries) const {
  if (entries.empty()) return Status::Ok();
  // FOR UPDATE serialises appenders across app nodes on PostgreSQL; SQLite has one writer anyway.
  const char* head_sql = tx.dialect() == db::Dialect::kPostgres
                             ? "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"
                             : "SELECT seq, hash FROM audit_head WHERE id = 1";
  ASSIGN_OR_RETURN(auto head, tx.Query(head_sql));
  int64_t seq = head.empty() ? 0 : head[0].Int(0);
  std::string hash = head.empty() ? kGenesisHash : head[0].Text(1);
  const std::string now = FormatUtc(Now());
  for (AuditEntry* entry : entries) {
    if (entry->at.empty()) entry->at = now;
    std::string prev_hash = std::move(hash);
    ++seq;
    hash = RowHash(seq, *entry, prev_hash);
    RETURN_IF_ERROR(tx.Exec(std::string("INSERT INTO audit_log (") + kColumns +
                                ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            {seq, entry->at, db::Opt(entry->user_id), db::Opt(entry->role),
                             db::Opt(entry->organisation_id), entry->action, entry->resource, db::Opt(entry->family_id),
                             entry->outcome, db::Opt(entry->client_addr), db::Opt(entry->request_id), prev_hash, hash})
                        .status());
  }
  std::string mac = HeadMac(key_, seq, hash);
  if (head.empty())
    return tx.Exec("INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, ?, ?, ?)", {seq, hash, mac}).status();
  return tx.Exec("UPDATE audit_head SET seq = ?, hash = ?, mac = ? WHERE id = 1", {seq, hash, mac}).status();
}

Status AuditLog::AppendNow(db::Database& db, AuditEntry entry) const {
  Pending mine{&entry};
  std::unique_lock lock(mu_);
  queue_.push_back(&mine);
  while (!mine.done) {
    if (writing_) {
      cv_.wait(lock);
      continue;
    }
    // Become the writer for everything queued so far (our own entry included).
    writing_ = true;
    std::vector<Pending*> batch;
    batch.swap(queue_);
    lock.unlock();
    std::vector<AuditEntry*> entries;
    for (Pending* p : batch) entries.push_back(p->entry);
    Status st;
    try {
      st = db.Write([&](db::Connection& tx) { return AppendAll(tx, entries); });
    } catch (const std::exception& e) {
      st = Status::Internal(std::string("audit append: ") + e.what());
    }
    lock.lock();
    for (Pending* p : batch) {
      p->result = st;
      p->done = true;
    }
    writing_ = false;
    cv_.notify_all();
  }
  return mine.result;
}

Result<AuditLog::Verification> AuditLog::Verify(db::Database& db) const {
  ChainVerifier verifier(key_);
  int64_t after = 0;
  const int kBatch = 5000;
  for (;;) {
    std::vector<AuditRecord> batch;
    RETURN_IF_ERROR(db.Read([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kColumns +
                                              " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                                          {after, int64_t{kBatch}}));
      for (const auto& r : rows) batch.push_back(FromRow(r));
      return Status::Ok();
    }));
    for (const auto& rec : batch) verifier.Feed(rec);
    if (batch.size() < size_t(kBatch)) break;
    after = batch.back().seq;
  }
  int64_t head_seq = 0;
  std::string head_hash, head_mac;
  RETURN_IF_ERROR(db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto rows, c.Query("SELECT seq, hash, mac FROM audit_head WHERE id = 1"));
    if (!rows.empty()) {
      head_seq = rows[0].Int(0);
      head_hash = rows[0].Text(1);
      head_mac = rows[0].Text(2);
    }
    return Status::Ok();
  }));
  verifier.Finish(head_seq, head_hash, head_mac);
  return Verification{verifier.ok(), verifier.rows(), verifier.broken_at(), verifier.reason(), verifier.breaks()};
}

Result<std::vector<AuditLog::FamilyAccess>> AuditLog::ForFamily(db::Database& db, const std::string& family_id,
                                                               int limit, int64_t before_seq) const {
  std::vector<FamilyAccess> out;
  RETURN_IF_ERROR(db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto rows,
                     c.Query("SELECT a.seq, a.at, a.user_id, u.display_name, a.role, a.action, a.outcome, a.request_id "
                             "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
                             "WHERE a.family_id = ? AND (? = 0 OR a.seq < ?) ORDER BY a.seq DESC LIMIT ?",
                             {family_id, before_seq, before_seq, int64_t{limit}}));
    for (const auto& r : rows)
      out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)});
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> AuditLog::CountForFamily(db::Database& db, const std::string& family_id) const {
  int64_t total = 0;
  RETURN_IF_ERROR(db.Read([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM audit_log WHERE family_id = ?", {family_id}));
    if (!rows.empty()) total = rows[0].Int(0);
    return Status::Ok();
  }));
  return total;
}

}  // namespace kansrijk::security
