// Use cases of the contact log on the caller's transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "contacts/model.h"
#include "contacts/repo.h"
#include "platform/db.h"
#include "platform/http.h"

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
// Takes follow-up line `position` (0-based) of a contact into the kansplan as an action ("what"
// is the line's text; goal_id, member_id and due_on from `fields`) and links the two, in the
// caller's transaction. kNotFound contact_not_found; field error follow_up
// contact_follow_up_not_found; kConflict contact_follow_up_already_planned; the plan's own
// field errors otherwise.
struct FollowUpToPlan {
  Contact contact;
  std::string action_id;
};
Result<FollowUpToPlan> TakeFollowUpIntoPlan(db::Connection& tx, const std::string& family_id,
                                            const std::string& contact_id, int64_t position, http::Json fields,
                                            const std::optional<std::string>& version_id, const std::string& user_id,
                                            const std::string& user_name);

// The programme target of a family, in minutes a week.
Result<int64_t> TargetOf(db::Connection& c, const std::string& family_id);
// The exact UTC time at which `d` starts in Europe/Amsterdam (22:00 or 23:00 the day before):
// the bounds of a day or a week in SQL, and of "Vandaag" (a visit at 23:30 in winter is today's).
std::string MidnightUtc(Date d);

// Hours of a programme's active families over `weeks` weeks ending with the week of `today`:
// per family (direct and indirect, against the target times the weeks) and per coach (what they
// logged in these families; the target of the families they are main coach of). Set-based: two
// grouped queries whatever the programme's size.
struct FamilyHoursLine {
  std::string family_id, family_name;
  std::optional<std::string> coach_id, coach_name;
  int64_t direct_minutes = 0, indirect_minutes = 0, target_minutes = 0;
};
struct CoachHoursLine {
  std::string coach_id, coach_name;
  int64_t families = 0, direct_minutes = 0, indirect_minutes = 0, target_minutes = 0;
};
struct HoursReport {
  std::string programme_id, programme_name;
  int weeks = 0;
  Date from, to;  // Monday of the first week, Sunday of the last
  int64_t target_minutes_per_week = 0;
  std::vector<FamilyHoursLine> families;
  std::vector<CoachHoursLine> coaches;
};
Result<HoursReport> ProgrammeHours(db::Connection& c, const std::string& organisation_id,
                                   const std::string& programme_id, Date today, int weeks);

}  // namespace kansrijk::contacts
