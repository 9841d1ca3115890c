#include "contacts/model.h"

#include <algorithm>

#include "plans/model.h"

namespace kansrijk::contacts {
namespace {

std::string Options(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace

const std::vector<std::string>& Kinds() {
  static const std::vector<std::string> k = {"home_visit", "kitchen_table", "phone", "video",
                                             "office", "accompanied_appointment", "group_activity"};
  return k;
}

std::optional<TimePoint> ParseStart(std::string_view s) {
  if (auto t = ParseUtc(s)) return t;
  if (s.size() == 20 && s.back() == 'Z') return ParseUtc(std::string(s.substr(0, 19)) + ".000Z");
  return std::nullopt;
}

FieldErrors ValidateContact(const Contact& c, TimePoint now) {
  FieldErrors errors;
  if (auto start = ParseStart(c.started_at); !start) {
    errors["started_at"].push_back({"bad_time", {}});
  } else if (!c.planned && *start > now) {
    errors["started_at"].push_back({"contact_in_future", {}});
  } else if (c.planned && *start > now + std::chrono::hours(24 * 366)) {
    errors["started_at"].push_back({"contact_too_far_ahead", {}});
  }
  if (c.duration_minutes < 1 || c.duration_minutes > kMaxDurationMinutes)
    errors["duration_minutes"].push_back(
        {"out_of_range", {{"min", "1"}, {"max", std::to_string(kMaxDurationMinutes)}}});
  if (std::find(Kinds().begin(), Kinds().end(), c.kind) == Kinds().end())
    errors["kind"].push_back({"choose_one_of", {{"options", Options(Kinds())}}});
  for (const auto& t : c.topics)
    if (!plans::IsLifeDomain(t)) {
      errors["topics"].push_back({"choose_one_of", {{"options", Options(plans::LifeDomains())}}});
      break;
    }
  if (c.note && c.note->size() > kMaxNoteChars)
    errors["note"].push_back({"too_long", {{"max", std::to_string(kMaxNoteChars)}}});
  if (c.follow_ups.size() > kMaxFollowUps)
    errors["follow_ups"].push_back({"too_many", {{"max", std::to_string(kMaxFollowUps)}}});
  for (const auto& f : c.follow_ups) {
    if (f.find_first_not_of(" \t\r\n") == std::string::npos) {
      errors["follow_ups"].push_back({"not_empty", {}});
      break;
    }
    if (f.size() > kMaxFollowUpChars) {
      errors["follow_ups"].push_back({"too_long", {{"max", std::to_string(kMaxFollowUpChars)}}});
      break;
    }
  }
  return errors;
}

Date MondayOf(Date d) {
  const int64_t days = DaysSinceEpoch(d);
  const int64_t weekday = ((days % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday: Monday = 0
  return AddDays(d, -weekday);
}

std::vector<Week> WeeklyMinutes(const std::vector<Contact>& contacts, Date today, int weeks) {
  std::vector<Week> out;
  const Date last = MondayOf(today);
  for (int i = weeks - 1; i >= 0; --i) out.push_back({AddDays(last, -7 * i), 0, 0});
  for (const auto& c : contacts) {
    if (c.planned) continue;
    auto start = ParseStart(c.started_at);
    if (!start) continue;
    const Date monday = MondayOf(TodayInAmsterdam(*start));
    for (auto& w : out)
      if (w.week_start == monday) (c.direct ? w.direct_minutes : w.indirect_minutes) += c.duration_minutes;
  }
  return out;
}

}  // namespace kansrijk::contacts
