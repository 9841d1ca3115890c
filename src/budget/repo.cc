#include "budget/repo.h"

#include <map>

#include <nlohmann/json.hpp>

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::budget {
namespace {

constexpr const char* kPotColumns =
    "SELECT id, organisation_id, programme_id, year, amount_cents, approval_threshold_cents, categories, version "
    "FROM budget_pots ";

Pot PotFromRow(const db::Row& r) {
  Pot p{r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4), r.Int(5), {}, 0, r.Int(7)};
  auto cats = nlohmann::json::parse(r.Text(6), nullptr, false);
  if (cats.is_array())
    for (const auto& c : cats)
      if (c.is_string()) p.categories.push_back(c.get<std::string>());
  return p;
}

constexpr const char* kAllocationColumns =
    "SELECT id, family_id, organisation_id, programme_id, pot_id, amount_cents, period_start, period_end, created_at "
    "FROM budget_allocations ";

Allocation AllocationFromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6), r.Text(7), r.Text(8)};
}

constexpr const char* kRequestColumns =
    "SELECT r.id, r.family_id, r.allocation_id, r.amount_cents, r.category, r.goal_id, r.supplier, r.description, "
    "r.status, r.override_reason, r.committed_at, r.paid_on, r.payment_method, r.created_by_name, r.created_at, "
    "r.updated_at, rc.content_type, rc.size_bytes, rc.uploaded_at "
    "FROM budget_requests r LEFT JOIN budget_receipts rc ON rc.request_id = r.id ";

Request RequestFromRow(const db::Row& r) {
  Request q;
  q.id = r.Text(0);
  q.family_id = r.Text(1);
  q.allocation_id = r.Text(2);
  q.amount_cents = r.Int(3);
  q.category = r.Text(4);
  q.goal_id = r.OptText(5);
  q.supplier = r.Text(6);
  q.description = r.Text(7);
  q.status = ParseRequestStatus(r.Text(8)).value_or(RequestStatus::kRequested);
  q.override_reason = r.OptText(9);
  q.committed_at = r.OptText(10);
  q.paid_on = r.OptText(11);
  q.payment_method = r.OptText(12);
  q.created_by_name = r.Text(13);
  q.created_at = r.Text(14);
  q.updated_at = r.Text(15);
  if (!r.IsNull(16)) q.receipt = Receipt{r.Text(16), r.Int(17), r.Text(18)};
  return q;
}

constexpr const char* kApprovalColumns =
    "SELECT request_id, as_role, principal_kind, user_id, member_id, name, at, signature FROM budget_approvals ";

Approval ApprovalFromRow(const db::Row& row) {
  Approval a;
  a.role = ParseApproverRole(row.Text(1)).value_or(ApproverRole::kCoach);
  a.principal_kind = row.Text(2);
  a.user_id = row.OptText(3);
  a.member_id = row.OptText(4);
  a.name = row.Text(5);
  a.at = row.Text(6);
  a.signature = row.OptText(7);
  return a;
}

// The family's approvals in one query, each put with its request (found by id, not by a scan
// of the requests per row).
Status LoadApprovals(db::Connection& c, std::vector<Request>& requests, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kApprovalColumns) + "WHERE family_id = ? ORDER BY at, id",
                                      {family_id}));
  std::map<std::string, Request*> by_id;
  for (auto& q : requests) by_id[q.id] = &q;
  for (const auto& row : rows)
    if (auto it = by_id.find(row.Text(0)); it != by_id.end()) it->second->approvals.push_back(ApprovalFromRow(row));
  return Status::Ok();
}

Status Lock(db::Connection& tx, const std::string& table, const std::string& id) {
  if (tx.dialect() != db::Dialect::kPostgres) return Status::Ok();  // SQLite: BEGIN IMMEDIATE, one writer
  return tx.Query("SELECT id FROM " + table + " WHERE id = ? FOR UPDATE", {id}).status();
}

}  // namespace

Result<std::optional<Pot>> BudgetRepo::FindPot(db::Connection& c, const std::string& programme_id, int64_t year) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kPotColumns) + "WHERE programme_id = ? AND year = ?", {programme_id, year}));
  if (rows.empty()) return std::optional<Pot>();
  Pot p = PotFromRow(rows[0]);
  ASSIGN_OR_RETURN(p.committed_cents, PotCommitted(c, p.id));
  return std::optional<Pot>(p);
}

