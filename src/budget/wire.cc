#include "budget/wire.h"

namespace kansrijk::budget {
namespace {

using http::Json;

Json Opt(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

Json RolesJson(const std::vector<ApproverRole>& roles) {
  Json out = Json::array();
  for (auto r : roles) out.push_back(ApproverRoleName(r));
  return out;
}

Json LinesJson(const std::vector<ReportLine>& lines) {
  Json out = Json::array();
  for (const auto& l : lines)
    out.push_back({{"key", l.key}, {"label", l.label}, {"committed_cents", l.committed_cents},
                   {"paid_cents", l.paid_cents}, {"count", l.count}});
  return out;
}

// A CSV cell: quoted, quotes doubled, and a leading = + - @ neutralised so a spreadsheet
// never runs it as a formula.
std::string Cell(const std::string& v) {
  std::string s = v;
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s = "'" + s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

Json AllocationJson(const Allocation& a, int64_t year) {
  return {{"id", a.id}, {"programme_id", a.programme_id}, {"year", year}, {"amount_cents", a.amount_cents},
          {"period_start", a.period_start}, {"period_end", a.period_end}};
}

Json RequestJson(const Request& r, int64_t threshold_cents) {
  Json approvals = Json::array();
  for (const auto& a : r.approvals)
    approvals.push_back({{"as", ApproverRoleName(a.role)}, {"principal_kind", a.principal_kind},
                         {"member_id", Opt(a.member_id)}, {"name", a.name}, {"at", a.at}});
  Json payment = nullptr;
  if (r.paid_on) payment = {{"paid_on", *r.paid_on}, {"method", r.payment_method.value_or("")}};
  Json receipt = nullptr;
  if (r.receipt)
    receipt = {{"content_type", r.receipt->content_type}, {"size_bytes", r.receipt->size_bytes},
               {"uploaded_at", r.receipt->uploaded_at}};
  return {{"id", r.id},
          {"amount_cents", r.amount_cents},
          {"category", r.category},
          {"goal_id", Opt(r.goal_id)},
          {"supplier", r.supplier},
          {"description", r.description},
          {"status", RequestStatusName(r.status)},
          {"needs", RolesJson(NeededRoles(r.amount_cents, threshold_cents))},
          {"approvals", approvals},
          {"override_reason", Opt(r.override_reason)},
          {"committed_at", Opt(r.committed_at)},
          {"payment", payment},
          {"receipt", receipt},
          {"created_at", r.created_at},
          {"created_by_name", r.created_by_name}};
}

Json OverviewJson(const Overview& o) {
  Json ledger = Json::array();
  for (const auto& e : o.ledger)
    ledger.push_back({{"id", e.id}, {"at", e.at}, {"kind", EntryKindName(e.kind)}, {"amount_cents", e.amount_cents},
                      {"request_id", Opt(e.request_id)}, {"note", Opt(e.note)}, {"by_kind", e.by_kind},
                      {"by_name", e.by_name}});
  Json requests = Json::array();
  for (const auto& r : o.requests) requests.push_back(RequestJson(r, o.approval_threshold_cents));
  return {{"allocation", o.allocation ? AllocationJson(*o.allocation, o.pot ? o.pot->year : 0) : Json(nullptr)},
          {"balance_cents", o.balance_cents},
          {"committed_cents", o.committed_cents},
          {"paid_cents", o.paid_cents},
          {"pot_year", o.pot ? Json(o.pot->year) : Json(nullptr)},
          {"approval_threshold_cents", o.approval_threshold_cents},
          {"categories", o.categories},
          {"ledger", ledger},
          {"requests", requests}};
}

Json PotJson(const Pot& p) {
  return {{"id", p.id},
          {"programme_id", p.programme_id},
          {"year", p.year},
          {"amount_cents", p.amount_cents},
          {"committed_cents", p.committed_cents},
          {"balance_cents", p.amount_cents - p.committed_cents},
          {"approval_threshold_cents", p.approval_threshold_cents},
          {"categories", p.categories}};
}

Json ReportJson(const Report& r) {
  return {{"programme_id", r.programme_id},
          {"year", r.year},
          {"pot", r.pot ? PotJson(*r.pot) : Json(nullptr)},
          {"by_category", LinesJson(r.by_category)},
          {"by_goal", LinesJson(r.by_goal)},
          {"by_family", LinesJson(r.by_family)}};
}

std::string ReportCsv(const Report& r) {
  std::string out = "section,key,label,committed_cents,paid_cents,count\r\n";
  auto section = [&](const char* name, const std::vector<ReportLine>& lines) {
    for (const auto& l : lines)
      out += std::string(name) + "," + Cell(l.key) + "," + Cell(l.label) + "," + std::to_string(l.committed_cents) +
             "," + std::to_string(l.paid_cents) + "," + std::to_string(l.count) + "\r\n";
  };
  section("category", r.by_category);
  section("goal", r.by_goal);
  section("family", r.by_family);
  return out;
}

}  // namespace kansrijk::budget
