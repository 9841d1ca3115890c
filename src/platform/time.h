// Time and dates: UTC in storage (ISO 8601 with milliseconds and Z), dates as YYYY-MM-DD.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kansrijk {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::milliseconds>;

TimePoint Now();
// "2026-11-23T09:00:00.000Z"; sorts lexicographically in time order.
std::string FormatUtc(TimePoint t);
// Parses exactly the FormatUtc format; nullopt otherwise.
std::optional<TimePoint> ParseUtc(std::string_view s);

struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
};
// Parses a real calendar date "YYYY-MM-DD" (rejects 2023-02-30); nullopt otherwise.
std::optional<Date> ParseDate(std::string_view s);
std::string FormatDate(Date d);
// The current date in Europe/Amsterdam, which is what "today" means to our users.
Date TodayInAmsterdam(TimePoint now);
// Calendar arithmetic on valid dates: `days` later (or earlier, when negative).
Date AddDays(Date d, int64_t days);
// Days since 1970-01-01 (a Thursday), for weekdays and differences.
int64_t DaysSinceEpoch(Date d);

}  // namespace kansrijk
