// The contact log as pure rules: what a contact must hold (time, duration, kind), that a held
// contact lies in the past and lasts at most 24 hours, and minutes per week (Monday to Sunday,
// Europe/Amsterdam) split in direct and indirect time.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"
#include "platform/time.h"

namespace kansrijk::contacts {

constexpr int64_t kMaxDurationMinutes = 24 * 60;
constexpr int64_t kDefaultTargetMinutesPerWeek = 480;  // the pilots' ~8 hours a week
constexpr size_t kMaxNoteChars = 4000, kMaxFollowUps = 20, kMaxFollowUpChars = 500;
constexpr int kMaxWeeks = 52;

const std::vector<std::string>& Kinds();  // home_visit, kitchen_table, phone, video, office, ...

struct Contact {
  std::string id, family_id;
  std::optional<std::string> coach_id;
  std::string coach_name;
  std::string started_at;  // UTC, FormatUtc
  int64_t duration_minutes = 0;
  std::string kind;
  bool direct = true;
  bool planned = false;
  std::vector<std::string> member_ids, topics, follow_ups;
  std::optional<std::string> note;
  std::string created_at;
  // Plan action ids of the follow-up lines taken into the plan, by line (0-based).
  std::map<int64_t, std::string> follow_up_actions;
};

// Reads "2026-11-23T09:00:00.000Z" or without milliseconds ("…:00Z").
std::optional<TimePoint> ParseStart(std::string_view s);

// Field errors of a new contact at `now`: started_at contact_in_future (a held contact) or
// contact_too_far_ahead (a planned one, more than a year), duration out_of_range 1..1440,
// kind and topics choose_one_of. Household membership is the service's to check.
FieldErrors ValidateContact(const Contact& c, TimePoint now);

// Minutes per week.
struct Week {
  Date week_start;  // a Monday
  int64_t direct_minutes = 0, indirect_minutes = 0;
};
Date MondayOf(Date d);
// `weeks` weeks ending with the week of `today`, oldest first; planned contacts do not count.
std::vector<Week> WeeklyMinutes(const std::vector<Contact>& contacts, Date today, int weeks);

}  // namespace kansrijk::contacts
