// "Vandaag" as pure rules: which families are below their weekly contact target, which coaches
// carry more families than the setting, and how long the lists are.
#pragma once

#include <cstdint>

namespace kansrijk::today {

constexpr int kMaxItemsPerList = 20;
// The seeds: one coach works with about 5 families ("5 gezinnen … wekelijks zo'n 8 uur").
constexpr int64_t kDefaultCaseloadMax = 5;

// Below target: fewer direct and indirect minutes this week than the weekly target, prorated
// to the days of the week that have passed (Monday = day 1), so Monday morning is not red.
bool BelowTarget(int64_t minutes_this_week, int64_t target_per_week, int day_of_week);
bool OverCaseload(int64_t families, int64_t caseload_max);

}  // namespace kansrijk::today
