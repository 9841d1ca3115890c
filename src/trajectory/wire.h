// The JSON shape of a family with its trajectory: the caseload item, the family file and the
// answers of the trajectory's writes. The family's own keys come from families/wire.h, so each
// key has one writer.
#pragma once

#include <optional>
#include <vector>

#include "families/model.h"
#include "platform/json_writer.h"
#include "platform/time.h"
#include "trajectory/repo.h"
#include "timeline/timeline.h"

namespace kansrijk::trajectory {

// What a family answer includes.
enum class Detail {
  kListItem,  // what identifies a family in a list: name, phase, coach, programme, dates; no case content
  kFull,      // the family file: also the referral (reason, contact details) and the closing
};

// The family's keys, then programme_id, programme_name, phase, waiting_since, waiting_days
// (whole days at `now`, null when not waiting), intake_date; kFull adds closing_reason,
// closing_summary, closed_on, closed_from_phase, not_started, ended_on and referral {referrer_organisation, referrer_kind, reason, contact}, a list
// item only referrer_kind. `members` may be null (no "members" key).
void WriteCase(http::JsonWriter& w, const Case& c, const std::vector<families::Member>* members, Detail detail,
               TimePoint now);
// A follow-up moment {id, family_id, months, due_on, status, note, recorded_on,
// recorded_by_name}; `with_family` adds family_name (the lists across families).
void WriteFollowUp(http::JsonWriter& w, const FollowUp& f, bool with_family);
void WriteTimelineEntry(http::JsonWriter& w, const timeline::Entry& e);

}  // namespace kansrijk::trajectory
