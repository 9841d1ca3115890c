// Storage for the trajectory: the family's timeline of events and the team lead's figures.
// Families themselves live in families/repo.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/db.h"

namespace kansrijk::trajectory {

// One line of the timeline. kind: referral | phase | assign | handover | reopen | consent |
// consent_withdrawn | eligibility | override.
struct Event {
  std::string id;
  std::string family_id;
  std::string at;    // UTC time it was recorded
  std::string date;  // the date it happened (YYYY-MM-DD), as the user gave it
  std::string kind;
  std::optional<std::string> from, to, note;
  std::optional<std::string> user_id;
  std::string user_name;
};

class EventRepo {
 public:
  // Appends an event inside the caller's transaction (id and `at` are set here when empty).
  static Status Append(db::Connection& tx, Event e);
  // The family's events, oldest first.
  static Result<std::vector<Event>> ForFamily(db::Connection& c, const std::string& family_id);
};

struct CoachLoad {
  std::string id;
  std::string display_name;
  std::map<std::string, int64_t> by_phase;  // every phase present, 0 when none
  int64_t total = 0;                        // the coach's families with status active
};

class OverviewRepo {
 public:
  // Every enabled coach of the organisation with their active families per phase, by name.
  static Result<std::vector<CoachLoad>> Coaches(db::Connection& c, const std::string& organisation_id);
  // waiting_since of every family on the organisation's waiting list.
  static Result<std::vector<std::string>> WaitingSince(db::Connection& c, const std::string& organisation_id);
};

}  // namespace kansrijk::trajectory
