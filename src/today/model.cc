#include "today/model.h"

namespace kansrijk::today {

bool BelowTarget(int64_t minutes_this_week, int64_t target_per_week, int day_of_week) {
  if (target_per_week <= 0) return false;
  if (day_of_week < 1) day_of_week = 1;
  if (day_of_week > 7) day_of_week = 7;
  // Work weeks: the target is due by Friday; Monday expects a fifth of it.
  const int workdays = day_of_week > 5 ? 5 : day_of_week;
  return minutes_this_week * 5 < target_per_week * workdays;
}

}  // namespace kansrijk::today
