#include "contacts/repo.h"

#include "platform/http.h"
#include "platform/random.h"
#include "platform/time.h"

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

Result<Contact> ContactRepo::Get(db::Connection& c, const std::string& family_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto got, All(c, "WHERE id = ? AND family_id = ?", {id, family_id}));
  if (got.empty()) return Status::NotFound("contact_not_found");
  RETURN_IF_ERROR(LoadFollowUpLinks(c, got));
  return got[0];
}

Status ContactRepo::LinkFollowUp(db::Connection& tx, const Contact& contact, int64_t position,
                                 const std::string& plan_item_id, const std::string& user_id) {
  auto done = tx.Exec("INSERT INTO contact_follow_up_actions (contact_id, position, family_id, plan_item_id, created_by, "
                      "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                      {contact.id, position, contact.family_id, plan_item_id, user_id, FormatUtc(Now())});
  if (!done.ok() && done.status().code() == Code::kConflict) return Status::Conflict("contact_follow_up_already_planned");
  return done.status();
}

Status ContactRepo::LoadFollowUpLinks(db::Connection& c, std::vector<Contact>& contacts) {
  std::vector<std::string> ids;
  for (const auto& x : contacts)
    if (!x.follow_ups.empty()) ids.push_back(x.id);
  if (ids.empty()) return Status::Ok();
  std::vector<db::Param> params;
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT contact_id, position, plan_item_id FROM contact_follow_up_actions "
                                      "WHERE contact_id IN (" + db::InList(ids, params) + ")",
                                      params));
  for (const auto& r : rows)
    for (auto& x : contacts)
      if (x.id == r.Text(0)) x.follow_up_actions[r.Int(1)] = r.Text(2);
  return Status::Ok();
}

Result<std::vector<Contact>> ContactRepo::Page(db::Connection& c, const std::string& family_id, int limit,
                                               const std::optional<std::pair<std::string, std::string>>& after) {
  if (after) {
    ASSIGN_OR_RETURN(auto page, All(c,
                                    "WHERE family_id = ? AND (started_at < ? OR (started_at = ? AND id < ?)) "
                                    "ORDER BY started_at DESC, id DESC LIMIT ?",
                                    {family_id, after->first, after->first, after->second, int64_t{limit + 1}}));
    RETURN_IF_ERROR(LoadFollowUpLinks(c, page));
    return page;
  }
  ASSIGN_OR_RETURN(auto page, All(c, "WHERE family_id = ? ORDER BY started_at DESC, id DESC LIMIT ?",
                                  {family_id, int64_t{limit + 1}}));
  RETURN_IF_ERROR(LoadFollowUpLinks(c, page));
  return page;
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

Result<std::vector<ContactRepo::PlannedRow>> ContactRepo::PlannedIn(
    db::Connection& c, const std::string& organisation_id, const std::optional<std::vector<std::string>>& family_ids,
    const std::string& from_utc, const std::string& to_utc, int limit) {
  std::vector<db::Param> params{organisation_id, from_utc, to_utc};
  std::string sql =
      "SELECT c.family_id, f.name, c.id, c.started_at, c.kind FROM contacts c JOIN families f ON f.id = c.family_id "
      "WHERE f.organisation_id = ? AND f.status = 'active' AND c.planned = 1 AND c.started_at >= ? AND c.started_at < ? ";
  if (family_ids) sql += "AND c.family_id IN (" + db::InList(*family_ids, params) + ") ";
  sql += "ORDER BY c.started_at, c.id LIMIT ?";
  params.emplace_back(int64_t{limit});
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<PlannedRow> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

Result<std::vector<ContactRepo::MinutesRow>> ContactRepo::BelowWeeklyTargetIn(
    db::Connection& c, const std::string& organisation_id, const std::optional<std::vector<std::string>>& family_ids,
    const std::string& from_utc, const std::string& to_utc, int64_t default_target, int limit) {
  // A caseload (family_ids): each family's week through contacts_family, a few index reads per
  // family. A whole organisation: one grouped pass over the week's contacts (contacts_week)
  // joined to the families, instead of one look-up per family.
  std::vector<db::Param> params;
  std::string sql = "SELECT id, name, minutes, target FROM (SELECT f.id, f.name, ";
  if (family_ids) {
    sql += "COALESCE((SELECT SUM(c.duration_minutes) FROM contacts c WHERE c.family_id = f.id AND c.planned = 0 "
           "AND c.started_at >= ? AND c.started_at < ?), 0) AS minutes, ";
    params.insert(params.end(), {from_utc, to_utc});
  } else {
    sql += "COALESCE(w.minutes, 0) AS minutes, ";
  }
  sql += "COALESCE(p.contact_target_minutes_per_week, ?) AS target "
         "FROM families f LEFT JOIN programmes p ON p.id = f.programme_id ";
  params.emplace_back(default_target);
  if (!family_ids) {
    sql += "LEFT JOIN (SELECT family_id, SUM(duration_minutes) AS minutes FROM contacts "
           "WHERE planned = 0 AND started_at >= ? AND started_at < ? GROUP BY family_id) w ON w.family_id = f.id ";
    params.insert(params.end(), {from_utc, to_utc});
  }
  sql += "WHERE f.organisation_id = ? AND f.status = 'active' ";
  params.emplace_back(organisation_id);
  if (family_ids) sql += "AND f.id IN (" + db::InList(*family_ids, params) + ") ";
  sql += ") m WHERE minutes < target ORDER BY minutes, id LIMIT ?";
  params.emplace_back(int64_t{limit});
  ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
  std::vector<MinutesRow> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3)});
  return out;
}

