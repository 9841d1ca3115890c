#include "plans/repo.h"

#include <algorithm>

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::plans {
namespace {

constexpr const char* kVersionColumns =
    "SELECT id, number, status, agreed_on, agreed_by, snapshot FROM plan_versions ";

Version VersionFromRow(const db::Row& r) {
  Version v;
  v.id = r.Text(0);
  v.number = r.Int(1);
  v.agreed = r.Text(2) == "agreed";
  v.agreed_on = r.OptText(3);
  auto by = http::Json::parse(r.Text(4), nullptr, false);
  if (by.is_array())
    for (const auto& m : by)
      if (m.is_string()) v.agreed_by.push_back(m.get<std::string>());
  v.snapshot = r.OptText(5);
  return v;
}

constexpr const char* kItemColumns =
    "SELECT id, family_id, type, goal_id, due_on, done, status, data, created_at, updated_at, version FROM plan_items ";

Item ItemFromRow(const db::Row& r) {
  Item i;
  i.id = r.Text(0);
  i.family_id = r.Text(1);
  i.type = ParseItemType(r.Text(2)).value_or(ItemType::kGoal);
  i.goal_id = r.OptText(3);
  i.due_on = r.OptText(4);
  i.done = r.Int(5) != 0;
  i.status = r.OptText(6);
  i.data = http::Json::parse(r.Text(7), nullptr, false);
  if (!i.data.is_object()) i.data = http::Json::object();
  i.created_at = r.Text(8);
  i.updated_at = r.Text(9);
  i.version = r.Int(10);
  return i;
}

}  // namespace

Result<std::vector<Version>> PlanRepo::Versions(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kVersionColumns) + "WHERE family_id = ? ORDER BY number DESC", {family_id}));
  std::vector<Version> out;
  for (const auto& r : rows) out.push_back(VersionFromRow(r));
  return out;
}

Result<std::optional<Version>> PlanRepo::Current(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kVersionColumns) + "WHERE family_id = ? ORDER BY number DESC LIMIT 1",
                                      {family_id}));
  if (rows.empty()) return std::optional<Version>();
  return std::optional<Version>(VersionFromRow(rows[0]));
}

Result<Version> PlanRepo::GetVersion(db::Connection& c, const std::string& family_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kVersionColumns) + "WHERE family_id = ? AND id = ?", {family_id, id}));
  if (rows.empty()) return Status::NotFound("plan_version_not_found");
  return VersionFromRow(rows[0]);
}

Result<Version> PlanRepo::InsertVersion(db::Connection& tx, const std::string& family_id, int64_t number) {
  const std::string id = NewId(), now = FormatUtc(Now());
  auto done = tx.Exec("INSERT INTO plan_versions (id, family_id, number, status, agreed_by, created_at, updated_at) "
                      "VALUES (?, ?, ?, 'draft', '[]', ?, ?)",
                      {id, family_id, number, now, now});
  // Two first changes at once: the unique (family_id, number) lets one through.
  if (!done.ok() && done.status().code() == Code::kConflict) return Status::Conflict("plan_version_not_current");
  RETURN_IF_ERROR(done.status());
  return GetVersion(tx, family_id, id);
}

Status PlanRepo::Agree(db::Connection& tx, const Version& v, const std::string& agreed_on,
                       const std::vector<std::string>& member_ids, const std::string& snapshot) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE plan_versions SET status = 'agreed', agreed_on = ?, agreed_by = ?, "
                                      "snapshot = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
                                      {agreed_on, http::Json(member_ids).dump(), snapshot, FormatUtc(Now()), v.id}));
  if (n != 1) return Status::Conflict("plan_version_agreed", {{"number", std::to_string(v.number)}});
  return Status::Ok();
}

Status PlanRepo::Touch(db::Connection& tx, const Version& v) {
  ASSIGN_OR_RETURN(int64_t n, tx.Exec("UPDATE plan_versions SET updated_at = ? WHERE id = ? AND status = 'draft'",
                                      {FormatUtc(Now()), v.id}));
  if (n != 1) return Status::Conflict("plan_version_agreed", {{"number", std::to_string(v.number)}});
  return Status::Ok();
}

Result<std::vector<Item>> PlanRepo::Items(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kItemColumns) + "WHERE family_id = ? ORDER BY created_at, id", {family_id}));
  std::vector<Item> out;
  for (const auto& r : rows) out.push_back(ItemFromRow(r));
  return out;
}

Result<Item> PlanRepo::GetItem(db::Connection& c, const std::string& family_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kItemColumns) + "WHERE family_id = ? AND id = ?", {family_id, id}));
  if (rows.empty()) return Status::NotFound("plan_item_not_found");
  return ItemFromRow(rows[0]);
}

