#include "budget/model.h"

#include <algorithm>
#include <set>

#include "platform/text.h"

namespace kansrijk::budget {

const std::vector<std::string>& DefaultCategories() {
  static const std::vector<std::string> kCategories = {
      "opleiding", "rijbewijs en vervoer", "kinderen en school", "sport en cultuur",
      "huis en inrichting", "gezondheid", "overig"};
  return kCategories;
}

std::optional<ApproverRole> ParseApproverRole(std::string_view s) {
  if (s == "coach") return ApproverRole::kCoach;
  if (s == "family") return ApproverRole::kFamily;
  if (s == "team_lead") return ApproverRole::kTeamLead;
  return std::nullopt;
}

std::string ApproverRoleName(ApproverRole r) {
  switch (r) {
    case ApproverRole::kCoach: return "coach";
    case ApproverRole::kFamily: return "family";
    case ApproverRole::kTeamLead: return "team_lead";
  }
  return "coach";
}

std::optional<RequestStatus> ParseRequestStatus(std::string_view s) {
  if (s == "requested") return RequestStatus::kRequested;
  if (s == "committed") return RequestStatus::kCommitted;
  if (s == "paid") return RequestStatus::kPaid;
  if (s == "reversed") return RequestStatus::kReversed;
  return std::nullopt;
}

std::string RequestStatusName(RequestStatus s) {
  switch (s) {
    case RequestStatus::kRequested: return "requested";
    case RequestStatus::kCommitted: return "committed";
    case RequestStatus::kPaid: return "paid";
    case RequestStatus::kReversed: return "reversed";
  }
  return "requested";
}

bool SignatureMatches(std::string_view typed, std::string_view given_name, std::string_view family_name) {
  const std::string t = FoldName(typed);
  if (t.empty()) return false;
  const std::string given = FoldName(given_name);
  const std::string first = given.substr(0, given.find(' '));
  const std::string full = FoldName(std::string(given_name) + " " + std::string(family_name));
  return t == given || t == first || t == full;
}

std::string ApproverKey(const Approval& a) {
  if (a.member_id) return "member:" + *a.member_id;
  return "user:" + a.user_id.value_or("");
}

std::vector<ApproverRole> NeededRoles(int64_t amount_cents, int64_t threshold_cents) {
  std::vector<ApproverRole> roles = {ApproverRole::kCoach, ApproverRole::kFamily};
  if (amount_cents > threshold_cents) roles.push_back(ApproverRole::kTeamLead);
  return roles;
}

Status CheckApproval(RequestStatus status, const std::vector<Approval>& existing, const Approval& next) {
  if (status != RequestStatus::kRequested) return Status::Conflict("budget_request_not_open");
  for (const auto& a : existing)
    if (a.role == next.role)
      return Status::Conflict("budget_role_already_approved", {{"as", ApproverRoleName(next.role)}});
  const std::string key = ApproverKey(next);
  for (const auto& a : existing)
    if (ApproverKey(a) == key) return Status::Conflict("budget_approver_already_approved");
  return Status::Ok();
}

bool AllApproved(const std::vector<ApproverRole>& needed, const std::vector<Approval>& approvals) {
  return std::all_of(needed.begin(), needed.end(), [&](ApproverRole r) {
    return std::any_of(approvals.begin(), approvals.end(), [&](const Approval& a) { return a.role == r; });
  });
}

Status CheckCommit(int64_t amount_cents, int64_t allocation_balance_cents, int64_t pot_balance_cents,
                   bool overridden) {
  if (overridden) return Status::Ok();
  if (amount_cents > allocation_balance_cents)
    return Status::Conflict("budget_above_balance", {{"balance_cents", std::to_string(allocation_balance_cents)}});
  if (amount_cents > pot_balance_cents)
    return Status::Conflict("budget_pot_exhausted", {{"balance_cents", std::to_string(pot_balance_cents)}});
  return Status::Ok();
}

std::optional<FieldError> CheckAmount(int64_t amount_cents) {
  if (amount_cents <= 0) return FieldError{"amount_not_positive", {}};
  if (amount_cents > kMaxAmountCents)
    return FieldError{"amount_too_large", {{"max_cents", std::to_string(kMaxAmountCents)}}};
  return std::nullopt;
}

std::string EntryKindName(EntryKind k) {
  switch (k) {
    case EntryKind::kAllocation: return "allocation";
    case EntryKind::kCommit: return "commit";
    case EntryKind::kReversal: return "reversal";
  }
  return "commit";
}

std::optional<EntryKind> ParseEntryKind(std::string_view s) {
  if (s == "allocation") return EntryKind::kAllocation;
  if (s == "commit") return EntryKind::kCommit;
  if (s == "reversal") return EntryKind::kReversal;
  return std::nullopt;
}

LedgerEntry CommitEntry(int64_t amount_cents, std::string request_id) {
  LedgerEntry e;
  e.kind = EntryKind::kCommit;
  e.amount_cents = -amount_cents;
  e.request_id = std::move(request_id);
  return e;
}

Result<LedgerEntry> Reversal(const LedgerEntry& e, std::string note) {
  if (e.kind != EntryKind::kCommit) return Status::Conflict("budget_request_not_committed");
  LedgerEntry r;
  r.kind = EntryKind::kReversal;
  r.amount_cents = -e.amount_cents;
  r.request_id = e.request_id;
  r.note = std::move(note);
  return r;
}

int64_t Balance(const std::vector<LedgerEntry>& entries) {
  int64_t sum = 0;
  for (const auto& e : entries) sum += e.amount_cents;
  return sum;
}

int64_t Committed(const std::vector<LedgerEntry>& entries) {
  int64_t sum = 0;
  for (const auto& e : entries)
    if (e.kind != EntryKind::kAllocation) sum -= e.amount_cents;
  return sum;
}

std::optional<std::string> SniffReceiptType(std::string_view b) {
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  static constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  if (b.size() >= 8 && b.substr(0, 8) == kPng) return "image/png";
  return std::nullopt;
}

FieldErrors ValidateCategories(const std::vector<std::string>& categories) {
  FieldErrors errors;
  if (categories.empty()) errors["categories"].push_back({"required", {}});
  if (categories.size() > kMaxCategories)
    errors["categories"].push_back({"too_many", {{"max", std::to_string(kMaxCategories)}}});
  std::set<std::string> seen;
  for (const auto& c : categories) {
    if (c.empty()) errors["categories"].push_back({"not_empty", {}});
    else if (c.size() > kMaxCategoryChars)
      errors["categories"].push_back({"too_long", {{"max", std::to_string(kMaxCategoryChars)}}});
    else if (!seen.insert(c).second) errors["categories"].push_back({"budget_category_duplicate", {{"category", c}}});
  }
  return errors;
}

}  // namespace kansrijk::budget