Result<Pot> BudgetRepo::GetPot(db::Connection& c, const std::string& pot_id, bool with_committed) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kPotColumns) + "WHERE id = ?", {pot_id}));
  if (rows.empty()) return Status::NotFound("budget_pot_not_found");
  Pot p = PotFromRow(rows[0]);
  if (with_committed) {
    ASSIGN_OR_RETURN(p.committed_cents, PotCommitted(c, p.id));
  }
  return p;
}

Result<Pot> BudgetRepo::UpsertPot(db::Connection& tx, const Pot& p) {
  const std::string now = FormatUtc(Now());
  const std::string cats = nlohmann::json(p.categories).dump();
  ASSIGN_OR_RETURN(auto existing, FindPot(tx, p.programme_id, p.year));
  if (existing) {
    RETURN_IF_ERROR(tx.Exec("UPDATE budget_pots SET amount_cents = ?, approval_threshold_cents = ?, categories = ?, "
                            "version = version + 1, updated_at = ? WHERE id = ?",
                            {p.amount_cents, p.approval_threshold_cents, cats, now, existing->id})
                        .status());
    return GetPot(tx, existing->id);
  }
  const std::string id = NewId();
  RETURN_IF_ERROR(tx.Exec("INSERT INTO budget_pots (id, organisation_id, programme_id, year, amount_cents, "
                          "approval_threshold_cents, categories, version, created_at, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                          {id, p.organisation_id, p.programme_id, p.year, p.amount_cents, p.approval_threshold_cents,
                           cats, now, now})
                      .status());
  return GetPot(tx, id);
}

Result<std::optional<Allocation>> BudgetRepo::AllocationOf(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kAllocationColumns) + "WHERE family_id = ?", {family_id}));
  if (rows.empty()) return std::optional<Allocation>();
  return std::optional<Allocation>(AllocationFromRow(rows[0]));
}

Result<Allocation> BudgetRepo::InsertAllocation(db::Connection& tx, const Allocation& a, const std::string& created_by) {
  const std::string id = NewId();
  auto inserted = tx.Exec("INSERT INTO budget_allocations (id, family_id, organisation_id, programme_id, pot_id, "
                          "amount_cents, period_start, period_end, created_by, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {id, a.family_id, a.organisation_id, a.programme_id, a.pot_id, a.amount_cents,
                           a.period_start, a.period_end, created_by, FormatUtc(Now())});
  if (!inserted.ok() && inserted.status().code() == Code::kConflict)
    return Status::Conflict("budget_allocation_exists");
  RETURN_IF_ERROR(inserted.status());
  ASSIGN_OR_RETURN(auto got, AllocationOf(tx, a.family_id));
  return *got;
}

Result<std::vector<Request>> BudgetRepo::Requests(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kRequestColumns) +
                                          "WHERE r.family_id = ? ORDER BY r.created_at DESC, r.id DESC",
                                      {family_id}));
  std::vector<Request> out;
  for (const auto& r : rows) out.push_back(RequestFromRow(r));
  RETURN_IF_ERROR(LoadApprovals(c, out, family_id));
  return out;
}

Result<Request> BudgetRepo::GetRequest(db::Connection& c, const std::string& family_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kRequestColumns) + "WHERE r.id = ? AND r.family_id = ?", {id, family_id}));
  if (rows.empty()) return Status::NotFound("budget_request_not_found");
  std::vector<Request> one = {RequestFromRow(rows[0])};
  ASSIGN_OR_RETURN(auto approvals,
                   c.Query(std::string(kApprovalColumns) + "WHERE request_id = ? ORDER BY at, id", {id}));
  for (const auto& row : approvals) one[0].approvals.push_back(ApprovalFromRow(row));
  return one[0];
}

Result<Request> BudgetRepo::InsertRequest(db::Connection& tx, const Request& r, const std::string& created_by) {
  const std::string id = NewId(), now = FormatUtc(Now());
  RETURN_IF_ERROR(tx.Exec("INSERT INTO budget_requests (id, family_id, allocation_id, amount_cents, category, goal_id, "
                          "supplier, description, status, created_by, created_by_name, created_at, updated_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?, ?)",
                          {id, r.family_id, r.allocation_id, r.amount_cents, r.category, db::Opt(r.goal_id),
                           r.supplier, r.description, created_by, r.created_by_name, now, now})
                      .status());
  return GetRequest(tx, r.family_id, id);
}

