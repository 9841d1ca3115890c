#include "families/repo.h"

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::families {
namespace {

constexpr const char* kFamilySelect =
    "SELECT f.id, f.organisation_id, f.name, f.coach_id, COALESCE(u.display_name, ''), f.status, f.version, "
    "f.created_at, f.updated_at, (SELECT COUNT(*) FROM members m WHERE m.family_id = f.id), f.name_key, "
    "f.programme_id, COALESCE(p.name, ''), f.phase, f.waiting_since, f.intake_date, f.closing_reason, "
    "f.closing_summary, f.referrer_organisation, f.referrer_kind, f.referral_reason, f.contact_phone, "
    "f.contact_email, f.contact_address "
    "FROM families f LEFT JOIN users u ON u.id = f.coach_id LEFT JOIN programmes p ON p.id = f.programme_id ";

Family FamilyFromRow(const db::Row& r) {
  Family f{r.Text(0), r.Text(1), r.Text(2), r.OptText(3), r.Text(4), r.Text(5),
           r.Int(6),  r.Text(7), r.Text(8), r.Int(9)};
  f.programme_id = r.OptText(11);
  f.programme_name = r.Text(12);
  f.phase = r.Text(13);
  f.waiting_since = r.OptText(14);
  f.intake_date = r.OptText(15);
  f.closing_reason = r.OptText(16);
  f.closing_summary = r.OptText(17);
  f.referrer_organisation = r.OptText(18);
  f.referrer_kind = r.OptText(19);
  f.referral_reason = r.OptText(20);
  f.contact_phone = r.OptText(21);
  f.contact_email = r.OptText(22);
  f.contact_address = r.OptText(23);
  return f;
}

// Families that wait sort before the rest; this stands in for "not waiting" in the sort key.
constexpr const char* kNotWaiting = "9999-12-31T23:59:59.999Z";

// One WHERE tail and ORDER BY per sort, all with the same parameters (after-id check, key, key, id).
constexpr const char* kKeysetByName =
    "AND (? = '' OR f.name_key > ? OR (f.name_key = ? AND f.id > ?)) ORDER BY f.name_key, f.id LIMIT ?";
constexpr const char* kKeysetByWaiting =
    "AND (? = '' OR COALESCE(f.waiting_since, '9999-12-31T23:59:59.999Z') > ? OR "
    "(COALESCE(f.waiting_since, '9999-12-31T23:59:59.999Z') = ? AND f.id > ?)) "
    "ORDER BY COALESCE(f.waiting_since, '9999-12-31T23:59:59.999Z'), f.id LIMIT ?";
constexpr const char* kKeysetByUpdated =
    "AND (? = '' OR f.updated_at < ? OR (f.updated_at = ? AND f.id < ?)) ORDER BY f.updated_at DESC, f.id DESC LIMIT ?";

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
  if (rows.empty()) return Status::NotFound("family_not_found");
  return FamilyFromRow(rows[0]);
}

Result<FamilyPage> FamilyRepo::List(db::Connection& c, const FamilyListQuery& q) {
  // Empty strings switch a filter off; typed text parameters keep one prepared plan on both engines.
  std::string coach = q.coach_id.value_or(""), status = q.status.value_or("");
  std::string phase = q.phase.value_or(""), programme = q.programme_id.value_or("");
  std::string like;
  if (q.name_contains) {  // built step by step: GCC 12 -O2 warns falsely (-Wrestrict) on "%" + string&&
    like.append("%").append(db::LikeEscape(FamilyNameKey(*q.name_contains))).append("%");
  }
  std::string after_key = q.after ? q.after->first : "", after_id = q.after ? q.after->second : "";
  const char* keyset = q.sort == FamilyListQuery::Sort::kByWaiting   ? kKeysetByWaiting
                       : q.sort == FamilyListQuery::Sort::kByUpdated ? kKeysetByUpdated
                                                                     : kKeysetByName;
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(std::string(kFamilySelect) +
                               "WHERE f.organisation_id = ? AND (? = '' OR f.coach_id = ?) AND (? = '' OR f.status = ?) "
                               "AND (? = '' OR f.name_key LIKE ? ESCAPE '\\') "
                               "AND (? = '' OR f.phase = ?) AND (? = '' OR f.programme_id = ?) "
                               "AND (? = 0 OR (f.coach_id IS NULL AND f.phase IN ('aanmelding', 'intake') "
                               "AND f.status = 'active')) " +
                               keyset,
                           {q.organisation_id, coach, coach, status, status, like, like, phase, phase, programme,
                            programme, int64_t{q.waiting_only ? 1 : 0}, after_id, after_key, after_key, after_id,
                            int64_t{q.limit + 1}}));
  FamilyPage page;
  for (size_t i = 0; i < rows.size() && i < size_t(q.limit); ++i) page.items.push_back(FamilyFromRow(rows[i]));
  if (rows.size() > size_t(q.limit)) {
    const auto& last = rows[q.limit - 1];
    std::string key = q.sort == FamilyListQuery::Sort::kByWaiting   ? last.OptText(14).value_or(kNotWaiting)
                      : q.sort == FamilyListQuery::Sort::kByUpdated ? last.Text(8)
                                                                    : last.Text(10);
    page.next = std::pair{key, last.Text(0)};
  }
  return page;
}