Result<std::vector<ContactRepo::FamilyMinutes>> ContactRepo::ProgrammeFamilyMinutes(
    db::Connection& c, const std::string& organisation_id, const std::string& programme_id, const std::string& from_utc,
    const std::string& to_utc) {
  // families_programme, then each family's range of contacts_family.
  ASSIGN_OR_RETURN(auto rows,
                   c.Query("SELECT f.id, f.name, f.coach_id, u.display_name, "
                           "COALESCE(SUM(CASE WHEN c.direct = 1 THEN c.duration_minutes ELSE 0 END), 0), "
                           "COALESCE(SUM(CASE WHEN c.direct = 0 THEN c.duration_minutes ELSE 0 END), 0) "
                           "FROM families f LEFT JOIN users u ON u.id = f.coach_id "
                           "LEFT JOIN contacts c ON c.family_id = f.id AND c.planned = 0 AND c.started_at >= ? "
                           "AND c.started_at < ? "
                           "WHERE f.programme_id = ? AND f.organisation_id = ? AND f.status = 'active' "
                           "GROUP BY f.id, f.name, f.coach_id, u.display_name ORDER BY f.name, f.id",
                           {from_utc, to_utc, programme_id, organisation_id}));
  std::vector<FamilyMinutes> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.OptText(2), r.OptText(3), r.Int(4), r.Int(5)});
  return out;
}

Result<std::vector<ContactRepo::CoachMinutes>> ContactRepo::ProgrammeCoachMinutes(
    db::Connection& c, const std::string& organisation_id, const std::string& programme_id, const std::string& from_utc,
    const std::string& to_utc) {
  ASSIGN_OR_RETURN(auto rows,
                   // CROSS JOIN keeps SQLite on the programme's families (families_programme,
                   // then contacts_family); grouped by coach it would otherwise read every
                   // contact of the period through contacts_coach. PostgreSQL plans it freely.
                   c.Query("SELECT c.coach_id, MAX(c.coach_name), "
                           "SUM(CASE WHEN c.direct = 1 THEN c.duration_minutes ELSE 0 END), "
                           "SUM(CASE WHEN c.direct = 0 THEN c.duration_minutes ELSE 0 END) "
                           "FROM families f CROSS JOIN contacts c "
                           "WHERE c.family_id = f.id AND f.programme_id = ? AND f.organisation_id = ? "
                           "AND f.status = 'active' AND c.planned = 0 AND c.started_at >= ? AND c.started_at < ? "
                           "AND c.coach_id IS NOT NULL GROUP BY c.coach_id",
                           {programme_id, organisation_id, from_utc, to_utc}));
  std::vector<CoachMinutes> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Int(3)});
  return out;
}

}  // namespace kansrijk::contacts
