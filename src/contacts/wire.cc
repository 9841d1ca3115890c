#include "contacts/wire.h"

namespace kansrijk::contacts {

http::Json ContactJson(const Contact& c, bool with_note) {
  http::Json j = {{"id", c.id},
                  {"started_at", c.started_at},
                  {"duration_minutes", c.duration_minutes},
                  {"kind", c.kind},
                  {"direct", c.direct},
                  {"planned", c.planned},
                  {"member_ids", c.member_ids},
                  {"topics", c.topics},
                  {"follow_ups", c.follow_ups},
                  {"coach_id", c.coach_id ? http::Json(*c.coach_id) : http::Json(nullptr)},
                  {"coach_name", c.coach_name},
                  {"created_at", c.created_at}};
  if (with_note) j["note"] = c.note ? http::Json(*c.note) : http::Json(nullptr);
  return j;
}

http::Json HoursJson(const Hours& h) {
  http::Json weeks = http::Json::array();
  for (const auto& w : h.weeks)
    weeks.push_back({{"week_start", FormatDate(w.week_start)}, {"direct_minutes", w.direct_minutes},
                     {"indirect_minutes", w.indirect_minutes}});
  return {{"target_minutes_per_week",
           h.target_minutes_per_week ? http::Json(*h.target_minutes_per_week) : http::Json(nullptr)},
          {"weeks", weeks}};
}

}  // namespace kansrijk::contacts