Result<Family> FamilyRepo::Insert(db::Connection& tx, const std::string& organisation_id, const std::string& name,
                                  const std::optional<std::string>& coach_id) {
  Family f;
  f.organisation_id = organisation_id;
  f.name = name;
  f.coach_id = coach_id;
  if (!coach_id) f.waiting_since = FormatUtc(Now());
  return InsertFull(tx, f);
}

Result<Family> FamilyRepo::InsertFull(db::Connection& tx, const Family& f) {
  std::string id = NewId(), now = FormatUtc(Now());
  RETURN_IF_ERROR(tx.Exec("INSERT INTO families (id, organisation_id, name, name_key, coach_id, status, version, "
                          "created_at, updated_at, programme_id, phase, waiting_since, intake_date, closing_reason, "
                          "closing_summary, referrer_organisation, referrer_kind, referral_reason, contact_phone, "
                          "contact_email, contact_address) "
                          "VALUES (?, ?, ?, ?, ?, 'active', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {id, f.organisation_id, f.name, FamilyNameKey(f.name), db::Opt(f.coach_id), now, now,
                           db::Opt(f.programme_id), f.phase, db::Opt(f.waiting_since), db::Opt(f.intake_date),
                           db::Opt(f.closing_reason), db::Opt(f.closing_summary), db::Opt(f.referrer_organisation),
                           db::Opt(f.referrer_kind), db::Opt(f.referral_reason), db::Opt(f.contact_phone),
                           db::Opt(f.contact_email), db::Opt(f.contact_address)})
                      .status());
  return Get(tx, id);
}

Result<Family> FamilyRepo::UpdateTrajectory(db::Connection& tx, const Family& f, int64_t expected_version) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE families SET coach_id = ?, programme_id = ?, phase = ?, waiting_since = ?, "
                           "intake_date = ?, closing_reason = ?, closing_summary = ?, version = version + 1, "
                           "updated_at = ? WHERE id = ? AND version = ?",
                           {db::Opt(f.coach_id), db::Opt(f.programme_id), f.phase, db::Opt(f.waiting_since),
                            db::Opt(f.intake_date), db::Opt(f.closing_reason), db::Opt(f.closing_summary),
                            FormatUtc(Now()), f.id, expected_version}));
  if (changed != 1) return Status(Code::kFailedPrecondition, "version_stale");
  return Get(tx, f.id);
}

Result<Family> FamilyRepo::Update(db::Connection& tx, const Family& current, int64_t expected_version,
                                  const std::string& name, const std::optional<std::string>& coach_id,
                                  const std::string& status) {
  if (current.version != expected_version)
    return Status(Code::kFailedPrecondition, "version_stale");
  // A family without a coach in aanmelding or intake is on the waiting list; one with a coach is not.
  std::optional<std::string> waiting_since;
  if (!coach_id && (current.phase == "aanmelding" || current.phase == "intake"))
    waiting_since = current.coach_id ? FormatUtc(Now()) : current.waiting_since.value_or(FormatUtc(Now()));
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE families SET name = ?, name_key = ?, coach_id = ?, status = ?, waiting_since = ?, "
                           "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                           {name, FamilyNameKey(name), db::Opt(coach_id), status, db::Opt(waiting_since),
                            FormatUtc(Now()), current.id, expected_version}));
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

Status FamilyRepo::CheckCoach(db::Connection& c, const std::string& organisation_id, const std::string& coach_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM users WHERE id = ? AND organisation_id = ? AND "
                                      "role = 'coach' AND disabled = 0",
                                      {coach_id, organisation_id}));
  if (rows.at(0).Int(0) == 0)
    return Status::InvalidField("coach_id", "coach_not_in_organisation");
  return Status::Ok();
}

}  // namespace kansrijk::families