Status BudgetRepo::InsertApproval(db::Connection& tx, const Request& r, const Approval& a, const std::string& recorded_by) {
  auto done = tx.Exec("INSERT INTO budget_approvals (id, request_id, family_id, as_role, principal_kind, user_id, "
                      "member_id, approver_key, name, signature, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {NewId(), r.id, r.family_id, ApproverRoleName(a.role), a.principal_kind,
                       a.principal_kind == "staff" ? db::Opt(a.user_id) : db::Null(), db::Opt(a.member_id),
                       ApproverKey(a), a.name, db::Opt(a.signature), recorded_by, FormatUtc(Now())});
  // The unique keys catch what the rule checked, should two approvals race past it.
  if (!done.ok() && done.status().code() == Code::kConflict) return Status::Conflict("budget_role_already_approved",
                                                                                     {{"as", ApproverRoleName(a.role)}});
  return done.status();
}

Status BudgetRepo::SetStatus(db::Connection& tx, const Request& r, RequestStatus from, RequestStatus to) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE budget_requests SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                                      {RequestStatusName(to), FormatUtc(Now()), r.id, RequestStatusName(from)}));
  if (n != 1) return Status::Conflict("budget_request_not_committed");
  return Status::Ok();
}

Status BudgetRepo::MarkCommitted(db::Connection& tx, const Request& r, const std::optional<std::string>& override_reason) {
  const std::string now = FormatUtc(Now());
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE budget_requests SET status = 'committed', committed_at = ?, "
                                      "override_reason = ?, updated_at = ? WHERE id = ? AND status = 'requested'",
                                      {now, db::Opt(override_reason), now, r.id}));
  if (n != 1) return Status::Conflict("budget_request_not_open");
  return Status::Ok();
}

Status BudgetRepo::SetOverride(db::Connection& tx, const Request& r, const std::string& reason) {
  return tx.Exec("UPDATE budget_requests SET override_reason = ?, updated_at = ? WHERE id = ? AND status = 'requested'",
                 {reason, FormatUtc(Now()), r.id})
      .status();
}

Status BudgetRepo::MarkPaid(db::Connection& tx, const Request& r, const std::string& paid_on, const std::string& method) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE budget_requests SET status = 'paid', paid_on = ?, payment_method = ?, "
                                      "updated_at = ? WHERE id = ? AND status = 'committed'",
                                      {paid_on, method, FormatUtc(Now()), r.id}));
  if (n != 1) return Status::Conflict("budget_request_not_committed");
  return Status::Ok();
}

Status BudgetRepo::LockRequest(db::Connection& tx, const std::string& id) { return Lock(tx, "budget_requests", id); }
Status BudgetRepo::LockAllocation(db::Connection& tx, const std::string& id) { return Lock(tx, "budget_allocations", id); }
Status BudgetRepo::LockPot(db::Connection& tx, const std::string& id) { return Lock(tx, "budget_pots", id); }

Result<std::vector<LedgerEntry>> BudgetRepo::Ledger(db::Connection& c, const std::string& allocation_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, kind, amount_cents, request_id, note, by_kind, by_name, at "
                                      "FROM budget_ledger WHERE allocation_id = ? ORDER BY at, id",
                                      {allocation_id}));
  std::vector<LedgerEntry> out;
  for (const auto& r : rows) {
    LedgerEntry e;
    e.id = r.Text(0);
    e.kind = ParseEntryKind(r.Text(1)).value_or(EntryKind::kCommit);
    e.amount_cents = r.Int(2);
    e.request_id = r.OptText(3);
    e.note = r.OptText(4);
    e.by_kind = r.Text(5);
    e.by_name = r.Text(6);
    e.at = r.Text(7);
    out.push_back(std::move(e));
  }
  return out;
}

Result<int64_t> BudgetRepo::AllocationBalance(db::Connection& c, const std::string& allocation_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COALESCE(SUM(amount_cents), 0) FROM budget_ledger WHERE allocation_id = ?",
                                      {allocation_id}));
  return rows[0].Int(0);
}

Result<int64_t> BudgetRepo::PotCommitted(db::Connection& c, const std::string& pot_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COALESCE(SUM(amount_cents), 0) FROM budget_ledger "
                                      "WHERE pot_id = ? AND kind <> 'allocation'",
                                      {pot_id}));
  return -rows[0].Int(0);
}

Status BudgetRepo::AppendEntry(db::Connection& tx, const Allocation& a, const LedgerEntry& e, const Writer& by) {
  return tx.Exec("INSERT INTO budget_ledger (id, family_id, allocation_id, pot_id, request_id, kind, amount_cents, note, "
                 "by_kind, by_user_id, by_member_id, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 {NewId(), a.family_id, a.id, a.pot_id, db::Opt(e.request_id), EntryKindName(e.kind), e.amount_cents,
                  db::Opt(e.note), by.kind, db::Opt(by.user_id), db::Opt(by.member_id), by.name, FormatUtc(Now())})
      .status();
}

