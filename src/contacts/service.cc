#include "contacts/service.h"

#include "families/repo.h"
#include "programmes/repo.h"
#include "timeline/timeline.h"

namespace kansrijk::contacts {

std::string StartOfDayUtc(Date d) {
  // Amsterdam is UTC+1 or +2: start two hours early and let the Amsterdam date decide.
  char buf[32];
  const Date prev = AddDays(d, -1);
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT22:00:00.000Z", prev.year, prev.month, prev.day);
  return buf;
}

Result<Contact> LogContact(db::Connection& tx, Contact c, TimePoint now) {
  auto errors = ValidateContact(c, now);
  if (errors.empty())
    for (const auto& m : c.member_ids) {
      auto member = families::FamilyRepo::GetMember(tx, c.family_id, m);
      if (!member.ok()) {
        if (member.status().code() != Code::kNotFound) return member.status();
        errors["member_ids"].push_back({"member_not_in_household", {}});
        break;
      }
    }
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  c.started_at = FormatUtc(*ParseStart(c.started_at));
  ASSIGN_OR_RETURN(auto created, ContactRepo::Insert(tx, c));
  if (!created.planned)
    RETURN_IF_ERROR(timeline::Append(tx, {.family_id = c.family_id,
                                          .date = FormatDate(TodayInAmsterdam(*ParseStart(created.started_at))),
                                          .kind = "contact", .to = created.kind, .user_id = c.coach_id,
                                          .user_name = c.coach_name}));
  return created;
}

Result<int64_t> TargetOf(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto programme, programmes::ProgrammeRepo::OfFamily(c, family_id));
  return programme ? programme->contact_target_minutes_per_week : kDefaultTargetMinutesPerWeek;
}

Result<Hours> FamilyHours(db::Connection& c, const std::string& family_id, Date today, int weeks) {
  Hours h;
  ASSIGN_OR_RETURN(h.target_minutes_per_week, TargetOf(c, family_id));
  const Date first = AddDays(MondayOf(today), -7 * (weeks - 1));
  ASSIGN_OR_RETURN(auto list, ContactRepo::FamilySince(c, family_id, StartOfDayUtc(first)));
  h.weeks = WeeklyMinutes(list, today, weeks);
  return h;
}

Result<Hours> CoachHours(db::Connection& c, const std::string& coach_id, Date today, int weeks) {
  Hours h;
  const Date first = AddDays(MondayOf(today), -7 * (weeks - 1));
  ASSIGN_OR_RETURN(auto list, ContactRepo::CoachSince(c, coach_id, StartOfDayUtc(first)));
  h.weeks = WeeklyMinutes(list, today, weeks);
  return h;
}

}  // namespace kansrijk::contacts
