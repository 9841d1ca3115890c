#include "platform/time.h"

#include <cstdio>
#include <ctime>

namespace kansrijk {

TimePoint Now() { return std::chrono::time_point_cast<std::chrono::milliseconds>(Clock::now()); }

std::string FormatUtc(TimePoint t) {
  using namespace std::chrono;
  auto days = floor<std::chrono::days>(t);
  year_month_day ymd{days};
  hh_mm_ss hms{t - days};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                int(hms.seconds().count()), int(hms.subseconds().count()));
  return buf;
}

namespace {
bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  out = 0;
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}
}  // namespace

std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  Date d;
  if (!Digits(s, 0, 4, d.year) || !Digits(s, 5, 2, d.month) || !Digits(s, 8, 2, d.day)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{unsigned(d.month)},
                                  std::chrono::day{unsigned(d.day)}};
  if (!ymd.ok()) return std::nullopt;
  return d;
}

std::string FormatDate(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<TimePoint> ParseUtc(std::string_view s) {
  if (s.size() != 24 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z')
    return std::nullopt;
  auto date = ParseDate(s.substr(0, 10));
  int h, m, sec, ms;
  if (!date || !Digits(s, 11, 2, h) || !Digits(s, 14, 2, m) || !Digits(s, 17, 2, sec) || !Digits(s, 20, 3, ms))
    return std::nullopt;
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  using namespace std::chrono;
  sys_days days{year{date->year} / month{unsigned(date->month)} / day{unsigned(date->day)}};
  return TimePoint{days} + hours{h} + minutes{m} + seconds{sec} + milliseconds{ms};
}

Date TodayInAmsterdam(TimePoint now) {
  // CET/CEST by the EU rule (last Sunday of March/October, 01:00 UTC), so we need no tz database.
  using namespace std::chrono;
  auto utc_days = floor<days>(now);
  year_month_day ymd{utc_days};
  auto last_sunday = [&](unsigned m) {
    sys_days d{ymd.year() / month{m} / last};
    return d - (weekday{d} - Sunday);
  };
  auto summer_start = last_sunday(3) + hours{1};
  auto summer_end = last_sunday(10) + hours{1};
  auto offset = (now >= summer_start && now < summer_end) ? hours{2} : hours{1};
  year_month_day local{floor<days>(now + offset)};
  return {int(local.year()), int(unsigned(local.month())), int(unsigned(local.day()))};
}

namespace {
std::chrono::sys_days SysDays(Date d) {
  using namespace std::chrono;
  return year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)}, day{static_cast<unsigned>(d.day)}};
}
}  // namespace

Date AddDays(Date d, int64_t days) {
  const std::chrono::year_month_day r{SysDays(d) + std::chrono::days{days}};
  return Date{static_cast<int>(r.year()), static_cast<int>(static_cast<unsigned>(r.month())),
              static_cast<int>(static_cast<unsigned>(r.day()))};
}

int64_t DaysSinceEpoch(Date d) { return SysDays(d).time_since_epoch().count(); }

}  // namespace kansrijk
