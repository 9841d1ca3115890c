// Use cases of the family budget, on the caller's transaction; callable from the API, the CLI
// and the demo. Authorisation (who may approve in which role) is the policy's, asked by the
// API before it calls in; these functions keep the money rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "budget/model.h"
#include "budget/repo.h"
#include "platform/db.h"

namespace kansrijk::budget {

struct PotInput {
  std::string organisation_id, programme_id;
  int64_t year = 0;
  int64_t amount_cents = 0;
  std::optional<int64_t> approval_threshold_cents;
  std::optional<std::vector<std::string>> categories;
  // The version the change is based on (If-Match). Changing an existing pot needs it: without
  // it kPreconditionRequired version_required, a different one kFailedPrecondition version_stale.
  // Creating the year's pot needs none (given, it is stale: there is nothing to match).
  std::optional<int64_t> if_match;
};
Result<Pot> SetPot(db::Connection& tx, const PotInput& in);

struct AllocationInput {
  std::optional<int64_t> amount_cents;  // default: the programme's default budget
  std::string period_start, period_end;
};
Result<Allocation> Allocate(db::Connection& tx, const std::string& family_id, const AllocationInput& in,
                            const Writer& by);

struct Overview {
  std::optional<Allocation> allocation;
  std::optional<Pot> pot;
  int64_t balance_cents = 0, committed_cents = 0, paid_cents = 0;
  std::vector<LedgerEntry> ledger;
  std::vector<Request> requests;
  std::vector<std::string> categories;
  int64_t approval_threshold_cents = kDefaultApprovalThresholdCents;
};
Result<Overview> GetOverview(db::Connection& c, const std::string& family_id);

struct RequestInput {
  int64_t amount_cents = 0;
  std::string category;
  std::optional<std::string> goal_id;
  std::string supplier, description;
};
// Field errors (category, goal of another family) as kInvalidArgument; above the balance 409.
Result<Request> CreateRequest(db::Connection& tx, const std::string& family_id, const RequestInput& in, const Writer& by);

// Adds `approval`; when it is the last one needed, commits the amount (ledger entry) after
// locking request, allocation and pot and re-checking both balances in this transaction.
// A refused commit refuses the approval too (nothing half-written).
Result<Request> Approve(db::Connection& tx, const std::string& family_id, const std::string& request_id,
                        Approval approval, const std::optional<std::string>& override_reason, const Writer& device);

Result<Request> Pay(db::Connection& tx, const std::string& family_id, const std::string& request_id,
                    const std::string& paid_on, const std::string& method);
const std::vector<std::string>& PaymentMethods();

// Stores a receipt after checking its bytes and size (415 receipt_type_not_allowed, 413 receipt_too_large).
Result<Request> AttachReceipt(db::Connection& tx, const std::string& family_id, const std::string& request_id,
                              const std::string& bytes, const std::string& uploaded_by);

// A reversing entry for a committed or paid request; the request becomes reversed.
Result<Request> Reverse(db::Connection& tx, const std::string& family_id, const std::string& request_id,
                        const std::string& reason, const Writer& by);

struct ReportLine {
  std::string key, label;
  int64_t committed_cents = 0, paid_cents = 0, count = 0;
};
struct Report {
  std::string programme_id;
  int64_t year = 0;
  std::optional<Pot> pot;
  ReportLine total;  // the programme: every committed and paid request
  int64_t families_allocated = 0, allocated_cents = 0;
  std::vector<ReportLine> by_category, by_goal, by_family;
};
Result<Report> ProgrammeReport(db::Connection& c, const std::string& organisation_id, const std::string& programme_id,
                               int64_t year);

// Requests of a family still waiting for approvals, with the roles they miss.
struct Waiting {
  Request request;
  std::vector<ApproverRole> missing;
};
Result<std::vector<Waiting>> WaitingApprovals(db::Connection& c, const std::string& family_id);

}  // namespace kansrijk::budget
