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
  // Per follow-up line: the plan action made of it, or null.
  http::Json links = http::Json::array();
  for (size_t i = 0; i < c.follow_ups.size(); ++i) {
    auto it = c.follow_up_actions.find(static_cast<int64_t>(i));
    links.push_back(it == c.follow_up_actions.end() ? http::Json(nullptr) : http::Json(it->second));
  }
  j["follow_up_actions"] = links;
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

namespace {
http::Json OptJson(const std::optional<std::string>& v) { return v ? http::Json(*v) : http::Json(nullptr); }
}  // namespace

http::Json HoursReportJson(const HoursReport& r) {
  http::Json families = http::Json::array(), coaches = http::Json::array();
  for (const auto& f : r.families)
    families.push_back({{"family_id", f.family_id},
                        {"family_name", f.family_name},
                        {"coach_id", OptJson(f.coach_id)},
                        {"coach_name", OptJson(f.coach_name)},
                        {"direct_minutes", f.direct_minutes},
                        {"indirect_minutes", f.indirect_minutes},
                        {"target_minutes", f.target_minutes}});
  for (const auto& c : r.coaches)
    coaches.push_back({{"coach_id", c.coach_id},
                       {"coach_name", c.coach_name},
                       {"families", c.families},
                       {"direct_minutes", c.direct_minutes},
                       {"indirect_minutes", c.indirect_minutes},
                       {"target_minutes", c.target_minutes}});
  return {{"programme_id", r.programme_id},
          {"weeks", r.weeks},
          {"from", FormatDate(r.from)},
          {"to", FormatDate(r.to)},
          {"target_minutes_per_week", r.target_minutes_per_week},
          {"families", families},
          {"coaches", coaches}};
}

std::vector<spreadsheet::Sheet> HoursReportSheets(const HoursReport& r) {
  spreadsheet::Sheet families{"gezinnen",
                              {"family_id", "family", "coach", "direct_minutes", "indirect_minutes", "target_minutes"},
                              {}};
  for (const auto& f : r.families)
    families.rows.push_back({f.family_id, f.family_name, f.coach_name.value_or(""), f.direct_minutes,
                             f.indirect_minutes, f.target_minutes});
  spreadsheet::Sheet coaches{"coaches",
                             {"coach_id", "coach", "families", "direct_minutes", "indirect_minutes", "target_minutes"},
                             {}};
  for (const auto& c : r.coaches)
    coaches.rows.push_back({c.coach_id, c.coach_name, c.families, c.direct_minutes, c.indirect_minutes,
                            c.target_minutes});
  return {families, coaches};
}

}  // namespace kansrijk::contacts