Result<Item> PlanRepo::InsertItem(db::Connection& tx, const Item& i) {
  const std::string id = NewId(), now = FormatUtc(Now());
  RETURN_IF_ERROR(tx.Exec("INSERT INTO plan_items (id, family_id, type, goal_id, due_on, done, status, data, created_at, "
                          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {id, i.family_id, ItemTypeName(i.type), db::Opt(i.goal_id), db::Opt(i.due_on),
                           int64_t{i.done ? 1 : 0}, db::Opt(i.status), i.data.dump(), now, now})
                      .status());
  return GetItem(tx, i.family_id, id);
}

Result<Item> PlanRepo::UpdateItem(db::Connection& tx, const Item& i, int64_t expected_version) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE plan_items SET goal_id = ?, due_on = ?, done = ?, status = ?, data = ?, "
                           "version = version + 1, updated_at = ? WHERE id = ? AND family_id = ? AND version = ?",
                           {db::Opt(i.goal_id), db::Opt(i.due_on), int64_t{i.done ? 1 : 0}, db::Opt(i.status),
                            i.data.dump(), FormatUtc(Now()), i.id, i.family_id, expected_version}));
  if (changed != 1) return Status(Code::kFailedPrecondition, "version_stale");
  return GetItem(tx, i.family_id, i.id);
}

Result<std::vector<HistoryEntry>> PlanRepo::History(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT goal_id, status, at, by_name FROM plan_goal_history WHERE family_id = ? "
                                      "ORDER BY at, id",
                                      {family_id}));
  std::vector<HistoryEntry> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

Status PlanRepo::AddHistory(db::Connection& tx, const std::string& family_id, const std::string& goal_id,
                            const std::string& status, const std::string& by_name) {
  return tx.Exec("INSERT INTO plan_goal_history (id, family_id, goal_id, status, at, by_name) VALUES (?, ?, ?, ?, ?, ?)",
                 {NewId(), family_id, goal_id, status, FormatUtc(Now()), by_name})
      .status();
}

Result<bool> PlanRepo::IsGoalOf(db::Connection& c, const std::string& family_id, const std::string& goal_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT 1 FROM plan_items WHERE id = ? AND family_id = ? AND type = 'goal'",
                                      {goal_id, family_id}));
  return !rows.empty();
}

Result<std::optional<std::string>> PlanRepo::GoalTitle(db::Connection& c, const std::string& family_id,
                                                       const std::string& goal_id) {
  auto item = GetItem(c, family_id, goal_id);
  if (!item.ok()) {
    if (item.status().code() == Code::kNotFound) return std::optional<std::string>();
    return item.status();
  }
  return std::optional<std::string>(item->data.value("title", std::string()));
}

Result<std::map<std::string, std::string>> PlanRepo::GoalTitles(db::Connection& c, const std::vector<std::string>& ids) {
  std::map<std::string, std::string> out;
  constexpr size_t kBatch = 500;
  for (size_t i = 0; i < ids.size(); i += kBatch) {
    std::vector<std::string> part(ids.begin() + static_cast<long>(i),
                                  ids.begin() + static_cast<long>(std::min(ids.size(), i + kBatch)));
    std::vector<db::Param> params;
    ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, data FROM plan_items WHERE type = 'goal' AND id IN (" +
                                            db::InList(part, params) + ")",
                                        params));
    for (const auto& r : rows) {
      auto data = http::Json::parse(r.Text(1), nullptr, false);
      out[r.Text(0)] = data.is_object() ? data.value("title", std::string()) : std::string();
    }
  }
  return out;
}

Result<std::vector<Item>> PlanRepo::DueActions(db::Connection& c, const std::string& family_id, const std::string& date) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kItemColumns) +
                                          "WHERE family_id = ? AND type = 'action' AND done = 0 AND due_on IS NOT NULL "
                                          "AND due_on <= ? ORDER BY due_on, id",
                                      {family_id, date}));
  std::vector<Item> out;
  for (const auto& r : rows) out.push_back(ItemFromRow(r));
  return out;
}

Result<std::vector<PlanRepo::DueAction>> PlanRepo::DueActionsIn(
    db::Connection& c, const std::string& organisation_id, const std::optional<std::vector<std::string>>& family_ids,
    const std::string& date, int limit) {
  std::vector<db::Param> params{organisation_id, date};
  std::string sql =
      "SELECT i.family_id, f.name, i.id, i.data, i.due_on FROM plan_items i JOIN families f ON f.id = i.family_id "
      "WHERE f.organisation_id = ? AND f.status = 'active' AND i.type = 'action' AND i.done = 0 "
      "AND i.due_on IS NOT NULL AND i.due_on <= ? ";
  if (family_ids) sql += "AND i.family_id IN (" + db::InList(*family_ids, params) + ") ";
  sql += "ORDER BY i.due_on, i.id LIMIT ?";
  params.emplace_back(int64_t{limit});
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<DueAction> out;
  for (const auto& r : rows) {
    auto data = http::Json::parse(r.Text(3), nullptr, false);
    std::string what = data.is_object() ? data.value("what", std::string()) : std::string();
    out.push_back({r.Text(0), r.Text(1), r.Text(2), std::move(what), r.Text(4)});
  }
  return out;
}

}  // namespace kansrijk::plans
