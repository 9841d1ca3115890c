#include "budget/wire.h"

#include "platform/spreadsheet.h"

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

}  // namespace

Json AllocationJson(const Allocation& a, int64_t year) {
  return {{"id", a.id}, {"programme_id", a.programme_id}, {"year", year}, {"amount_cents", a.amount_cents},
          {"period_start", a.period_start}, {"period_end", a.period_end}};
}

Json RequestJson(const Request& r, int64_t threshold_cents) {
  Json approvals = Json::array();
  for (const auto& a : r.approvals)
    approvals.push_back({{"as", ApproverRoleName(a.role)}, {"principal_kind", a.principal_kind},
                         {"member_id", Opt(a.member_id)}, {"name", a.name}, {"signature", Opt(a.signature)},
                         {"at", a.at}});
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
          {"categories", p.categories},
          {"version", p.version}};
}

Json ReportJson(const Report& r) {
  Json programme = nullptr;
  if (r.pot)
    programme = {{"name", r.total.label},
                 {"committed_cents", r.total.committed_cents},
                 {"paid_cents", r.total.paid_cents},
                 {"count", r.total.count},
                 {"families_allocated", r.families_allocated},
                 {"allocated_cents", r.allocated_cents}};
  return {{"programme_id", r.programme_id},
          {"year", r.year},
          {"pot", r.pot ? PotJson(*r.pot) : Json(nullptr)},
          {"programme", programme},
          {"by_category", LinesJson(r.by_category)},
          {"by_goal", LinesJson(r.by_goal)},
          {"by_family", LinesJson(r.by_family)}};
}

namespace {

using spreadsheet::Cell;
using spreadsheet::Sheet;

// Euros as a number for the XLSX tabs (people read them); the CSV keeps integer cents.
Cell Euro(int64_t cents) { return static_cast<double>(cents) / 100.0; }

}  // namespace

std::string ReportCsv(const Report& r) {
  Sheet sheet{"report", {"section", "key", "label", "committed_cents", "paid_cents", "count"}, {}};
  auto section = [&](const char* name, const std::vector<ReportLine>& lines) {
    for (const auto& l : lines)
      sheet.rows.push_back({std::string(name), l.key, l.label, l.committed_cents, l.paid_cents, l.count});
  };
  if (r.pot) section("programme", {r.total});
  section("category", r.by_category);
  section("goal", r.by_goal);
  section("family", r.by_family);
  return spreadsheet::ToCsv(sheet);
}

std::vector<spreadsheet::Sheet> ReportSheets(const Report& r) {
  std::vector<Sheet> out;
  Sheet programme{"programma",
                  {"programme_id", "programme", "year", "pot_euro", "allocated_families", "allocated_euro",
                   "committed_euro", "paid_euro", "requests", "pot_left_euro"},
                  {}};
  if (r.pot)
    programme.rows.push_back({r.programme_id, r.total.label, r.year, Euro(r.pot->amount_cents), r.families_allocated,
                              Euro(r.allocated_cents), Euro(r.total.committed_cents), Euro(r.total.paid_cents),
                              r.total.count, Euro(r.pot->amount_cents - r.pot->committed_cents)});
  out.push_back(std::move(programme));
  auto tab = [&](const char* name, const char* key, const std::vector<ReportLine>& lines) {
    Sheet s{name, {key, "label", "committed_euro", "paid_euro", "requests"}, {}};
    for (const auto& l : lines) s.rows.push_back({l.key, l.label, Euro(l.committed_cents), Euro(l.paid_cents), l.count});
    out.push_back(std::move(s));
  };
  tab("categorie", "category", r.by_category);
  tab("doel", "goal_id", r.by_goal);
  tab("gezin", "family_id", r.by_family);
  return out;
}

}  // namespace kansrijk::budget
