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

// One dated table of monthly net norms for ages 21 to pension age, without cost-sharers.
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
};

// Reads the data-file / POST /api/v1/norms shape. kInvalidArgument with per-field errors
// (catalogue codes) when a field is missing, of the wrong type, a norm is not a positive whole
// number of cents (norm_cents_invalid), or the date is not a real date; kMalformed when `j` is
// not an object.
Result<NormTable> ParseNormTable(const nlohmann::json& j);
nlohmann::json NormTableJson(const NormTable& t);

// The table in force on `date`: the newest with valid_from <= date; on the same date an
// organisation's own table wins over the national one. nullptr when none applies.
const NormTable* TableFor(const std::vector<NormTable>& tables, Date date);

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
