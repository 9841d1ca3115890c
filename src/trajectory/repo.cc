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
    "f.contact_email, f.contact_address, f.closed_on, f.closed_from_phase, f.ended_on";
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
  t.closed_on = r.OptText(first + 13);
  t.closed_from_phase = r.OptText(first + 14);
  t.ended_on = r.OptText(first + 15);
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
    "contact_address = ?, closed_on = ?, closed_from_phase = ?, ended_on = ?";

std::vector<db::Param> ColumnValues(const Trajectory& t) {
  return {db::Opt(t.programme_id),          t.phase,
          db::Opt(t.waiting_since),         db::Opt(t.intake_date),
          db::Opt(t.closing_reason),        db::Opt(t.closing_summary),
          db::Opt(t.referrer_organisation), db::Opt(t.referrer_kind),
          db::Opt(t.referral_reason),       db::Opt(t.contact_phone),
          db::Opt(t.contact_email),         db::Opt(t.contact_address),
          db::Opt(t.closed_on),             db::Opt(t.closed_from_phase),
          db::Opt(t.ended_on)};
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

Result<std::vector<std::string>> CaseloadRepo::ActiveFamilyIdsOfCoach(db::Connection& c,
                                                                     const std::string& organisation_id,
                                                                     const std::string& coach_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id FROM families WHERE organisation_id = ? AND coach_id = ? AND status = 'active' "
                                      "UNION SELECT f.id FROM family_coaches fc JOIN families f ON f.id = fc.family_id "
                                      "WHERE fc.user_id = ? AND fc.ended_on IS NULL AND f.organisation_id = ? "
                                      "AND f.status = 'active'",
                                      {organisation_id, coach_id, coach_id, organisation_id}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

namespace {

// The filters of the caseload as one WHERE clause and its parameters, shared by the page and its
// count so the total always counts exactly the rows the pages walk through.
struct CaseFilter {
  std::string where;
  std::vector<db::Param> params;
};

CaseFilter FilterOf(const CaseloadQuery& q) {
  // Empty strings switch a filter off (typed text parameters, so few prepared plans on both engines).
  std::string coach = q.coach_id.value_or(""), status = q.status.value_or("");
  std::string phase = q.phase.value_or(""), programme = q.programme_id.value_or("");
  std::string like;
  if (q.name_contains) {  // built step by step: GCC 12 -O2 warns falsely (-Wrestrict) on "%" + string&&
    like.append("%").append(db::LikeEscape(families::FamilyNameKey(*q.name_contains))).append("%");
  }
  CaseFilter filter{"WHERE f.organisation_id = ? ", {q.organisation_id}};
  if (!coach.empty()) {
    // A coach's families as a set the planner can start from (the coach index and the further
    // coaches' index): a catch-all "? = '' OR f.coach_id = ?" made it walk the whole
    // organisation in sort order, 0.3 s at 250,000 families for a coach with 20.
    filter.where += "AND f.id IN (SELECT f2.id FROM families f2 WHERE f2.organisation_id = ? AND f2.coach_id = ? "
                    "UNION SELECT fc.family_id FROM family_coaches fc WHERE fc.user_id = ? AND fc.ended_on IS NULL "
                    "AND ? = 0) ";
    filter.params.insert(filter.params.end(),
                         {q.organisation_id, coach, coach, int64_t{q.main_coach_only ? 1 : 0}});
  }
  filter.where += "AND (? = '' OR f.status = ?) "
                  "AND (? = '' OR f.name_key LIKE ? ESCAPE '\\') "
                  "AND (? = '' OR f.phase = ?) AND (? = '' OR f.programme_id = ?) "
                  "AND (? = 0 OR " + std::string(kOnWaitingListSql) + ") ";
  filter.params.insert(filter.params.end(), {status, status, like, like, phase, phase, programme, programme,
                                             int64_t{q.waiting_only ? 1 : 0}});
  return filter;
}

}  // namespace

Result<CasePage> CaseloadRepo::List(db::Connection& c, const CaseloadQuery& q) {
  std::string after_key = q.after ? q.after->first : "", after_id = q.after ? q.after->second : "";
  const char* keyset = q.sort == CaseloadQuery::Sort::kByWaiting   ? kKeysetByWaiting
                       : q.sort == CaseloadQuery::Sort::kByUpdated ? kKeysetByUpdated
                                                                   : kKeysetByName;
  CaseFilter filter = FilterOf(q);
  for (db::Param p : {db::Param{after_id}, db::Param{after_key}, db::Param{after_key}, db::Param{after_id},
                      db::Param{int64_t{q.limit + 1}}})
    filter.params.push_back(std::move(p));
  ASSIGN_OR_RETURN(auto rows, c.Query(CaseSelect() + filter.where + keyset, filter.params));
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

Result<int64_t> CaseloadRepo::Count(db::Connection& c, const CaseloadQuery& q) {
  CaseFilter filter = FilterOf(q);
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COUNT(*) FROM families f " + filter.where, filter.params));
  return rows.empty() ? int64_t{0} : rows[0].Int(0);
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
    out[it->second].by_role["gezinscoach"] += r.Int(2);
  }
  ASSIGN_OR_RETURN(auto further,
                   c.Query("SELECT fc.user_id, fc.role, COUNT(DISTINCT fc.family_id) FROM family_coaches fc "
                           "JOIN families f ON f.id = fc.family_id WHERE f.organisation_id = ? AND f.status = 'active' "
                           "AND fc.ended_on IS NULL GROUP BY fc.user_id, fc.role",
                           {organisation_id}));
  for (const auto& r : further) {
    auto it = index.find(r.Text(0));
    if (it == index.end()) continue;
    out[it->second].by_role[r.Text(1)] += r.Int(2);
  }
  return out;
}

Result<ClosingCounts> OverviewRepo::Closings(db::Connection& c, const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COALESCE(closed_from_phase, ''), COALESCE(closing_reason, ''), COUNT(*) "
                                      "FROM families WHERE organisation_id = ? AND phase IN ('afsluiting', 'nazorg') "
                                      "GROUP BY closed_from_phase, closing_reason",
                                      {organisation_id}));
  ClosingCounts out;
  for (const auto& r : rows) {
    if (IsNotStartedClosing(r.Text(0))) {
      out.not_started += r.Int(2);
      out.not_started_by_reason[r.Text(1)] += r.Int(2);
    } else {
      out.completed += r.Int(2);
    }
  }
  return out;
}

