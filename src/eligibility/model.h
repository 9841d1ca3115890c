// Eligibility: household income against the bijstandsnorm (Participatiewet art. 21 and 22a) for
// that household, as a percentage, passed or not against the programme's threshold. Pure rules
// in integer cents; the norms themselves are dated data (data/norms/*.json), never constants here.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"
#include "platform/time.h"

namespace kansrijk::eligibility {

// "alleenstaande" | "alleenstaande_ouder" | "gehuwden" (gehuwden includes samenwonenden).
bool IsHouseholdType(std::string_view s);
// The household types as the parameter of a choose_one_of error.
inline constexpr const char* kHouseholdTypeOptions = "alleenstaande, alleenstaande_ouder, gehuwden";

constexpr int64_t kMaxCostSharers = 20;
constexpr int64_t kMaxIncomeCents = 10'000'000'00;  // EUR 10 million a month: anything above is a typo
constexpr size_t kMaxIncomes = 20;

// The norms of one age group other than 21 to pension age (data, with its own source and basis).
// Keys: alleenstaande, alleenstaande_ouder, gehuwden (pension age); for under 21 also
// gehuwden_both_under_21[_children] and gehuwden_one_21_plus[_children].
struct AgeGroupNorms {
  bool present = false;
  bool includes_holiday_allowance = true;
  std::string source;
  std::vector<std::pair<std::string, int64_t>> norms_cents;
  std::optional<int64_t> Get(std::string_view key) const;
};

// One dated table of monthly net norms for ages 21 to pension age, without cost-sharers, with
// the norms of the other age groups and the pension age (AOW-leeftijd) for its period.
struct NormTable {
  std::string organisation_id;  // "" for a national table shipped with kansrijk
  std::string version;
  std::string valid_from;  // YYYY-MM-DD
  std::string source;
  std::string source_url;
  bool includes_holiday_allowance = true;
  std::string basis;
  int64_t alleenstaande_cents = 0;
  int64_t alleenstaande_ouder_cents = 0;
  int64_t gehuwden_cents = 0;
  std::string loaded_at;
  std::optional<std::string> valid_until;  // YYYY-MM-DD: the table is marked expired after this day
  int64_t pension_age_years = 0;            // 0 = not in this table
  int64_t pension_age_months = 0;
  std::string pension_age_source;
  AgeGroupNorms pension_age, under_21;
  std::vector<std::string> notes;
};

// The parts of a table beyond the 21-to-pension norms, as stored in norm_tables.details.
nlohmann::json NormDetailsJson(const NormTable& t);
void ReadNormDetails(const nlohmann::json& details, NormTable& t);

// ---------------------------------------------------------------------------------------------
// Age, age groups and cost-sharers (Participatiewet art. 20-22a; figures and rules: domain.md).

// Whole years of age on `on` (a birthday on 29 February counts on 1 March in other years).
int64_t AgeOn(Date birth, Date on);
// Whole months of age on `on`.
int64_t AgeMonthsOn(Date birth, Date on);

// A person of the household as the rules need them.
struct Person {
  std::string id;
  std::string name;
  std::optional<Date> birth_date;
  std::string role;  // parent | child | grandparent | other
};

// "under_21" | "21_to_pension" | "pension_age".
std::string AgeGroupOf(const NormTable& t, Date birth, Date on);

// Housemates count as cost-sharers from this age: 27 since 1 January 2023, 21 before (art. 22a).
int64_t CostSharerMinAge(Date on);

// Why a person does or does not count, as a code the screen explains.
inline constexpr const char* kExclusionReasons = "studiefinanciering, bbl, commerciele_huur";
bool IsExclusionReason(std::string_view s);

struct SharerLine {
  std::string member_id;
  std::string name;
  std::optional<int64_t> age;
  bool counts = false;
  std::string why;  // claimant | age_min_or_older | younger | birth_date_unknown | excluded
  std::optional<std::string> excluded_reason;
};

struct SharerSuggestion {
  int64_t required = 1;   // by the birth dates, before exclusions (at least the claimants)
  int64_t suggested = 1;  // after the coach's exclusions
  int64_t min_age = 27;
  std::vector<SharerLine> lines;
};

// The number of cost-sharers (A) the birth dates give: the claimant(s) plus every other person
// of the household aged CostSharerMinAge(on) or older on `on`, minus those the coach excludes
// with a reason (member id -> studiefinanciering | bbl | commerciele_huur).
SharerSuggestion SuggestCostSharers(const std::vector<Person>& people, const std::vector<std::string>& claimant_ids,
                                    const std::vector<std::pair<std::string, std::string>>& exclusions, Date on);

// The norm chosen for a household on a date.
struct NormChoice {
  std::string age_group;  // under_21 | 21_to_pension | pension_age
  std::string norm_key;   // the key in the table, e.g. gehuwden_one_21_plus_children
  int64_t norm_cents = 0;
  bool includes_holiday_allowance = true;
  bool cost_sharers_applied = false;  // art. 22a applied (21 to pension age and pension age)
  bool age_assumed = false;           // a claimant's birth date is unknown: 21 to pension age assumed
  std::string source;
};

// Chooses the norm from the claimants' birth dates on `on` (claimants: one for alleenstaande(_ouder),
// two for gehuwden; a missing birth date assumes 21 to pension age and says so). Under 21 the
// young person's norm is used as it is; otherwise art. 22a with `cost_sharers` (NormCents) on the
// age group's gehuwden norm. kInvalidArgument on "date" with norm_age_group_missing {group, version}
// when the table has no figure for that group, or norm_age_mix_unsupported when one partner has
// reached pension age and the other has not (domain.md has no rule for that case).
Result<NormChoice> ChooseNorm(const NormTable& t, std::string_view household_type,
                              const std::vector<std::optional<Date>>& claimant_births, bool with_children,
                              int64_t cost_sharers, Date on);

// Holiday allowance (vakantiegeld) is 5% of the amount including it: excl. = incl. x 0.95,
// rounded half up to a cent; incl. = excl. / 0.95.
int64_t ExcludingHolidayAllowance(int64_t including_cents);
int64_t IncludingHolidayAllowance(int64_t excluding_cents);
// An amount on one basis expressed on the other.
int64_t ToBasis(int64_t cents, bool from_includes, bool to_includes);

// Tables older than this many months are stale: the check and the admin page say so.
constexpr int kStaleAfterMonths = 6;
// True when the newest table's valid_from is more than kStaleAfterMonths months before `today`.
bool IsStale(const std::vector<NormTable>& tables, Date today, std::string* newest_valid_from = nullptr);

// Reads the data-file / POST /api/v1/norms shape. kInvalidArgument with per-field errors
// (catalogue codes) when a field is missing, of the wrong type, a norm is not a positive whole
// number of cents (norm_cents_invalid), or the date is not a real date; kMalformed when `j` is
// not an object.
Result<NormTable> ParseNormTable(const nlohmann::json& j);
nlohmann::json NormTableJson(const NormTable& t);

// The table in force on `date`: the newest with valid_from <= date; on the same date an
// organisation's own table wins over the national one. nullptr when none applies.
const NormTable* TableFor(const std::vector<NormTable>& tables, Date date);

// TableFor, as a coded error on "date": norm_table_missing {date, oldest} before the oldest
// table, norm_table_expired {date, version, valid_until} after a table marked as expired.
Result<const NormTable*> TableForCheck(const std::vector<NormTable>& tables, Date date);

// The monthly norm in cents for a household. cost_sharers (A) counts the adults of 27 and older
// sharing the home, the claimant(s) included. Without other cost-sharers (A = 1, or A <= 2 for a
// couple) it is the table's norm for the household type. Otherwise art. 22a: each person gets
// (40 + 30 A) / (100 A) of the gehuwden norm, rounded half up to a cent; a couple gets it twice.
int64_t NormCents(const NormTable& table, std::string_view household_type, int64_t cost_sharers);

struct Outcome {
  int64_t income_cents = 0;
  int64_t norm_cents = 0;
  int64_t percent_tenths = 0;  // income / norm in tenths of a percent, rounded half up
  bool passes = false;
};

// Compares the summed income with the norm. The decision follows the percentage as shown (one
// decimal, half up): 120.0% passes a 120% threshold, 120.1% does not, so what a coach sees and
// the outcome never disagree. `norm_cents` must be positive.
Outcome Compute(int64_t norm_cents, const std::vector<int64_t>& income_cents, int64_t threshold_percent);

// Field errors (catalogue codes) for the input of a check: a known household type, 1 to
// kMaxCostSharers cost-sharers, a date not after `today`, at most kMaxIncomes incomes, none
// negative or above kMaxIncomeCents (field incomes[i].amount_cents).
FieldErrors ValidateCheckInput(std::string_view household_type, int64_t cost_sharers, Date date,
                               const std::vector<int64_t>& income_cents, Date today);

// "112.3" for 1123 tenths.
std::string FormatPercent(int64_t tenths);

}  // namespace kansrijk::eligibility
