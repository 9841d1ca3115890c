#include "trajectory/repo.h"

#include "families/repo.h"
#include "platform/time.h"

namespace kansrijk::trajectory {
namespace {

using families::FamilyRepo;

// The trajectory columns, read after the family's (FamilyRepo::kColumns) with FromRow(row, first).
constexpr const char* kColumns =
    "f.programme_id, COALESCE(p.name, ''), f.phase, f.waiting_since, f.intake_date, f.closing_reason, "
    "f.closing_summary, f.referrer_organisation, f.referrer_kind, f.referral_reason, f.contact_phone, "
    "f.contact_email, f.contact_address";
constexpr const char* kJoinProgramme = "LEFT JOIN programmes p ON p.id = f.programme_id ";
constexpr int kWaitingSinceColumn = 3;

Trajectory FromRow(const db::Row& r, int first) {
  Trajectory t;
  t.family_id = r.Text(0);
  t.programme_id = r.OptText(first + 0);
  t.programme_name = r.Text(first + 1);
  t.phase = r.Text(first + 2);
  t.waiting_since = r.OptText(first + 3);
  t.intake_date = r.OptText(first + 4);
  t.closing_reason = r.OptText(first + 5);
  t.closing_summary = r.OptText(first + 6);
  t.referrer_organisation = r.OptText(first + 7);
  t.referrer_kind = r.OptText(first + 8);
  t.referral_reason = r.OptText(first + 9);
  t.contact_phone = r.OptText(first + 10);
  t.contact_email = r.OptText(first + 11);
  t.contact_address = r.OptText(first + 12);
  return t;
}

std::string CaseSelect() {
  return std::string("SELECT ") + FamilyRepo::kColumns + ", " + kColumns + FamilyRepo::kFrom + kJoinProgramme;
}

Case CaseFromRow(const db::Row& r) {
  return {FamilyRepo::FromRow(r), FromRow(r, FamilyRepo::kColumnCount)};
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

constexpr const char* kSetColumns =
    "programme_id = ?, phase = ?, waiting_since = ?, intake_date = ?, closing_reason = ?, closing_summary = ?, "
    "referrer_organisation = ?, referrer_kind = ?, referral_reason = ?, contact_phone = ?, contact_email = ?, "
    "contact_address = ?";

std::vector<db::Param> ColumnValues(const Trajectory& t) {
  return {db::Opt(t.programme_id),          t.phase,
          db::Opt(t.waiting_since),         db::Opt(t.intake_date),
          db::Opt(t.closing_reason),        db::Opt(t.closing_summary),
          db::Opt(t.referrer_organisation), db::Opt(t.referrer_kind),
          db::Opt(t.referral_reason),       db::Opt(t.contact_phone),
          db::Opt(t.contact_email),         db::Opt(t.contact_address)};
}

}  // namespace

Result<Trajectory> TrajectoryRepo::Get(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT f.id, ") + kColumns + " FROM families f " + kJoinProgramme +
                                          "WHERE f.id = ?",
                                      {family_id}));
  if (rows.empty()) return Status::NotFound("family_not_found");
  return FromRow(rows[0], 1);
}

Status TrajectoryRepo::Write(db::Connection& tx, const Trajectory& t) {
  auto values = ColumnValues(t);
  values.push_back(t.family_id);
  ASSIGN_OR_RETURN(int64_t changed, tx.Exec(std::string("UPDATE families SET ") + kSetColumns + " WHERE id = ?", values));
  if (changed != 1) return Status::NotFound("family_not_found");
  return Status::Ok();
}

