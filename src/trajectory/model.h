// The coaching trajectory: referral, waiting list, one coach per family, and the phases
// aanmelding -> intake -> actief -> afsluiting -> nazorg with reopening. Pure rules; the API
// gathers the facts (coach, consent, eligibility) and asks CheckPhaseChange.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"
#include "platform/time.h"

namespace kansrijk::trajectory {

constexpr size_t kMaxReasonChars = 2000;
constexpr size_t kMaxSummaryChars = 4000;
constexpr size_t kMaxNoteChars = 2000;
constexpr size_t kMaxOrganisationChars = 200;

// The phases in order.
const std::vector<std::string>& Phases();
bool IsPhase(std::string_view s);
// Position in Phases(), or -1.
int PhaseIndex(std::string_view s);
// A waiting family: no coach yet, in aanmelding or intake.
bool IsWaitingPhase(std::string_view s);

bool IsReferrerKind(std::string_view s);
bool IsClosingReason(std::string_view s);

// The facts a phase change depends on, gathered by the caller.
struct PhaseFacts {
  std::string from;
  bool has_coach = false;
  bool coaching_consent = false;     // consent::MayI(consents, "coaching")
  bool eligibility_passed = false;   // the newest check passed, or was overridden to pass
};

struct PhaseRequest {
  std::string to;
  std::optional<Date> date;  // nullopt when missing or unreadable (the reader reports that)
  std::optional<std::string> note;
  std::optional<std::string> closing_reason;
  std::optional<std::string> closing_summary;
};

enum class ChangeKind { kForward, kReopen };

// Decides whether `req` may happen now. Returns the kind of change, or kInvalidArgument with
// per-field errors (in Dutch, naming what is missing): skipping a phase or going back (other than
// reopening) -> "to"; intake without a coach -> "to"; actief without coaching consent or a passed
// eligibility check -> "to"; afsluiting without closing_reason/closing_summary -> those fields;
// closing fields on any other change -> those fields; a date in the future (allowed only for
// the planned intake) -> "date"; reopening without a note -> "note".
Result<ChangeKind> CheckPhaseChange(const PhaseFacts& facts, const PhaseRequest& req, Date today);

// Whole days a family has waited since `waiting_since` (a FormatUtc time) at `now`; 0 if unreadable.
int64_t WaitingDays(const std::string& waiting_since, TimePoint now);

// A referral must give at least one way to reach the family.
struct Contact {
  std::optional<std::string> phone, email, address;
};
bool HasAnyContact(const Contact& c);

}  // namespace kansrijk::trajectory