Result<std::map<std::string, int64_t>> OverviewRepo::ReferralsByKind(db::Connection& c,
                                                                     const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT referrer_kind, COUNT(*) FROM families WHERE organisation_id = ? AND "
                                      "referrer_kind IS NOT NULL GROUP BY referrer_kind",
                                      {organisation_id}));
  std::map<std::string, int64_t> out;
  for (const auto& r : rows) out[r.Text(0)] = r.Int(1);
  return out;
}

namespace {
constexpr const char* kFollowUpSelect =
    "SELECT fu.id, fu.family_id, fu.organisation_id, fu.months, fu.due_on, fu.status, fu.note, fu.recorded_on, "
    "fu.recorded_by_name, f.name FROM follow_ups fu JOIN families f ON f.id = fu.family_id ";

FollowUp FollowUpFromRow(const db::Row& r) {
  FollowUp f;
  f.id = r.Text(0);
  f.family_id = r.Text(1);
  f.organisation_id = r.Text(2);
  f.months = r.Int(3);
  f.due_on = r.Text(4);
  f.status = r.Text(5);
  f.note = r.OptText(6);
  f.recorded_on = r.OptText(7);
  f.recorded_by_name = r.OptText(8);
  f.family_name = r.Text(9);
  return f;
}
}  // namespace

Result<std::vector<FollowUp>> FollowUpRepo::ForFamily(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kFollowUpSelect) + "WHERE fu.family_id = ? ORDER BY fu.due_on, "
                                                                     "fu.created_at, fu.id",
                                      {family_id}));
  std::vector<FollowUp> out;
  for (const auto& r : rows) out.push_back(FollowUpFromRow(r));
  return out;
}

