// The coaching trajectory: referral, waiting list, one coach per family, and the phases
// aanmelding -> intake -> actief -> afsluiting -> nazorg with reopening. Pure rules; the use
// cases (service.h) gather the facts (coach, consent, eligibility) and ask CheckPhaseChange.
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
// The choices, as a list for the choose_one_of message ("a, b, c").
extern const char* const kPhaseOptions;
extern const char* const kReferrerKindOptions;
extern const char* const kClosingReasonOptions;

// A family's trajectory: everything about its coaching that is not the family itself
// (families::Family). Stored in the trajectory columns of the families row (trajectory/repo.h).
struct Trajectory {
  std::string family_id;
  std::optional<std::string> programme_id;
  std::string programme_name;
  std::string phase = "aanmelding";
  std::optional<std::string> waiting_since;  // UTC time it began to wait for a coach; null otherwise
  std::optional<std::string> intake_date;    // YYYY-MM-DD (planned or held)
  std::optional<std::string> closing_reason, closing_summary;
  // The referral; referrer_kind is null for families registered without one.
  std::optional<std::string> referrer_organisation, referrer_kind, referral_reason;
  std::optional<std::string> contact_phone, contact_email, contact_address;
};

// The waiting list, the one rule. A family waits for a coach while it has none and is in
// aanmelding or intake: then waiting_since is set. It is ON the waiting list when it also is
// active (an archived family keeps its waiting time but is not on the list). The SQL form of
// OnWaitingList is trajectory::kOnWaitingListSql (repo.h); a unit test keeps them together.
bool WaitsForCoach(bool has_coach, std::string_view phase);
bool OnWaitingList(bool has_coach, std::string_view phase, std::string_view family_status);
// waiting_since after a change of coach or phase: kept while the family goes on waiting, `now`
// when it begins to wait, null when it no longer waits.
std::optional<std::string> WaitingSinceAfter(bool waited_before, const std::optional<std::string>& since_before,
                                             bool waits_now, const std::string& now);

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
// coded per-field errors, each with the phases as params {from, to}: an unknown phase ->
// "to": choose_one_of; the same phase -> phase_unchanged; skipping one -> phase_skipped (also
// {next}); going back other than reopening -> phase_backwards; intake or actief without a coach
// -> phase_needs_coach; actief without coaching consent -> phase_needs_consent; actief (not on
// reopening) without a passed eligibility check -> phase_needs_eligibility; afsluiting without
// closing_reason/closing_summary -> required on those fields; closing fields on any other
// change -> closing_only_when_closing; a date in the future (allowed only for the planned
// intake) -> date_in_future; before 2000 -> phase_date_too_early; reopening without a note -> "note":
// reopen_note_required.
Result<ChangeKind> CheckPhaseChange(const PhaseFacts& facts, const PhaseRequest& req, Date today);

// Whole days a family has waited since `waiting_since` (a FormatUtc time) at `now`; 0 if unreadable.
int64_t WaitingDays(const std::string& waiting_since, TimePoint now);

// A referral must give at least one way to reach the family.
struct Contact {
  std::optional<std::string> phone, email, address;
};
bool HasAnyContact(const Contact& c);

}  // namespace kansrijk::trajectory
