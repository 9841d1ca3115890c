// Measurements (issue 10): instruments as data (the ZRM, Positieve Gezondheid, a research
// questionnaire), a measurement of one household member, its scores by the instrument's rules,
// the change between two moments with small-cell suppression, and which moment is due next.
// Pure rules: no JSON, no database (wire.h reads and writes the JSON, repo.h stores).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/status.h"
#include "platform/time.h"

namespace kansrijk::measurements {

// A text per language; nl always.
struct LocalText {
  std::string nl, en;
  bool operator==(const LocalText&) const = default;
};

// The kinds of scale an item can have.
enum class ScaleKind { kOrdinal, kRange, kYesNo, kText };
std::optional<ScaleKind> ParseScaleKind(std::string_view s);
std::string ScaleKindName(ScaleKind k);

struct Level {
  int64_t value = 0;
  LocalText name;
  bool operator==(const Level&) const = default;
};

struct Scale {
  std::string id;
  ScaleKind kind = ScaleKind::kRange;
  int64_t min = 0, max = 0;      // ordinal and range
  std::vector<Level> levels;     // ordinal: one name per level, min..max
  int64_t max_chars = 2000;      // text
  bool operator==(const Scale&) const = default;
};

struct Item {
  std::string id;
  LocalText name;
  std::string scale;  // a Scale id
};

// How a domain's score is made from its items: the chosen level of one item, the mean of its
// items, or none (items only, e.g. a research questionnaire).
enum class ScoringRule { kLevel, kMean, kNone };
std::optional<ScoringRule> ParseScoringRule(std::string_view s);
std::string ScoringRuleName(ScoringRule r);

struct Domain {
  std::string id;
  LocalText name;
  std::vector<Item> items;
  ScoringRule rule = ScoringRule::kLevel;
  std::vector<std::string> scoring_items;
  // Cell texts per level (the organisation's, when loaded): level value -> text.
  std::map<int64_t, LocalText> cells;
};

struct Instrument {
  std::string id, version;
  LocalText name;
  std::string purpose;         // outcome | conversation | research
  std::string audience_kind;   // adult | child | household
  std::optional<int64_t> min_age, max_age;
  std::string audience_note_code;  // e.g. instrument_age_12_16_programme_chooses
  std::vector<Scale> scales;
  std::vector<Domain> domains;
  LocalText licence;
  std::string source;
  bool shipped = false;

