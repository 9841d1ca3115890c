// "Vandaag" as pure rules: which families are below their weekly contact target, which coaches
// carry more families than the setting, and how long the lists are.
#pragma once

#include <cstdint>

#include "trajectory/model.h"

namespace kansrijk::today {

constexpr int kMaxItemsPerList = 20;
// The caseload setting and its rule live with the coaches' caseload (the team overview uses them too).
using trajectory::kDefaultCaseloadMax;
using trajectory::OverCaseload;

// Below target: fewer direct and indirect minutes this week than the weekly target, prorated
// to the days of the week that have passed (Monday = day 1), so Monday morning is not red.
bool BelowTarget(int64_t minutes_this_week, int64_t target_per_week, int day_of_week);

}  // namespace kansrijk::today
