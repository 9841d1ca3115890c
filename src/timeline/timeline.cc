#include "timeline/timeline.h"

#include "platform/random.h"
#include "platform/time.h"

namespace kansrijk::timeline {

Status Append(db::Connection& tx, Entry e) {
  if (e.id.empty()) e.id = NewId();
  if (e.at.empty()) e.at = FormatUtc(Now());
  return tx
      .Exec("INSERT INTO family_events (id, family_id, at, event_date, kind, from_value, to_value, note, user_id, "
            "user_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {e.id, e.family_id, e.at, e.date, e.kind, db::Opt(e.from), db::Opt(e.to), db::Opt(e.note),
             db::Opt(e.user_id), e.user_name})
      .status();
}

Result<std::vector<Entry>> ForFamily(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto rows, c.Query("SELECT id, family_id, at, event_date, kind, from_value, to_value, note, user_id, "
                                      "user_name FROM family_events WHERE family_id = ? ORDER BY at, id",
                                      {family_id}));
  std::vector<Entry> out;
  for (const auto& r : rows)
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.OptText(5), r.OptText(6), r.OptText(7),
                   r.OptText(8), r.Text(9)});
  return out;
}

}  // namespace kansrijk::timeline
