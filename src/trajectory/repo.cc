#include "trajectory/repo.h"

#include "platform/random.h"
#include "platform/time.h"
#include "trajectory/model.h"

namespace kansrijk::trajectory {

Status EventRepo::Append(db::Connection& tx, Event e) {
  if (e.id.empty()) e.id = NewId();
  if (e.at.empty()) e.at = FormatUtc(Now());
  return tx
      .Exec("INSERT INTO family_events (id, family_id, at, event_date, kind, from_value, to_value, note, user_id, "
            "user_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {e.id, e.family_id, e.at, e.date, e.kind, db::Opt(e.from), db::Opt(e.to), db::Opt(e.note),
             db::Opt(e.user_id), e.user_name})
      .status();
}

Result<std::vector<Event>> EventRepo::ForFamily(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, family_id, at, event_date, kind, from_value, to_value, note, user_id, "
                                      "user_name FROM family_events WHERE family_id = ? ORDER BY at, id",
                                      {family_id}));
  std::vector<Event> out;
  for (const auto& r : rows)
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.OptText(5), r.OptText(6), r.OptText(7),
                   r.OptText(8), r.Text(9)});
  return out;
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
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT COALESCE(waiting_since, created_at) FROM families WHERE "
                                      "organisation_id = ? AND coach_id IS NULL AND phase IN ('aanmelding', 'intake') "
                                      "AND status = 'active'",
                                      {organisation_id}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

}  // namespace kansrijk::trajectory
