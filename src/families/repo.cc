#include "families/repo.h"

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::families {
namespace {

constexpr const char* kFamilySelect =
    "SELECT f.id, f.organisation_id, f.name, f.coach_id, COALESCE(u.display_name, ''), f.status, f.version, "
    "f.created_at, f.updated_at, (SELECT COUNT(*) FROM members m WHERE m.family_id = f.id), f.name_key "
    "FROM families f LEFT JOIN users u ON u.id = f.coach_id ";

Family FamilyFromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.OptText(3), r.Text(4), r.Text(5),
          r.Int(6),  r.Text(7), r.Text(8), r.Int(9)};
}

constexpr const char* kMemberSelect =
    "SELECT id, family_id, given_name, family_name, birth_date, sex, household_role, version, created_at, updated_at "
    "FROM members ";

Member MemberFromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.OptText(4), r.Text(5), r.Text(6),
          r.Int(7),  r.Text(8), r.Text(9)};
}

}  // namespace

Result<Family> FamilyRepo::Get(db::Connection& c, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kFamilySelect) + "WHERE f.id = ?", {id}));
  if (rows.empty()) return Status::NotFound("Dit gezin bestaat niet of u heeft er geen toegang toe.");
  return FamilyFromRow(rows[0]);
}

Result<FamilyPage> FamilyRepo::List(db::Connection& c, const FamilyListQuery& q) {
  // Empty strings switch a filter off; typed text parameters keep one prepared plan on both engines.
  std::string coach = q.coach_id.value_or(""), status = q.status.value_or("");
  std::string like;
  if (q.name_contains) {  // built step by step: GCC 12 -O2 warns falsely (-Wrestrict) on "%" + string&&
    like.append("%").append(db::LikeEscape(FamilyNameKey(*q.name_contains))).append("%");
  }
  std::string after_key = q.after ? q.after->first : "", after_id = q.after ? q.after->second : "";
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(std::string(kFamilySelect) +
                               "WHERE f.organisation_id = ? AND (? = '' OR f.coach_id = ?) AND (? = '' OR f.status = ?) "
                               "AND (? = '' OR f.name_key LIKE ? ESCAPE '\\') "
                               "AND (? = '' OR f.name_key > ? OR (f.name_key = ? AND f.id > ?)) "
                               "ORDER BY f.name_key, f.id LIMIT ?",
                           {q.organisation_id, coach, coach, status, status, like, like, after_id, after_key, after_key,
                            after_id, int64_t{q.limit + 1}}));
  FamilyPage page;
  for (size_t i = 0; i < rows.size() && i < size_t(q.limit); ++i) page.items.push_back(FamilyFromRow(rows[i]));
  if (rows.size() > size_t(q.limit)) page.next = std::pair{rows[q.limit - 1].Text(10), rows[q.limit - 1].Text(0)};
  return page;
}

Result<Family> FamilyRepo::Insert(db::Connection& tx, const std::string& organisation_id, const std::string& name,
                                  const std::optional<std::string>& coach_id) {
  std::string id = NewId(), now = FormatUtc(Now());
  RETURN_IF_ERROR(tx.Exec("INSERT INTO families (id, organisation_id, name, name_key, coach_id, status, version, "
                          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', 1, ?, ?)",
                          {id, organisation_id, name, FamilyNameKey(name), db::Opt(coach_id), now, now})
                      .status());
  return Get(tx, id);
}

Result<Family> FamilyRepo::Update(db::Connection& tx, const Family& current, int64_t expected_version,
                                  const std::string& name, const std::optional<std::string>& coach_id,
                                  const std::string& status) {
  if (current.version != expected_version)
    return Status(Code::kFailedPrecondition,
                  "Iemand anders heeft dit gezin intussen gewijzigd. Laad het opnieuw en probeer het nog eens.");
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE families SET name = ?, name_key = ?, coach_id = ?, status = ?, version = version + 1, "
                           "updated_at = ? WHERE id = ? AND version = ?",
                           {name, FamilyNameKey(name), db::Opt(coach_id), status, FormatUtc(Now()), current.id,
                            expected_version}));
  if (changed != 1) return Status(Code::kFailedPrecondition, "Iemand anders heeft dit gezin intussen gewijzigd.");
  return Get(tx, current.id);
}

Result<std::vector<Member>> FamilyRepo::Members(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kMemberSelect) + "WHERE family_id = ? ORDER BY birth_date, id",
                                      {family_id}));
  std::vector<Member> out;
  for (const auto& r : rows) out.push_back(MemberFromRow(r));
  return out;
}

Result<Member> FamilyRepo::GetMember(db::Connection& c, const std::string& family_id, const std::string& member_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kMemberSelect) + "WHERE id = ? AND family_id = ?",
                                      {member_id, family_id}));
  if (rows.empty()) return Status::NotFound("Dit gezinslid bestaat niet.");
  return MemberFromRow(rows[0]);
}

Result<Member> FamilyRepo::InsertMember(db::Connection& tx, const std::string& family_id, const MemberFields& m) {
  std::string id = NewId(), now = FormatUtc(Now());
  std::optional<std::string> birth = m.birth_date ? *m.birth_date : std::nullopt;
  RETURN_IF_ERROR(tx.Exec("INSERT INTO members (id, family_id, given_name, family_name, birth_date, sex, household_role, "
                          "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
                          {id, family_id, m.given_name.value_or(""), m.family_name.value_or(""), db::Opt(birth),
                           m.sex.value_or("unknown"), m.household_role.value_or("other"), now, now})
                      .status());
  return GetMember(tx, family_id, id);
}

Result<Member> FamilyRepo::UpdateMember(db::Connection& tx, const Member& m, int64_t expected_version) {
  if (m.version != expected_version)
    return Status(Code::kFailedPrecondition, "Iemand anders heeft dit gezinslid intussen gewijzigd. Laad opnieuw.");
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE members SET given_name = ?, family_name = ?, birth_date = ?, sex = ?, "
                           "household_role = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                           {m.given_name, m.family_name, db::Opt(m.birth_date), m.sex, m.household_role,
                            FormatUtc(Now()), m.id, expected_version}));
  if (changed != 1) return Status(Code::kFailedPrecondition, "Iemand anders heeft dit gezinslid intussen gewijzigd.");
  return GetMember(tx, m.family_id, m.id);
}

Status FamilyRepo::CheckCoach(db::Connection& c, const std::string& organisation_id, const std::string& coach_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM users WHERE id = ? AND organisation_id = ? AND "
                                      "role = 'coach' AND disabled = 0",
                                      {coach_id, organisation_id}));
  if (rows.at(0).Int(0) == 0)
    return Status::InvalidField("coach_id", "Kies een actieve coach van uw eigen organisatie.");
  return Status::Ok();
}

}  // namespace kansrijk::families
