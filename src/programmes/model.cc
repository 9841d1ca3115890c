#include "programmes/model.h"

#include <algorithm>
#include <set>

namespace kansrijk::programmes {

FieldErrors ValidateFollowUpMonths(const std::vector<int64_t>& months) {
  FieldErrors errors;
  auto& list = errors["follow_up_months"];
  if (months.size() > kMaxFollowUpMoments) list.push_back({"too_many", {{"max", std::to_string(kMaxFollowUpMoments)}}});
  std::set<int64_t> seen;
  for (int64_t m : months) {
    if (m < kMinFollowUpMonth || m > kMaxFollowUpMonth) {
      list.push_back({"programme_follow_up_out_of_range",
                      {{"min", std::to_string(kMinFollowUpMonth)}, {"max", std::to_string(kMaxFollowUpMonth)}}});
      break;
    }
    if (!seen.insert(m).second) {
      list.push_back({"programme_follow_up_duplicate", {{"month", std::to_string(m)}}});
      break;
    }
  }
  if (list.empty()) errors.clear();
  return errors;
}

Programme ApplyProgrammeChange(Programme p, const ProgrammeFields& c) {
  if (c.name) p.name = *c.name;
  if (c.threshold_percent) p.threshold_percent = *c.threshold_percent;
  if (c.default_budget_cents) p.default_budget_cents = *c.default_budget_cents;
  if (c.contact_target_minutes_per_week) p.contact_target_minutes_per_week = *c.contact_target_minutes_per_week;
  if (c.planned_duration_weeks) p.planned_duration_weeks = *c.planned_duration_weeks;
  if (c.follow_up_months) {
    p.follow_up_months = *c.follow_up_months;
    std::sort(p.follow_up_months.begin(), p.follow_up_months.end());
  }
  if (c.active) p.active = *c.active;
  return p;
}

}  // namespace kansrijk::programmes
