#include "budget/service.h"

#include <algorithm>
#include <map>

#include "families/repo.h"
#include "plans/repo.h"
#include "platform/time.h"
#include "programmes/repo.h"
#include "timeline/timeline.h"

namespace kansrijk::budget {
namespace {

Result<Pot> PotOf(db::Connection& c, const Allocation& a) { return BudgetRepo::GetPot(c, a.pot_id); }
// The pot's threshold and categories without summing its ledger: a family's read stays within
// that family's rows.
Result<Pot> PotSettingsOf(db::Connection& c, const Allocation& a) { return BudgetRepo::GetPot(c, a.pot_id, false); }

std::string Euro(int64_t cents) {
  std::string s = std::to_string(cents / 100) + ",";
  int64_t rest = cents % 100;
  if (rest < 10) s += "0";
  return s + std::to_string(rest);
}

}  // namespace

Result<Pot> SetPot(db::Connection& tx, const PotInput& in) {
  ASSIGN_OR_RETURN(auto programme, programmes::ProgrammeRepo::Get(tx, in.organisation_id, in.programme_id));
  FieldErrors errors;
  if (in.year < 2000 || in.year > 2100) errors["year"].push_back({"out_of_range", {{"min", "2000"}, {"max", "2100"}}});
  if (auto e = CheckAmount(in.amount_cents)) errors["amount_cents"].push_back(*e);
  if (in.approval_threshold_cents && *in.approval_threshold_cents < 0)
    errors["approval_threshold_cents"].push_back({"amount_not_positive", {}});
  Pot p;
  p.organisation_id = in.organisation_id;
  p.programme_id = programme.id;
  p.year = in.year;
  p.amount_cents = in.amount_cents;
  ASSIGN_OR_RETURN(auto existing, BudgetRepo::FindPot(tx, programme.id, in.year));
  if (existing) {
    // Lock the pot as a commit does, then read it again: a commit in flight cannot slip the
    // committed sum past the check below.
    RETURN_IF_ERROR(BudgetRepo::LockPot(tx, existing->id));
    ASSIGN_OR_RETURN(existing, BudgetRepo::FindPot(tx, programme.id, in.year));
  }
  if (existing && !in.if_match) return Status(Code::kPreconditionRequired, "version_required");
  if (in.if_match && (!existing || existing->version != *in.if_match))
    return Status(Code::kFailedPrecondition, "version_stale");
  p.approval_threshold_cents = in.approval_threshold_cents.value_or(
      existing ? existing->approval_threshold_cents : kDefaultApprovalThresholdCents);
  p.categories = in.categories.value_or(existing ? existing->categories : DefaultCategories());
  for (auto& [f, es] : ValidateCategories(p.categories)) errors[f].insert(errors[f].end(), es.begin(), es.end());
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  if (existing && p.amount_cents < existing->committed_cents)
    return Status::Conflict("budget_pot_below_committed", {{"committed_cents", std::to_string(existing->committed_cents)}});
  return BudgetRepo::UpsertPot(tx, p);
}

Result<Allocation> Allocate(db::Connection& tx, const std::string& family_id, const AllocationInput& in,
                            const Writer& by) {
  ASSIGN_OR_RETURN(auto family, families::FamilyRepo::Get(tx, family_id));
  ASSIGN_OR_RETURN(auto programme, programmes::ProgrammeRepo::OfFamily(tx, family_id));
  FieldErrors errors;
  auto start = ParseDate(in.period_start), end = ParseDate(in.period_end);
  if (!start) errors["period_start"].push_back({"bad_date", {}});
  if (!end) errors["period_end"].push_back({"bad_date", {}});
  if (start && end && *end < *start) errors["period_end"].push_back({"period_end_before_start", {}});
  if (in.amount_cents)
    if (auto e = CheckAmount(*in.amount_cents)) errors["amount_cents"].push_back(*e);
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  if (!programme) return Status(Code::kInvalidArgument, "budget_no_programme");
  ASSIGN_OR_RETURN(auto pot, BudgetRepo::FindPot(tx, programme->id, start->year));
  if (!pot) return Status(Code::kInvalidArgument, "budget_no_pot", {{"year", std::to_string(start->year)}});
  Allocation a;
  a.family_id = family_id;
  a.organisation_id = family.organisation_id;
  a.programme_id = programme->id;
  a.pot_id = pot->id;
  a.amount_cents = in.amount_cents.value_or(programme->default_budget_cents);
  if (auto e = CheckAmount(a.amount_cents)) return Status::InvalidField("amount_cents", e->code, e->params);
  a.period_start = in.period_start;
  a.period_end = in.period_end;
  ASSIGN_OR_RETURN(auto created, BudgetRepo::InsertAllocation(tx, a, by.user_id.value_or("")));
  LedgerEntry e;
  e.kind = EntryKind::kAllocation;
  e.amount_cents = created.amount_cents;
  RETURN_IF_ERROR(BudgetRepo::AppendEntry(tx, created, e, by));
  RETURN_IF_ERROR(timeline::Append(tx, {.family_id = family_id, .date = FormatDate(TodayInAmsterdam(Now())),
                                        .kind = "budget_allocation", .to = Euro(created.amount_cents),
                                        .user_id = by.user_id, .user_name = by.name}));
  return created;
}

Result<Overview> GetOverview(db::Connection& c, const std::string& family_id) {
  Overview o;
  ASSIGN_OR_RETURN(o.allocation, BudgetRepo::AllocationOf(c, family_id));
  o.categories = DefaultCategories();
  if (o.allocation) {
    ASSIGN_OR_RETURN(auto pot, PotSettingsOf(c, *o.allocation));
    o.pot = pot;
    o.categories = pot.categories;
    o.approval_threshold_cents = pot.approval_threshold_cents;
    ASSIGN_OR_RETURN(o.ledger, BudgetRepo::Ledger(c, o.allocation->id));
    o.balance_cents = Balance(o.ledger);
    o.committed_cents = Committed(o.ledger);
  }
  ASSIGN_OR_RETURN(o.requests, BudgetRepo::Requests(c, family_id));
  for (const auto& r : o.requests)
    if (r.status == RequestStatus::kPaid) o.paid_cents += r.amount_cents;
  return o;
}

Result<Request> CreateRequest(db::Connection& tx, const std::string& family_id, const RequestInput& in, const Writer& by) {
  ASSIGN_OR_RETURN(auto allocation, BudgetRepo::AllocationOf(tx, family_id));
  if (!allocation) return Status(Code::kInvalidArgument, "budget_no_allocation");
  ASSIGN_OR_RETURN(auto pot, PotSettingsOf(tx, *allocation));
  FieldErrors errors;
  if (auto e = CheckAmount(in.amount_cents)) errors["amount_cents"].push_back(*e);
  if (std::find(pot.categories.begin(), pot.categories.end(), in.category) == pot.categories.end()) {
    std::string options;
    for (const auto& c : pot.categories) options += (options.empty() ? "" : ", ") + c;
    errors["category"].push_back({"choose_one_of", {{"options", options}}});
  }
  if (in.goal_id) {
    ASSIGN_OR_RETURN(bool is_goal, plans::PlanRepo::IsGoalOf(tx, family_id, *in.goal_id));
    if (!is_goal) errors["goal_id"].push_back({"goal_not_in_family", {}});
  }
  if (in.supplier.empty()) errors["supplier"].push_back({"required", {}});
  if (in.description.empty()) errors["description"].push_back({"required", {}});
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  ASSIGN_OR_RETURN(int64_t balance, BudgetRepo::AllocationBalance(tx, allocation->id));
  if (in.amount_cents > balance)
    return Status::Conflict("budget_above_balance", {{"balance_cents", std::to_string(balance)}});
  Request r;
  r.family_id = family_id;
  r.allocation_id = allocation->id;
  r.amount_cents = in.amount_cents;
  r.category = in.category;
  r.goal_id = in.goal_id;
  r.supplier = in.supplier;
  r.description = in.description;
  r.created_by_name = by.name;
  return BudgetRepo::InsertRequest(tx, r, by.user_id.value_or(""));
}

Result<Request> Approve(db::Connection& tx, const std::string& family_id, const std::string& request_id,
                        Approval approval, const std::optional<std::string>& override_reason, const Writer& device) {
  // Lock order everywhere: request, allocation, pot.
  RETURN_IF_ERROR(BudgetRepo::LockRequest(tx, request_id));
  ASSIGN_OR_RETURN(auto request, BudgetRepo::GetRequest(tx, family_id, request_id));
  if (approval.member_id) {
    auto member = families::FamilyRepo::GetMember(tx, family_id, *approval.member_id);
    if (!member.ok()) {
      if (member.status().code() == Code::kNotFound) return Status::InvalidField("member_id", "member_not_in_household");
      return member.status();
    }
    if (!approval.signature || !SignatureMatches(*approval.signature, member->given_name, member->family_name))
      return Status::InvalidField("signature", "budget_signature_mismatch");
    approval.name = member->given_name + " " + member->family_name;
  }
  if (override_reason && approval.role != ApproverRole::kTeamLead)
    return Status::InvalidField("override_reason", "budget_override_only_team_lead");
  RETURN_IF_ERROR(CheckApproval(request.status, request.approvals, approval));
  RETURN_IF_ERROR(BudgetRepo::InsertApproval(tx, request, approval, device.user_id.value_or("")));
  request.approvals.push_back(approval);
  if (override_reason) {
    RETURN_IF_ERROR(BudgetRepo::SetOverride(tx, request, *override_reason));
    request.override_reason = override_reason;
  }

  ASSIGN_OR_RETURN(auto allocation, BudgetRepo::AllocationOf(tx, family_id));
  if (!allocation || allocation->id != request.allocation_id) return Status::Internal("request without its allocation");
  ASSIGN_OR_RETURN(auto pot_before, PotSettingsOf(tx, *allocation));
  if (!AllApproved(NeededRoles(request.amount_cents, pot_before.approval_threshold_cents), request.approvals))
    return BudgetRepo::GetRequest(tx, family_id, request_id);

  // The last approval: commit under the locks, with the balances read inside them.
  RETURN_IF_ERROR(BudgetRepo::LockAllocation(tx, allocation->id));
  RETURN_IF_ERROR(BudgetRepo::LockPot(tx, allocation->pot_id));
  ASSIGN_OR_RETURN(int64_t balance, BudgetRepo::AllocationBalance(tx, allocation->id));
  ASSIGN_OR_RETURN(auto pot, PotOf(tx, *allocation));
  const std::optional<std::string> reason = request.override_reason;
  RETURN_IF_ERROR(CheckCommit(request.amount_cents, balance, pot.amount_cents - pot.committed_cents, reason.has_value()));
  RETURN_IF_ERROR(BudgetRepo::MarkCommitted(tx, request, reason));
  Writer by{approval.principal_kind, approval.principal_kind == "staff" ? approval.user_id : std::nullopt,
            approval.member_id, approval.name};
  LedgerEntry e = CommitEntry(request.amount_cents, request.id);
  e.note = reason;
  RETURN_IF_ERROR(BudgetRepo::AppendEntry(tx, *allocation, e, by));
  RETURN_IF_ERROR(timeline::Append(tx, {.family_id = family_id, .date = FormatDate(TodayInAmsterdam(Now())),
                                        .kind = "budget_commit", .to = Euro(request.amount_cents),
                                        .note = request.category, .user_id = device.user_id,
                                        .user_name = device.name}));
  return BudgetRepo::GetRequest(tx, family_id, request_id);
}

const std::vector<std::string>& PaymentMethods() {
  static const std::vector<std::string> kMethods = {"bank_transfer", "pin", "cash", "voucher"};
  return kMethods;
}

Result<Request> Pay(db::Connection& tx, const std::string& family_id, const std::string& request_id,
                    const std::string& paid_on, const std::string& method) {
  RETURN_IF_ERROR(BudgetRepo::LockRequest(tx, request_id));
  ASSIGN_OR_RETURN(auto request, BudgetRepo::GetRequest(tx, family_id, request_id));
  if (request.status != RequestStatus::kCommitted) return Status::Conflict("budget_request_not_committed");
  RETURN_IF_ERROR(BudgetRepo::MarkPaid(tx, request, paid_on, method));
  return BudgetRepo::GetRequest(tx, family_id, request_id);
}

Result<Request> AttachReceipt(db::Connection& tx, const std::string& family_id, const std::string& request_id,
                              const std::string& bytes, const std::string& uploaded_by) {
  if (bytes.size() > kMaxReceiptBytes)
    return Status(Code::kPayloadTooLarge, "receipt_too_large", {{"max_bytes", std::to_string(kMaxReceiptBytes)}});
  auto type = SniffReceiptType(bytes);
  if (!type) return Status(Code::kUnsupportedMediaType, "receipt_type_not_allowed");
  ASSIGN_OR_RETURN(auto request, BudgetRepo::GetRequest(tx, family_id, request_id));
  if (request.status != RequestStatus::kCommitted && request.status != RequestStatus::kPaid)
    return Status::Conflict("budget_request_not_committed");
  RETURN_IF_ERROR(BudgetRepo::PutReceipt(tx, request, *type, bytes, uploaded_by));
  return BudgetRepo::GetRequest(tx, family_id, request_id);
}

Result<Request> Reverse(db::Connection& tx, const std::string& family_id, const std::string& request_id,
                        const std::string& reason, const Writer& by) {
  RETURN_IF_ERROR(BudgetRepo::LockRequest(tx, request_id));
  auto got = BudgetRepo::GetRequest(tx, family_id, request_id);
  if (!got.ok() && got.status().code() == Code::kNotFound)
    return Status::InvalidField("request_id", "budget_request_not_found");
  ASSIGN_OR_RETURN(auto request, std::move(got));
  if (request.status != RequestStatus::kCommitted && request.status != RequestStatus::kPaid)
    return Status::Conflict("budget_request_not_committed");
  ASSIGN_OR_RETURN(auto allocation, BudgetRepo::AllocationOf(tx, family_id));
  RETURN_IF_ERROR(BudgetRepo::LockAllocation(tx, allocation->id));
  RETURN_IF_ERROR(BudgetRepo::LockPot(tx, allocation->pot_id));
  ASSIGN_OR_RETURN(auto ledger, BudgetRepo::Ledger(tx, allocation->id));
  auto commit = std::find_if(ledger.begin(), ledger.end(), [&](const LedgerEntry& e) {
    return e.kind == EntryKind::kCommit && e.request_id == request.id;
  });
  if (commit == ledger.end()) return Status::Conflict("budget_request_not_committed");
  ASSIGN_OR_RETURN(auto reversal, Reversal(*commit, reason));
  RETURN_IF_ERROR(BudgetRepo::SetStatus(tx, request, request.status, RequestStatus::kReversed));
  RETURN_IF_ERROR(BudgetRepo::AppendEntry(tx, *allocation, reversal, by));
  return BudgetRepo::GetRequest(tx, family_id, request_id);
}

Result<Report> ProgrammeReport(db::Connection& c, const std::string& organisation_id, const std::string& programme_id,
                               int64_t year) {
  ASSIGN_OR_RETURN(auto programme, programmes::ProgrammeRepo::Get(c, organisation_id, programme_id));
  Report rep;
  rep.programme_id = programme.id;
  rep.year = year;
  ASSIGN_OR_RETURN(rep.pot, BudgetRepo::FindPot(c, programme.id, year));
  if (!rep.pot) return rep;
  ASSIGN_OR_RETURN(auto rows, BudgetRepo::ReportRows(c, rep.pot->id));
  ASSIGN_OR_RETURN(auto allocated, BudgetRepo::PotAllocated(c, rep.pot->id));
  rep.families_allocated = allocated.first;
  rep.allocated_cents = allocated.second;
  std::vector<std::string> goal_ids;
  for (const auto& r : rows)
    if (r.goal_id) goal_ids.push_back(*r.goal_id);
  std::sort(goal_ids.begin(), goal_ids.end());
  goal_ids.erase(std::unique(goal_ids.begin(), goal_ids.end()), goal_ids.end());
  ASSIGN_OR_RETURN(auto titles, plans::PlanRepo::GoalTitles(c, goal_ids));
  rep.total.key = programme.id;
  rep.total.label = programme.name;
  std::map<std::string, ReportLine> cats, goals, fams;
  for (const auto& r : rows) {
    rep.total.committed_cents += r.amount_cents;
    if (r.status == "paid") rep.total.paid_cents += r.amount_cents;
    ++rep.total.count;
    auto add = [&](std::map<std::string, ReportLine>& m, const std::string& key, const std::string& label) {
      auto& l = m[key];
      l.key = key;
      l.label = label;
      l.committed_cents += r.amount_cents;
      if (r.status == "paid") l.paid_cents += r.amount_cents;
      ++l.count;
    };
    add(cats, r.category, r.category);
    std::string goal_label;
    if (r.goal_id)
      if (auto t = titles.find(*r.goal_id); t != titles.end()) goal_label = t->second;
    add(goals, r.goal_id.value_or(""), goal_label);
    add(fams, r.family_id, r.family_name);
  }
  for (auto& [k, v] : cats) rep.by_category.push_back(v);
  for (auto& [k, v] : goals) rep.by_goal.push_back(v);
  for (auto& [k, v] : fams) rep.by_family.push_back(v);
  return rep;
}

Result<std::vector<Waiting>> WaitingApprovals(db::Connection& c, const std::string& family_id) {
  std::vector<Waiting> out;
  ASSIGN_OR_RETURN(auto allocation, BudgetRepo::AllocationOf(c, family_id));
  if (!allocation) return out;
  ASSIGN_OR_RETURN(auto pot, PotSettingsOf(c, *allocation));
  ASSIGN_OR_RETURN(auto requests, BudgetRepo::Requests(c, family_id));
  for (auto& r : requests) {
    if (r.status != RequestStatus::kRequested) continue;
    Waiting w{r, {}};
    for (auto role : NeededRoles(r.amount_cents, pot.approval_threshold_cents))
      if (std::none_of(r.approvals.begin(), r.approvals.end(), [&](const Approval& a) { return a.role == role; }))
        w.missing.push_back(role);
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace kansrijk::budget