Result<FollowUp> FollowUpRepo::Get(db::Connection& c, const std::string& family_id, const std::string& id) {
  ASSIGN_OR_RETURN(auto rows, c.Query(std::string(kFollowUpSelect) + "WHERE fu.id = ? AND fu.family_id = ?",
                                      {id, family_id}));
  if (rows.empty()) return Status::NotFound("follow_up_not_found");
  return FollowUpFromRow(rows[0]);
}

Status FollowUpRepo::Insert(db::Connection& tx, const FollowUp& f) {
  return tx
      .Exec("INSERT INTO follow_ups (id, family_id, organisation_id, months, due_on, status, created_at) "
            "VALUES (?, ?, ?, ?, ?, 'open', ?)",
            {f.id, f.family_id, f.organisation_id, int64_t{f.months}, f.due_on, FormatUtc(Now())})
      .status();
}

Status FollowUpRepo::Record(db::Connection& tx, const std::string& id, const std::string& outcome,
                            const std::optional<std::string>& note, const std::string& recorded_on,
                            const std::string& user_id, const std::string& user_name) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Exec("UPDATE follow_ups SET status = ?, note = ?, recorded_on = ?, recorded_by = ?, "
                           "recorded_by_name = ? WHERE id = ? AND status = 'open'",
                           {outcome, db::Opt(note), recorded_on, user_id, user_name, id}));
  if (changed != 1) return Status(Code::kConflict, "follow_up_already_recorded");
  return Status::Ok();
}

Status FollowUpRepo::CancelOpen(db::Connection& tx, const std::string& family_id) {
  return tx.Exec("UPDATE follow_ups SET status = 'cancelled' WHERE family_id = ? AND status = 'open'", {family_id})
      .status();
}

Result<FollowUpPage> FollowUpRepo::Due(db::Connection& c, const FollowUpQuery& q) {
  std::string coach = q.coach_id.value_or("");
  std::string after_due = q.after ? q.after->first : "", after_id = q.after ? q.after->second : "";
  ASSIGN_OR_RETURN(auto rows,
                   c.Query(std::string(kFollowUpSelect) +
                               "WHERE fu.organisation_id = ? AND fu.status = 'open' AND fu.due_on <= ? "
                               "AND f.status = 'active' "
                               "AND (? = '' OR f.coach_id = ? OR EXISTS (SELECT 1 FROM family_coaches fc "
                               "WHERE fc.family_id = f.id AND fc.user_id = ? AND fc.ended_on IS NULL)) "
                               "AND (? = '' OR fu.due_on > ? OR (fu.due_on = ? AND fu.id > ?)) "
                               "ORDER BY fu.due_on, fu.id LIMIT ?",
                           {q.organisation_id, q.due_before, coach, coach, coach, after_id, after_due, after_due,
                            after_id, int64_t{q.limit + 1}}));
  FollowUpPage page;
  for (size_t i = 0; i < rows.size() && i < size_t(q.limit); ++i) page.items.push_back(FollowUpFromRow(rows[i]));
  if (rows.size() > size_t(q.limit)) page.next = std::pair{page.items.back().due_on, page.items.back().id};
  return page;
}

Result<std::vector<ReferrerKind>> ReferrerKindRepo::List(db::Connection& c, const std::string& organisation_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT code, label FROM referrer_kinds WHERE organisation_id = ? "
                                      "ORDER BY position, code",
                                      {organisation_id}));
  std::vector<ReferrerKind> out;
  for (const auto& r : rows) out.push_back({r.Text(0), r.Text(1)});
  if (out.empty())
    for (const auto& k : DefaultReferrerKinds()) out.push_back({k, k});
  return out;
}

Status ReferrerKindRepo::Replace(db::Connection& tx, const std::string& organisation_id,
                                 const std::vector<ReferrerKind>& kinds) {
  RETURN_IF_ERROR(tx.Exec("DELETE FROM referrer_kinds WHERE organisation_id = ?", {organisation_id}).status());
  int64_t position = 1;
  for (const auto& k : kinds)
    RETURN_IF_ERROR(tx.Exec("INSERT INTO referrer_kinds (organisation_id, code, label, position) VALUES (?, ?, ?, ?)",
                            {organisation_id, k.code, k.label, position++})
                        .status());
  return Status::Ok();
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
