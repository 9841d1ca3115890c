#include "contacts/service.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "families/repo.h"
#include "plans/service.h"
#include "programmes/repo.h"
#include "timeline/timeline.h"

namespace kansrijk::contacts {

std::string MidnightUtc(Date d) {
  const Date prev = AddDays(d, -1);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT22:00:00.000Z", prev.year, prev.month, prev.day);
  // 22:00 UTC is already `d` in Amsterdam in summer time (UTC+2); in winter it starts at 23:00.
  if (auto t = ParseUtc(buf); t && TodayInAmsterdam(*t) == d) return buf;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT23:00:00.000Z", prev.year, prev.month, prev.day);
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

Result<FollowUpToPlan> TakeFollowUpIntoPlan(db::Connection& tx, const std::string& family_id,
                                            const std::string& contact_id, int64_t position, http::Json fields,
                                            const std::optional<std::string>& version_id, const std::string& user_id,
                                            const std::string& user_name) {
  ASSIGN_OR_RETURN(auto contact, ContactRepo::Get(tx, family_id, contact_id));
  if (position < 0 || position >= static_cast<int64_t>(contact.follow_ups.size()))
    return Status::InvalidField("follow_up", "contact_follow_up_not_found");
  if (contact.follow_up_actions.contains(position)) return Status::Conflict("contact_follow_up_already_planned");
  fields["what"] = contact.follow_ups[static_cast<size_t>(position)];
  plans::Change change;
  change.version_id = version_id;
  change.fields = std::move(fields);
  change.by_name = user_name;
  ASSIGN_OR_RETURN(auto item, plans::CreateItem(tx, family_id, plans::ItemType::kAction, change));
  RETURN_IF_ERROR(ContactRepo::LinkFollowUp(tx, contact, position, item.id, user_id));
  contact.follow_up_actions[position] = item.id;
  return FollowUpToPlan{std::move(contact), item.id};
}

Result<int64_t> TargetOf(db::Connection& c, const std::string& family_id) {
  ASSIGN_OR_RETURN(auto programme, programmes::ProgrammeRepo::OfFamily(c, family_id));
  return programme ? programme->contact_target_minutes_per_week : kDefaultTargetMinutesPerWeek;
}

Result<Hours> FamilyHours(db::Connection& c, const std::string& family_id, Date today, int weeks) {
  Hours h;
  ASSIGN_OR_RETURN(h.target_minutes_per_week, TargetOf(c, family_id));
  const Date first = AddDays(MondayOf(today), -7 * (weeks - 1));
  ASSIGN_OR_RETURN(auto list, ContactRepo::FamilySince(c, family_id, MidnightUtc(first)));
  h.weeks = WeeklyMinutes(list, today, weeks);
  return h;
}

Result<Hours> CoachHours(db::Connection& c, const std::string& coach_id, Date today, int weeks) {
  Hours h;
  const Date first = AddDays(MondayOf(today), -7 * (weeks - 1));
  ASSIGN_OR_RETURN(auto list, ContactRepo::CoachSince(c, coach_id, MidnightUtc(first)));
  h.weeks = WeeklyMinutes(list, today, weeks);
  return h;
}

Result<HoursReport> ProgrammeHours(db::Connection& c, const std::string& organisation_id,
                                   const std::string& programme_id, Date today, int weeks) {
  auto programme = programmes::ProgrammeRepo::Get(c, organisation_id, programme_id);
  if (!programme.ok() && programme.status().code() == Code::kNotFound) return Status::NotFound("programme_not_found");
  RETURN_IF_ERROR(programme.status());
  HoursReport r;
  r.programme_id = programme->id;
  r.programme_name = programme->name;
  r.weeks = weeks;
  r.from = AddDays(MondayOf(today), -7 * (weeks - 1));
  r.to = AddDays(MondayOf(today), 6);
  r.target_minutes_per_week = programme->contact_target_minutes_per_week;
  const std::string from = MidnightUtc(r.from), to = MidnightUtc(AddDays(r.to, 1));
  ASSIGN_OR_RETURN(auto families, ContactRepo::ProgrammeFamilyMinutes(c, organisation_id, programme->id, from, to));
  ASSIGN_OR_RETURN(auto logged, ContactRepo::ProgrammeCoachMinutes(c, organisation_id, programme->id, from, to));
  const int64_t target = r.target_minutes_per_week * weeks;
  std::map<std::string, CoachHoursLine> coaches;
  for (auto& f : families) {
    r.families.push_back({f.family_id, f.family_name, f.coach_id, f.coach_name, f.direct_minutes, f.indirect_minutes,
                          target});
    if (f.coach_id) {
      auto& line = coaches[*f.coach_id];
      line.coach_id = *f.coach_id;
      line.coach_name = f.coach_name.value_or("");
      ++line.families;
      line.target_minutes += target;
    }
  }
  for (const auto& l : logged) {
    auto& line = coaches[l.coach_id];
    line.coach_id = l.coach_id;
    if (line.coach_name.empty()) line.coach_name = l.coach_name;
    line.direct_minutes += l.direct_minutes;
    line.indirect_minutes += l.indirect_minutes;
  }
  for (auto& [id, line] : coaches) r.coaches.push_back(std::move(line));
  std::sort(r.coaches.begin(), r.coaches.end(),
            [](const auto& a, const auto& b) { return std::tie(a.coach_name, a.coach_id) < std::tie(b.coach_name, b.coach_id); });
  return r;
}

}  // namespace kansrijk::contacts