Status BudgetRepo::PutReceipt(db::Connection& tx, const Request& r, const std::string& content_type,
                              const std::string& bytes, const std::string& uploaded_by) {
  RETURN_IF_ERROR(tx.Exec("DELETE FROM budget_receipts WHERE request_id = ?", {r.id}).status());
  return tx.Exec("INSERT INTO budget_receipts (request_id, family_id, content_type, size_bytes, data_base64, "
                 "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 {r.id, r.family_id, content_type, static_cast<int64_t>(bytes.size()), Base64UrlEncode(bytes),
                  uploaded_by, FormatUtc(Now())})
      .status();
}

Result<std::pair<std::string, std::string>> BudgetRepo::GetReceipt(db::Connection& c, const std::string& family_id,
                                                                   const std::string& request_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT content_type, data_base64 FROM budget_receipts "
                                      "WHERE request_id = ? AND family_id = ?",
                                      {request_id, family_id}));
  if (rows.empty()) return Status::NotFound("receipt_not_found");
  std::string bytes;
  if (!Base64UrlDecode(rows[0].Text(1), bytes)) return Status::Internal("receipt not decodable");
  return std::make_pair(rows[0].Text(0), std::move(bytes));
}

Result<std::vector<BudgetRepo::ReportRow>> BudgetRepo::ReportRows(db::Connection& c, const std::string& pot_id) {
  // From the pot's allocations (budget_allocations_pot) to each family's requests
  // (budget_requests_family): the programme's rows only, never the organisation's.
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT r.family_id, f.name, r.category, r.goal_id, r.status, r.amount_cents "
                                      "FROM budget_allocations a JOIN budget_requests r ON r.family_id = a.family_id "
                                      "AND r.allocation_id = a.id JOIN families f ON f.id = a.family_id "
                                      "WHERE a.pot_id = ? AND r.status IN ('committed', 'paid') "
                                      "ORDER BY f.name, r.family_id",
                                      {pot_id}));
  std::vector<ReportRow> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.OptText(3), r.Text(4), r.Int(5)});
  return out;
}

Result<std::pair<int64_t, int64_t>> BudgetRepo::PotAllocated(db::Connection& c, const std::string& pot_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*), COALESCE(SUM(amount_cents), 0) FROM budget_allocations "
                                      "WHERE pot_id = ?",
                                      {pot_id}));
  return std::make_pair(rows[0].Int(0), rows[0].Int(1));
}

Result<std::vector<BudgetRepo::OpenRow>> BudgetRepo::OpenRequestsIn(
    db::Connection& c, const std::string& organisation_id, const std::optional<std::vector<std::string>>& family_ids,
    int limit) {
  std::vector<db::Param> params{organisation_id};
  // A caseload: its families' open requests through budget_requests_status (status,
  // family_id). An organisation: the open requests oldest first through budget_requests_open
  // (status, created_at, id), stopping at `limit`; CROSS JOIN keeps SQLite from scanning the
  // organisation's families instead.
  std::string sql =
      "SELECT r.id, r.family_id, f.name, r.amount_cents, p.approval_threshold_cents FROM budget_requests r ";
  sql += family_ids ? "JOIN families f ON f.id = r.family_id " : "CROSS JOIN families f ";
  sql += "JOIN budget_allocations a ON a.id = r.allocation_id JOIN budget_pots p ON p.id = a.pot_id "
         "WHERE f.id = r.family_id AND r.status = 'requested' AND f.organisation_id = ? AND f.status = 'active' ";
  if (family_ids) sql += "AND r.family_id IN (" + db::InList(*family_ids, params) + ") ";
  sql += "ORDER BY r.created_at, r.id LIMIT ?";
  params.emplace_back(int64_t{limit});
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<OpenRow> out;
  std::vector<std::string> ids;
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4), {}});
    ids.push_back(r.Text(0));
  }
  if (ids.empty()) return out;
  std::vector<db::Param> ap;
  ASSIGN_OR_RETURN(auto approvals, c.Query("SELECT request_id, as_role FROM budget_approvals WHERE request_id IN (" +
                                               db::InList(ids, ap) + ")",
                                           ap));
  for (const auto& a : approvals)
    for (auto& o : out)
      if (o.request_id == a.Text(0))
        if (auto role = ParseApproverRole(a.Text(1))) o.approved.push_back(*role);
  return out;
}

}  // namespace kansrijk::budget
