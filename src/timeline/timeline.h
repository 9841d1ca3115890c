// The family's timeline: dated entries about one family that any feature may write (referral,
// phase, coach, consent, eligibility, genogram import, ...). It sits below the features and
// knows none of them, so trajectory, consent, eligibility and genogram write here instead of
// into each other. Storage: table family_events.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/db.h"

namespace kansrijk::timeline {

// One line of the timeline. `kind` is the writing feature's own word (referral, phase, assign,
// handover, reopen, consent, consent_withdrawn, eligibility, override, ...); the web names it.
struct Entry {
  std::string id;
  std::string family_id;
  std::string at;    // UTC time it was recorded
  std::string date;  // the date it happened (YYYY-MM-DD), as the user gave it
  std::string kind;
  std::optional<std::string> from, to, note;
  std::optional<std::string> user_id;
  std::string user_name;
};

// Appends `e` inside the caller's transaction; `id` and `at` are set here when empty.
Status Append(db::Connection& tx, Entry e);
// The family's entries, oldest first.
Result<std::vector<Entry>> ForFamily(db::Connection& c, const std::string& family_id);

}  // namespace kansrijk::timeline
