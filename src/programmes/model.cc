#include "programmes/model.h"

#include <algorithm>
#include <set>

namespace kansrijk::programmes {

FieldErrors ValidateFollowUpMonths(const std::vector<int64_t>& months) {
  FieldErrors errors;
  if (months.size() > 12) errors["follow_up_months"].push_back("Kies hoogstens 12 vervolgmomenten.");
  std::set<int64_t> seen;
  for (int64_t m : months) {
    if (m < 1 || m > 120) {
      errors["follow_up_months"].push_back("Elk vervolgmoment ligt 1 tot en met 120 maanden na de afsluiting.");
      break;
    }
    if (!seen.insert(m).second) {
      errors["follow_up_months"].push_back("Elk vervolgmoment mag maar één keer voorkomen.");
      break;
    }
  }
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
