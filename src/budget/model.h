// The family budget as pure rules: who must approve a spending request, whether an approval
// may be added, whether a commit fits the allocation and the programme pot, the append-only
// ledger's balance and its reversing entries, and what a receipt file really is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"

namespace kansrijk::budget {

// Defaults of a pot; both are data on the pot (budget_pots), changed by its manager.
constexpr int64_t kDefaultApprovalThresholdCents = 50000;  // €500: above it a team lead approves too
const std::vector<std::string>& DefaultCategories();
constexpr int64_t kMaxAmountCents = 100000000;  // €1,000,000: no single request is larger
constexpr size_t kMaxReceiptBytes = 5 * 1024 * 1024;
constexpr size_t kMaxSupplierChars = 200, kMaxDescriptionChars = 2000, kMaxReasonChars = 1000;
constexpr size_t kMaxCategories = 30, kMaxCategoryChars = 60;

enum class ApproverRole { kCoach, kFamily, kTeamLead };
std::optional<ApproverRole> ParseApproverRole(std::string_view s);
std::string ApproverRoleName(ApproverRole r);

enum class RequestStatus { kRequested, kCommitted, kPaid, kReversed };
std::optional<RequestStatus> ParseRequestStatus(std::string_view s);
std::string RequestStatusName(RequestStatus s);

// One approval. A family member approves as a family-member principal: principal_kind
// "family_member" and member_id; staff approve with their user id.
struct Approval {
  ApproverRole role = ApproverRole::kCoach;
  std::string principal_kind = "staff";  // staff | family_member
  std::optional<std::string> user_id;
  std::optional<std::string> member_id;
  std::string name;
  std::string at;
  // What the member typed to sign, kept as typed (a family approval only).
  std::optional<std::string> signature;
};
// Is `typed` the member's own name? The family signs on the coach's device by typing their name:
// their given name, its first word, or their full name, in any case and spacing.
bool SignatureMatches(std::string_view typed, std::string_view given_name, std::string_view family_name);
constexpr size_t kMaxSignatureChars = 200;

// The identity of the person who approved: one approval per person per request.
std::string ApproverKey(const Approval& a);

// The roles a request of `amount_cents` needs: coach and family, and the team lead above the
// threshold (strictly above: €500 at a €500 threshold needs no team lead).
std::vector<ApproverRole> NeededRoles(int64_t amount_cents, int64_t threshold_cents);

// May `next` be added to `existing` on a request in `status`? kConflict with
// budget_request_not_open, budget_role_already_approved {as} or budget_approver_already_approved.
Status CheckApproval(RequestStatus status, const std::vector<Approval>& existing, const Approval& next);

// True when every needed role is among `approvals`.
bool AllApproved(const std::vector<ApproverRole>& needed, const std::vector<Approval>& approvals);

// Does a commit of `amount_cents` fit? kConflict budget_above_balance {balance_cents} or
// budget_pot_exhausted {balance_cents}; always OK with a team lead's override.
Status CheckCommit(int64_t amount_cents, int64_t allocation_balance_cents, int64_t pot_balance_cents,
                   bool overridden);

// Field error code for an amount: amount_not_positive, amount_too_large, or empty when fine.
std::optional<FieldError> CheckAmount(int64_t amount_cents);

// The ledger. Entries are never changed; a correction is a reversing entry.
enum class EntryKind { kAllocation, kCommit, kReversal };
std::string EntryKindName(EntryKind k);
std::optional<EntryKind> ParseEntryKind(std::string_view s);
struct LedgerEntry {
  std::string id;
  EntryKind kind = EntryKind::kCommit;
  int64_t amount_cents = 0;  // allocation +, commit -, reversal +
  std::optional<std::string> request_id;
  std::optional<std::string> note;
  std::string by_kind = "staff";
  std::string by_name;
  std::string at;
};
// The entry a commit of `amount_cents` adds (negative amount).
LedgerEntry CommitEntry(int64_t amount_cents, std::string request_id);
// The entry that reverses `e` (opposite amount, same request). Only commits are reversed.
Result<LedgerEntry> Reversal(const LedgerEntry& e, std::string note);
// The balance: the sum of the entries.
int64_t Balance(const std::vector<LedgerEntry>& entries);
// What was committed net of reversals (positive).
int64_t Committed(const std::vector<LedgerEntry>& entries);

// The type of a receipt by its first bytes: application/pdf, image/jpeg or image/png; nullopt
// for anything else, whatever the client claims.
std::optional<std::string> SniffReceiptType(std::string_view bytes);

// Validates a pot's categories: 1..30 distinct, non-empty, at most 60 characters each.
FieldErrors ValidateCategories(const std::vector<std::string>& categories);

}  // namespace kansrijk::budget
