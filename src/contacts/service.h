// Use cases of the contact log on the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "contacts/model.h"
#include "contacts/repo.h"
#include "platform/db.h"

namespace kansrijk::contacts {

// Checks the rules and the household (member_ids), then stores; started_at is stored as FormatUtc.
Result<Contact> LogContact(db::Connection& tx, Contact c, TimePoint now);

struct Hours {
  std::optional<int64_t> target_minutes_per_week;
  std::vector<Week> weeks;
};
// A family's minutes per week against its programme's target (default 480).
Result<Hours> FamilyHours(db::Connection& c, const std::string& family_id, Date today, int weeks);
// A coach's own minutes per week over all families.
Result<Hours> CoachHours(db::Connection& c, const std::string& coach_id, Date today, int weeks);
// The programme target of a family, in minutes a week.
Result<int64_t> TargetOf(db::Connection& c, const std::string& family_id);
// The UTC time at which `d` starts in Europe/Amsterdam (a few hours' slack is harmless for
// week sums: the model places each contact by its Amsterdam date).
std::string StartOfDayUtc(Date d);

}  // namespace kansrijk::contacts
