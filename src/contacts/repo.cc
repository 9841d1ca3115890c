#include "contacts/repo.h"

#include "platform/http.h"
#include "platform/random.h"

namespace kansrijk::contacts {
namespace {

constexpr const char* kColumns =
    "SELECT id, family_id, coach_id, coach_name, started_at, duration_minutes, kind, direct, planned, member_ids, "
    "topics, note, follow_ups, created_at FROM contacts ";

std::vector<std::string> List(const std::string& text) {
  std::vector<std::string> out;
  auto j = http::Json::parse(text, nullptr, false);
  if (j.is_array())
    for (const auto& x : j)
      if (x.is_string()) out.push_back(x.get<std::string>());
  return out;
}

Contact FromRow(const db::Row& r) {
  Contact c;
  c.id = r.Text(0);
  c.family_id = r.Text(1);
  c.coach_id = r.OptText(2);
  c.coach_name = r.Text(3);
  c.started_at = r.Text(4);
  c.duration_minutes = r.Int(5);
  c.kind = r.Text(6);
  c.direct = r.Int(7) != 0;
  c.planned = r.Int(8) != 0;
  c.member_ids = List(r.Text(9));
  c.topics = List(r.Text(10));
  c.note = r.OptText(11);
  c.follow_ups = List(r.Text(12));
  c.created_at = r.Text(13);
  return c;
}

Result<std::vector<Contact>> All(db::Connection& c, const std::string& sql, const std::vector<db::Param>& params) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kColumns) + sql, params));
  std::vector<Contact> out;
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

Result<Contact> ContactRepo::Insert(db::Connection& tx, const Contact& c) {
  const std::string id = NewId();
  RETURN_IF_ERROR(tx.Exec("INSERT INTO contacts (id, family_id, coach_id, coach_name, started_at, duration_minutes, kind, "
                          "direct, planned, member_ids, topics, note, follow_ups, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {id, c.family_id, db::Opt(c.coach_id), c.coach_name, c.started_at, c.duration_minutes,
                           c.kind, int64_t{c.direct ? 1 : 0}, int64_t{c.planned ? 1 : 0},
                           http::Json(c.member_ids).dump(), http::Json(c.topics).dump(), db::Opt(c.note),
                           http::Json(c.follow_ups).dump(), FormatUtc(Now())})
                      .status());
  ASSIGN_OR_RETURN(auto got, All(tx, "WHERE id = ?", {id}));
  return got.at(0);
}

Result<std::vector<Contact>> ContactRepo::Page(db::Connection& c, const std::string& family_id, int limit,
                                               const std::optional<std::pair<std::string, std::string>>& after) {
  if (after)
    return All(c,
               "WHERE family_id = ? AND (started_at < ? OR (started_at = ? AND id < ?)) "
               "ORDER BY started_at DESC, id DESC LIMIT ?",
               {family_id, after->first, after->first, after->second, int64_t{limit + 1}});
  return All(c, "WHERE family_id = ? ORDER BY started_at DESC, id DESC LIMIT ?", {family_id, int64_t{limit + 1}});
}

Result<int64_t> ContactRepo::Count(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM contacts WHERE family_id = ?", {family_id}));
  return rows.empty() ? int64_t{0} : rows[0].Int(0);
}

Result<std::vector<Contact>> ContactRepo::FamilySince(db::Connection& c, const std::string& family_id,
                                                      const std::string& from_utc) {
  return All(c, "WHERE family_id = ? AND started_at >= ? ORDER BY started_at, id", {family_id, from_utc});
}

Result<std::vector<Contact>> ContactRepo::CoachSince(db::Connection& c, const std::string& coach_id,
                                                     const std::string& from_utc) {
  return All(c, "WHERE coach_id = ? AND started_at >= ? ORDER BY started_at, id", {coach_id, from_utc});
}

Result<std::vector<Contact>> ContactRepo::PlannedBetween(db::Connection& c, const std::string& family_id,
                                                         const std::string& from_utc, const std::string& to_utc) {
  return All(c, "WHERE family_id = ? AND planned = 1 AND started_at >= ? AND started_at < ? ORDER BY started_at, id",
             {family_id, from_utc, to_utc});
}

}  // namespace kansrijk::contacts
