#include "families/repo.h"

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::families {
namespace {

constexpr const char* kMemberSelect =
    "SELECT id, family_id, given_name, family_name, birth_date, sex, household_role, version, created_at, updated_at "
    "FROM members ";

Member MemberFromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.OptText(4), r.Text(5), r.Text(6),
          r.Int(7),  r.Text(8), r.Text(9)};
}

}  // namespace

const char* const FamilyRepo::kColumns =
    "f.id, f.organisation_id, f.name, f.coach_id, COALESCE(u.display_name, ''), f.status, f.version, "
    "f.created_at, f.updated_at, (SELECT COUNT(*) FROM members m WHERE m.family_id = f.id), f.name_key";
const char* const FamilyRepo::kFrom = " FROM families f LEFT JOIN users u ON u.id = f.coach_id ";

Family FamilyRepo::FromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.OptText(3), r.Text(4), r.Text(5), r.Int(6), r.Text(7), r.Text(8), r.Int(9)};
}

Result<Family> FamilyRepo::Get(db::Connection& c, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT ") + kColumns + kFrom + "WHERE f.id = ?", {id}));
  if (rows.empty()) return Status::NotFound("family_not_found");
  return FromRow(rows[0]);
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
  if (current.version != expected_version) return Status(Code::kFailedPrecondition, "version_stale");
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE families SET name = ?, name_key = ?, coach_id = ?, status = ?, "
                           "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                           {name, FamilyNameKey(name), db::Opt(coach_id), status, FormatUtc(Now()), current.id,
                            expected_version}));
  if (changed != 1) return Status(Code::kFailedPrecondition, "version_stale");
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
  if (rows.empty()) return Status::NotFound("member_not_found");
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
    return Status(Code::kFailedPrecondition, "version_stale");
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE members SET given_name = ?, family_name = ?, birth_date = ?, sex = ?, "
                           "household_role = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                           {m.given_name, m.family_name, db::Opt(m.birth_date), m.sex, m.household_role,
                            FormatUtc(Now()), m.id, expected_version}));
  if (changed != 1) return Status(Code::kFailedPrecondition, "version_stale");
  return GetMember(tx, m.family_id, m.id);
}

namespace {
constexpr const char* kCoachSelect =
    "SELECT fc.id, fc.family_id, fc.user_id, COALESCE(u.display_name, ''), fc.role, fc.started_on, fc.ended_on, "
    "fc.note, fc.end_note FROM family_coaches fc LEFT JOIN users u ON u.id = fc.user_id ";
FamilyCoach CoachFromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.OptText(6), r.OptText(7), r.OptText(8)};
}
}  // namespace

Result<std::vector<FamilyCoach>> FamilyRepo::Coaches(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kCoachSelect) +
                                          "WHERE fc.family_id = ? ORDER BY CASE WHEN fc.ended_on IS NULL THEN 0 ELSE 1 "
                                          "END, fc.started_on, fc.created_at, fc.id",
                                      {family_id}));
  std::vector<FamilyCoach> out;
  for (const auto& r : rows) out.push_back(CoachFromRow(r));
  return out;
}

Result<FamilyCoach> FamilyRepo::GetCoach(db::Connection& c, const std::string& family_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kCoachSelect) + "WHERE fc.id = ? AND fc.family_id = ?", {id, family_id}));
  if (rows.empty()) return Status::NotFound("family_coach_not_found");
  return CoachFromRow(rows[0]);
}

Result<std::vector<std::string>> FamilyRepo::ActiveCoachIds(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT user_id FROM family_coaches WHERE family_id = ? AND ended_on IS NULL "
                                      "ORDER BY started_on, id",
                                      {family_id}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

Result<FamilyCoach> FamilyRepo::InsertCoach(db::Connection& tx, const FamilyCoach& fc) {
  std::string id = NewId();
  RETURN_IF_ERROR(tx.Exec("INSERT INTO family_coaches (id, family_id, user_id, role, started_on, note, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)",
                          {id, fc.family_id, fc.user_id, fc.role, fc.started_on, db::Opt(fc.note), FormatUtc(Now())})
                      .status());
  return GetCoach(tx, fc.family_id, id);
}

Status FamilyRepo::EndCoach(db::Connection& tx, const std::string& id, const std::string& ended_on,
                            const std::string& end_note) {
  ASSIGN_OR_RETURN(int64_t changed, tx.Exec("UPDATE family_coaches SET ended_on = ?, end_note = ? WHERE id = ? AND "
                                            "ended_on IS NULL",
                                            {ended_on, end_note, id}));
  if (changed != 1) return Status(Code::kConflict, "coach_already_ended");
  return Status::Ok();
}

Status FamilyRepo::CheckCoach(db::Connection& c, const std::string& organisation_id, const std::string& coach_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM users WHERE id = ? AND organisation_id = ? AND "
                                      "role = 'coach' AND disabled = 0",
                                      {coach_id, organisation_id}));
  if (rows.at(0).Int(0) == 0)
    return Status::InvalidField("coach_id", "coach_not_in_organisation");
  return Status::Ok();
}

}  // namespace kansrijk::families
