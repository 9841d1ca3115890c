#include "programmes/repo.h"

#include <nlohmann/json.hpp>

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::programmes {
namespace {

constexpr const char* kSelect =
    "SELECT id, organisation_id, name, threshold_percent, default_budget_cents, contact_target_minutes_per_week, "
    "planned_duration_weeks, follow_up_months, active, version, created_at, updated_at FROM programmes ";

Programme FromRow(const db::Row& r) {
  Programme p;
  p.id = r.Text(0);
  p.organisation_id = r.Text(1);
  p.name = r.Text(2);
  p.threshold_percent = r.Int(3);
  p.default_budget_cents = r.Int(4);
  p.contact_target_minutes_per_week = r.Int(5);
  p.planned_duration_weeks = r.Int(6);
  p.follow_up_months.clear();
  auto months = nlohmann::json::parse(r.Text(7), nullptr, false);
  if (months.is_array())
    for (const auto& m : months)
      if (m.is_number_integer()) p.follow_up_months.push_back(m.get<int64_t>());
  p.active = r.Int(8) != 0;
  p.version = r.Int(9);
  p.created_at = r.Text(10);
  p.updated_at = r.Text(11);
  return p;
}

std::string MonthsJson(const std::vector<int64_t>& months) { return nlohmann::json(months).dump(); }

Status NameTaken() { return Status::InvalidField("name", "programme_name_taken"); }

Status CheckNameFree(db::Connection& c, const Programme& p) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM programmes WHERE organisation_id = ? AND name = ? AND id <> ?",
                                      {p.organisation_id, p.name, p.id}));
  return rows.at(0).Int(0) > 0 ? NameTaken() : Status::Ok();
}

}  // namespace

Result<std::vector<Programme>> ProgrammeRepo::List(db::Connection& c, const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kSelect) + "WHERE organisation_id = ? ORDER BY name, id",
                                      {organisation_id}));
  std::vector<Programme> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<Programme> ProgrammeRepo::Get(db::Connection& c, const std::string& organisation_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(std::string(kSelect) + "WHERE id = ? AND organisation_id = ?", {id, organisation_id}));
  if (rows.empty()) return Status::NotFound("programme_not_found");
  return FromRow(rows[0]);
}

Result<std::optional<Programme>> ProgrammeRepo::OfFamily(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kSelect) +
                                          "WHERE id = (SELECT programme_id FROM families WHERE id = ?) "
                                          "AND organisation_id = (SELECT organisation_id FROM families WHERE id = ?)",
                                      {family_id, family_id}));
  if (rows.empty()) return std::optional<Programme>();
  return std::optional<Programme>(FromRow(rows[0]));
}

Result<Programme> ProgrammeRepo::Insert(db::Connection& tx, const Programme& in) {
  Programme p = in;
  p.id = NewId();
  RETURN_IF_ERROR(CheckNameFree(tx, p));
  std::string now = FormatUtc(Now());
  RETURN_IF_ERROR(tx.Exec("INSERT INTO programmes (id, organisation_id, name, threshold_percent, default_budget_cents, "
                          "contact_target_minutes_per_week, planned_duration_weeks, follow_up_months, active, version, "
                          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                          {p.id, p.organisation_id, p.name, p.threshold_percent, p.default_budget_cents,
                           p.contact_target_minutes_per_week, p.planned_duration_weeks, MonthsJson(p.follow_up_months),
                           int64_t{p.active ? 1 : 0}, now, now})
                      .status());
  return Get(tx, p.organisation_id, p.id);
}

Result<Programme> ProgrammeRepo::Update(db::Connection& tx, const Programme& p, int64_t expected_version) {
  const Status stale(Code::kFailedPrecondition, "version_stale");
  if (p.version != expected_version) return stale;
  RETURN_IF_ERROR(CheckNameFree(tx, p));
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE programmes SET name = ?, threshold_percent = ?, default_budget_cents = ?, "
                           "contact_target_minutes_per_week = ?, planned_duration_weeks = ?, follow_up_months = ?, "
                           "active = ?, version = version + 1, updated_at = ? "
                           "WHERE id = ? AND organisation_id = ? AND version = ?",
                           {p.name, p.threshold_percent, p.default_budget_cents, p.contact_target_minutes_per_week,
                            p.planned_duration_weeks, MonthsJson(p.follow_up_months), int64_t{p.active ? 1 : 0},
                            FormatUtc(Now()), p.id, p.organisation_id, expected_version}));
  if (changed != 1) return stale;
  return Get(tx, p.organisation_id, p.id);
}

}  // namespace kansrijk::programmes