  const Scale* FindScale(const std::string& id) const;
  const Domain* FindDomain(const std::string& id) const;
  // The item and its domain, or nullptr.
  const Item* FindItem(const std::string& id, const Domain** domain = nullptr) const;
};

constexpr size_t kMaxInstrumentIdChars = 60;
constexpr size_t kMaxNoteChars = 2000;
constexpr int kMinGroupSize = 5;  // small-cell suppression: fewer people show no figures

// Field errors of an instrument as a whole (field paths like "domains[2].id"): ids unique
// (instrument_duplicate_id), every item's scale exists (instrument_unknown_scale), an ordinal
// scale names each level min..max once (instrument_bad_scale), a scoring rule names only items
// of its domain (instrument_scoring_missing_item), `level` exactly one numeric item.
FieldErrors ValidateInstrument(const Instrument& in);

// A value as given for one item.
using Value = std::variant<int64_t, double, bool, std::string>;

// The moments and who filled it in.
bool IsMoment(std::string_view s);
extern const char* const kMomentOptions;
bool IsFilledInBy(std::string_view s);
extern const char* const kFilledInByOptions;

// Field errors for scores (item id -> value, fields "scores.<item>") and notes (domain id ->
// text, fields "notes.<domain>") against the instrument.
FieldErrors ValidateScores(const Instrument& in, const std::map<std::string, Value>& scores);
FieldErrors ValidateNotes(const Instrument& in, const std::map<std::string, std::string>& notes);
// Field errors for the date: not after today (date_in_future), not before the birth date
// (measurement_before_birth {birth_date}).
FieldErrors ValidateTakenOn(Date taken_on, const std::optional<Date>& birth_date, Date today);

// The domain scores by the instrument's rules; a domain whose items are missing has none.
std::map<std::string, double> DomainScores(const Instrument& in, const std::map<std::string, Value>& scores);

// --- Change between two moments ---

// One person's pair of scores for one domain.
struct Pair {
  std::string group_generation;  // "1", "2", "3", "unknown"
  std::string group_sex;
  double from = 0, to = 0;
};
struct DomainChange {
  std::string domain_id;
  bool suppressed = false;
  int64_t n = 0;
  double mean_from = 0, mean_to = 0, mean_change = 0;
  int64_t improved = 0, same = 0, worsened = 0;
};
// The change over `pairs` (all of one domain); suppressed (no figures at all) when fewer than
// kMinGroupSize people.
DomainChange ChangeOf(const std::string& domain_id, const std::vector<Pair>& pairs);

// One measurement as the change needs it.
struct ScoredMoment {
  std::string member_id;
  std::string moment;
  std::string taken_on;  // YYYY-MM-DD
  std::string created_at;
  std::map<std::string, double> domain_scores;
};
// Per member: the first measurement at `from` and the last at `to` (by date, then creation);
// members without both are left out. Returns member id -> (from, to).
std::map<std::string, std::pair<const ScoredMoment*, const ScoredMoment*>> PairUp(
    const std::vector<ScoredMoment>& rows, const std::string& from, const std::string& to);

// --- What is due ---

// A programme's measurement moments.
struct Schedule {
  int64_t interim_every_months = 6;       // docs/decisions.md: the default is a choice
  std::vector<int64_t> follow_up_months;  // the programme's, months after closing
};
constexpr int64_t kDefaultInterimMonths = 6;
constexpr int64_t kDefaultFollowUpMonthsIfNone = 0;

// What a member's measurements say, per moment.
struct MemberHistory {
  std::optional<Date> intake;        // the family's intake date
  std::optional<Date> closed_on;     // the day the family went to afsluiting
  bool coaching_running = false;     // phase intake or actief
  std::optional<Date> last_measured; // any moment
  int64_t nulmetingen = 0, eindmetingen = 0, nazorg = 0;
};
struct Due {
  std::string moment;
  Date due_on;
};
// The next moment due for a member, if any: nulmeting at intake; then every N months after the
// last measurement while coaching runs; eindmeting at closing; the i-th nazorg at closing +
// follow_up_months[i].
std::optional<Due> NextDue(const MemberHistory& h, const Schedule& s);

// --- Programme settings (issue 10) ---

// A programme's measurement settings: the tussenmeting interval and which Positieve Gezondheid
// version youths of 12 to 16 get (domain.md: "the programme chooses; the screen says so").
// The nazorg moments are not here: they are the programme's own follow_up_months.
constexpr int64_t kMinInterimMonths = 1, kMaxInterimMonths = 24;
struct Settings {
  int64_t interim_every_months = kDefaultInterimMonths;
  std::optional<std::string> tool_12_16;  // "adult" | "child"; none: the coach chooses
};
bool IsTool1216(std::string_view s);
extern const char* const kTool1216Options;
// Field errors: "interim_every_months" (measurement_interval_out_of_range {min, max}),
// "tool_12_16" (choose_one_of).
FieldErrors ValidateSettings(const Settings& s);

// --- Cell texts (the ZRM's are (c) GGD Amsterdam: loaded per organisation, never shipped) ---

constexpr size_t kMaxCellChars = 2000;
// domain id -> level value -> text.
using Cells = std::map<std::string, std::map<int64_t, LocalText>>;
// Field errors of cell texts for `in`: a domain it does not have ("cells.<d>":
// instrument_domain_unknown {domain}), a level that is not a named level of the domain's scored
// scale ("cells.<d>.<level>": instrument_level_unknown {level}), an empty Dutch text (required)
// or one over kMaxCellChars (too_long {max}).
FieldErrors ValidateCells(const Instrument& in, const Cells& cells);

// --- Corrections (issue 10) ---

// The parts of a saved measurement a correction may change; absent parts stay. The person and
// the instrument (and its version) never change: docs/decisions.md.
struct Correction {
  std::optional<std::string> moment, filled_in_by;
  std::optional<Date> taken_on;
  std::optional<std::map<std::string, Value>> scores;
  std::optional<std::map<std::string, std::string>> notes;
};

Date AddMonths(Date d, int64_t months);

}  // namespace kansrijk::measurements
