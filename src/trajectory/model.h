// The coaching trajectory: referral, waiting list, one coach per family, and the phases
// aanmelding -> intake -> actief -> afsluiting -> nazorg with reopening. Pure rules; the use
// cases (service.h) gather the facts (coach, consent, eligibility) and ask CheckPhaseChange.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// The default referrer kinds, in order: what an organisation without its own list offers
// (the organisation's list lives in table referrer_kinds, trajectory/repo.h).
const std::vector<std::string>& DefaultReferrerKinds();
bool IsClosingReason(std::string_view s);
// The choices, as a list for the choose_one_of message ("a, b, c").
extern const char* const kPhaseOptions;
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
  std::optional<std::string> closed_on;          // YYYY-MM-DD; null before closing (and for old closings)
  std::optional<std::string> closed_from_phase;  // the phase it was closed from
  std::optional<std::string> ended_on;           // YYYY-MM-DD: the trajectory is over (nazorg recorded)
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

// How many running families one coach carries before the team overview and Vandaag flag it.
// The seeds: one coach works with about 5 families ("5 gezinnen … wekelijks zo'n 8 uur"); our
// default, not a norm (Vandaag takes another with ?caseload_max=).
constexpr int64_t kDefaultCaseloadMax = 5;
// Strictly above: a coach with exactly the setting is not flagged.
bool OverCaseload(int64_t families, int64_t caseload_max);
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
  std::optional<std::string> closed_from_phase;  // set while closed: the phase it was closed from
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
// -> phase_needs_coach; actief without coaching consent -> phase_needs_consent; actief without a
// passed eligibility check (not on reopening a trajectory that was actief) ->
// phase_needs_eligibility; reopening without a note -> "note": reopen_note_required.
// Closing: afsluiting may be reached from aanmelding, intake and actief (a family that never
// starts is closed too, "niet gestart"). It needs closing_reason (required / choose_one_of);
// closing_summary is required when closing from actief (a completed trajectory is summed up)
// and for reason "anders" (closing_other_needs_text); closing fields on any other change ->
// closing_only_when_closing. Reopening: afsluiting/nazorg -> actief, or, for a trajectory closed
// before it started, back to the phase it was closed from. A date in the future (allowed only
// for the planned intake) -> date_in_future; before 2000 -> phase_date_too_early.
Result<ChangeKind> CheckPhaseChange(const PhaseFacts& facts, const PhaseRequest& req, Date today);

// A closing from a phase before actief: the family never started ("niet gestart").
bool IsNotStartedClosing(std::string_view closed_from_phase);

// ---------------------------------------------------------------------------------------------
// Aftercare (nazorg): follow-up moments after closing.

// The schedule when the family's programme gives none (or the family has no programme): a
// documented choice (docs/decisions.md), not a fact from the seeds.
const std::vector<int64_t>& DefaultFollowUpMonths();
// `d` plus `months` calendar months; a day past the end of the month becomes its last day
// (31 January + 1 month = 28 or 29 February).
Date AddMonths(Date d, int64_t months);

struct FollowUpMoment {
  int64_t months = 0;
  Date due_on;
};
// The moments of a closing on `closed_on` from `closed_from_phase`: one per month count of
// `months` (or DefaultFollowUpMonths() when empty), sorted, due closed_on + N months. None for a
// trajectory that never started: there is no coaching to follow up.
std::vector<FollowUpMoment> ScheduleFollowUps(Date closed_on, std::string_view closed_from_phase,
                                              const std::vector<int64_t>& months);

bool IsFollowUpOutcome(std::string_view s);  // done | not_reachable
extern const char* const kFollowUpOutcomeOptions;

// Whether an outcome may be recorded for a moment with `status`, due on `due_on`, at `today`.
// kConflict follow_up_already_recorded {status} when it is not open; kConflict
// follow_up_not_due {due_on} before its due date; kInvalidArgument on "outcome"
// (required / choose_one_of) and "note" (follow_up_note_required: a done moment says how it went).
Status CheckFollowUpOutcome(std::string_view status, Date due_on, Date today, const std::optional<std::string>& outcome,
                            const std::optional<std::string>& note);

// An organisation's list of referrer kinds: at least one, at most kMaxReferrerKinds; codes
// [a-z0-9_], 1..40 characters, unique; labels 1..80 characters. Field errors on "items" and
// "items[i].code" / "items[i].label".
constexpr size_t kMaxReferrerKinds = 40;
FieldErrors ValidateReferrerKinds(const std::vector<std::pair<std::string, std::string>>& code_labels);

// Whole days a family has waited since `waiting_since` (a FormatUtc time) at `now`; 0 if unreadable.
int64_t WaitingDays(const std::string& waiting_since, TimePoint now);
// A wait the lists mark as long: kLongWaitDays or more. Four weeks is our default, not a legal
// or contractual norm (docs/decisions.md); a municipality's own agreement can replace it here.
constexpr int64_t kLongWaitDays = 28;
bool LongWait(int64_t waiting_days);

// A referral must give at least one way to reach the family.
struct Contact {
  std::optional<std::string> phone, email, address;
};
bool HasAnyContact(const Contact& c);

}  // namespace kansrijk::trajectory