Status TrajectoryRepo::Update(db::Connection& tx, const Trajectory& t, int64_t expected_version) {
  auto values = ColumnValues(t);
  values.push_back(FormatUtc(Now()));
  values.push_back(t.family_id);
  values.push_back(int64_t{expected_version});
  ASSIGN_OR_RETURN(int64_t changed, tx.Exec(std::string("UPDATE families SET ") + kSetColumns +
                                                ", version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                                            values));
  if (changed != 1) return Status(Code::kFailedPrecondition, "version_stale");
  return Status::Ok();
}

Result<Case> CaseloadRepo::Get(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(CaseSelect() + "WHERE f.id = ?", {family_id}));
  if (rows.empty()) return Status::NotFound("family_not_found");
  return CaseFromRow(rows[0]);
}

Result<CasePage> CaseloadRepo::List(db::Connection& c, const CaseloadQuery& q) {
  // Empty strings switch a filter off; typed text parameters keep one prepared plan on both engines.
  std::string coach = q.coach_id.value_or(""), status = q.status.value_or("");
  std::string phase = q.phase.value_or(""), programme = q.programme_id.value_or("");
  std::string like;
  if (q.name_contains) {  // built step by step: GCC 12 -O2 warns falsely (-Wrestrict) on "%" + string&&
    like.append("%").append(db::LikeEscape(families::FamilyNameKey(*q.name_contains))).append("%");
  }
  std::string after_key = q.after ? q.after->first : "", after_id = q.after ? q.after->second : "";
  const char* keyset = q.sort == CaseloadQuery::Sort::kByWaiting   ? kKeysetByWaiting
                       : q.sort == CaseloadQuery::Sort::kByUpdated ? kKeysetByUpdated
                                                                   : kKeysetByName;
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(CaseSelect() +
                               "WHERE f.organisation_id = ? AND (? = '' OR f.coach_id = ?) AND (? = '' OR f.status = ?) "
                               "AND (? = '' OR f.name_key LIKE ? ESCAPE '\\') "
                               "AND (? = '' OR f.phase = ?) AND (? = '' OR f.programme_id = ?) "
                               "AND (? = 0 OR " + std::string(kOnWaitingListSql) + ") " + keyset,
                           {q.organisation_id, coach, coach, status, status, like, like, phase, phase, programme,
                            programme, int64_t{q.waiting_only ? 1 : 0}, after_id, after_key, after_key, after_id,
                            int64_t{q.limit + 1}}));
  CasePage page;
  for (size_t i = 0; i < rows.size() && i < size_t(q.limit); ++i) page.items.push_back(CaseFromRow(rows[i]));
  if (rows.size() > size_t(q.limit)) {
    const auto& last = rows[q.limit - 1];
    std::string key =
        q.sort == CaseloadQuery::Sort::kByWaiting
            ? last.OptText(FamilyRepo::kColumnCount + kWaitingSinceColumn).value_or(kNotWaiting)
        : q.sort == CaseloadQuery::Sort::kByUpdated ? last.Text(8)
                                                    : last.Text(FamilyRepo::kNameKeyColumn);
    page.next = std::pair{key, last.Text(0)};
  }
  return page;
}

Result<std::vector<CoachLoad>> OverviewRepo::Coaches(db::Connection& c, const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto coaches, c.Query("SELECT id, display_name FROM users WHERE organisation_id = ? AND "
                                         "role = 'coach' AND disabled = 0 ORDER BY display_name, id",
                                         {organisation_id}));
  ASSIGN_OR_RETURN(auto counts, c.Query("SELECT coach_id, phase, COUNT(*) FROM families WHERE organisation_id = ? AND "
                                        "status = 'active' AND coach_id IS NOT NULL GROUP BY coach_id, phase",
                                        {organisation_id}));
  std::vector<CoachLoad> out;
  std::map<std::string, size_t> index;
  for (const auto& r : coaches) {
    CoachLoad load{r.Text(0), r.Text(1), {}, 0};
    for (const auto& p : Phases()) load.by_phase[p] = 0;
    index[load.id] = out.size();
    out.push_back(std::move(load));
  }
  for (const auto& r : counts) {
    auto it = index.find(r.Text(0));
    if (it == index.end()) continue;  // a disabled coach's families show up as theirs elsewhere
    out[it->second].by_phase[r.Text(1)] += r.Int(2);
    out[it->second].total += r.Int(2);
  }
  return out;
}

Result<std::vector<std::string>> OverviewRepo::WaitingSince(db::Connection& c, const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string("SELECT COALESCE(f.waiting_since, f.created_at) FROM families f "
                                                  "WHERE f.organisation_id = ? AND ") +
                                          kOnWaitingListSql,
                                      {organisation_id}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

}  // namespace kansrijk::trajectory
