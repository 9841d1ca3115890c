// SQL of the family budget, on the caller's connection or transaction. The ledger is only
// ever inserted into (0018 refuses UPDATE and DELETE).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "budget/model.h"
#include "platform/db.h"

namespace kansrijk::budget {

struct Pot {
  std::string id, organisation_id, programme_id;
  int64_t year = 0;
  int64_t amount_cents = 0;
  int64_t approval_threshold_cents = kDefaultApprovalThresholdCents;
  std::vector<std::string> categories;
  int64_t committed_cents = 0;  // filled by reads: commits net of reversals
  int64_t version = 1;
};

struct Allocation {
  std::string id, family_id, organisation_id, programme_id, pot_id;
  int64_t amount_cents = 0;
  std::string period_start, period_end, created_at;
};

struct Receipt {
  std::string content_type;
  int64_t size_bytes = 0;
  std::string uploaded_at;
};

struct Request {
  std::string id, family_id, allocation_id;
  int64_t amount_cents = 0;
  std::string category;
  std::optional<std::string> goal_id;
  std::string supplier, description;
  RequestStatus status = RequestStatus::kRequested;
  std::optional<std::string> override_reason, committed_at, paid_on, payment_method;
  std::string created_by_name, created_at, updated_at;
  std::vector<Approval> approvals;
  std::optional<Receipt> receipt;
};

// Who writes: a staff account, or a family member acting (on the staff member's device).
struct Writer {
  std::string kind = "staff";  // staff | family_member
  std::optional<std::string> user_id;
  std::optional<std::string> member_id;
  std::string name;
};

class BudgetRepo {
 public:
  static Result<std::optional<Pot>> FindPot(db::Connection& c, const std::string& programme_id, int64_t year);
  // with_committed sums the pot's ledger (index-only through budget_ledger_pot_sum); a family's
  // page needs only the threshold and categories and skips it.
  static Result<Pot> GetPot(db::Connection& c, const std::string& pot_id, bool with_committed = true);
  static Result<Pot> UpsertPot(db::Connection& tx, const Pot& p);
  static Result<std::optional<Allocation>> AllocationOf(db::Connection& c, const std::string& family_id);
  static Result<Allocation> InsertAllocation(db::Connection& tx, const Allocation& a, const std::string& created_by);

  static Result<std::vector<Request>> Requests(db::Connection& c, const std::string& family_id);
  static Result<Request> GetRequest(db::Connection& c, const std::string& family_id, const std::string& id);
  static Result<Request> InsertRequest(db::Connection& tx, const Request& r, const std::string& created_by);
  static Status InsertApproval(db::Connection& tx, const Request& r, const Approval& a, const std::string& recorded_by);
  static Status SetStatus(db::Connection& tx, const Request& r, RequestStatus from, RequestStatus to);
  static Status MarkCommitted(db::Connection& tx, const Request& r, const std::optional<std::string>& override_reason);
  // A team lead's reason to allow overdrawing, kept until the commit.
  static Status SetOverride(db::Connection& tx, const Request& r, const std::string& reason);
  static Status MarkPaid(db::Connection& tx, const Request& r, const std::string& paid_on, const std::string& method);

  // Locks rows for the rest of the transaction (PostgreSQL FOR UPDATE; SQLite holds the one
  // write lock already). Always in this order: request, allocation, pot.
  static Status LockRequest(db::Connection& tx, const std::string& request_id);
  static Status LockAllocation(db::Connection& tx, const std::string& allocation_id);
  static Status LockPot(db::Connection& tx, const std::string& pot_id);

  static Result<std::vector<LedgerEntry>> Ledger(db::Connection& c, const std::string& allocation_id);
  static Result<int64_t> AllocationBalance(db::Connection& c, const std::string& allocation_id);
  static Result<int64_t> PotCommitted(db::Connection& c, const std::string& pot_id);
  static Status AppendEntry(db::Connection& tx, const Allocation& a, const LedgerEntry& e, const Writer& by);

  static Status PutReceipt(db::Connection& tx, const Request& r, const std::string& content_type,
                           const std::string& bytes, const std::string& uploaded_by);
  // The receipt's type and bytes; kNotFound receipt_not_found.
  static Result<std::pair<std::string, std::string>> GetReceipt(db::Connection& c, const std::string& family_id,
                                                                const std::string& request_id);

  // Requests of the families in `family_ids`' organisation that still wait for approvals.
  struct ReportRow {
    std::string family_id, family_name, category;
    std::optional<std::string> goal_id;
    std::string status;
    int64_t amount_cents = 0;
  };
  static Result<std::vector<ReportRow>> ReportRows(db::Connection& c, const std::string& pot_id);
  // How many families have an allocation from the pot, and their sum.
  static Result<std::pair<int64_t, int64_t>> PotAllocated(db::Connection& c, const std::string& pot_id);

  // Requests still open (status requested) of the organisation's active families (only
  // `family_ids` when given), oldest first, with their pot's threshold and the roles that have
  // approved: two queries for a whole caseload or team.
  struct OpenRow {
    std::string request_id, family_id, family_name;
    int64_t amount_cents = 0, approval_threshold_cents = 0;
    std::vector<ApproverRole> approved;
  };
  static Result<std::vector<OpenRow>> OpenRequestsIn(db::Connection& c, const std::string& organisation_id,
                                                     const std::optional<std::vector<std::string>>& family_ids,
                                                     int limit);
};

}  // namespace kansrijk::budget
