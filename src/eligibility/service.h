// The use cases of eligibility: record an income check for a family (gather the family, its
// programme's threshold and the norm tables, call the pure rules of model.h, write the check
// and its timeline line), override a check, and list and add norm tables. Each runs on the
// caller's transaction; the HTTP handlers (api.cc), the CLI, the demo and later jobs call them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "eligibility/model.h"
#include "eligibility/repo.h"
#include "platform/db.h"
#include "platform/time.h"

namespace kansrijk::eligibility {

// Who acts: named on the check, the override and the timeline.
struct Author {
  std::string user_id;
  std::string name;
};

struct Income {
  std::string source;
  int64_t amount_cents = 0;
};

// What a coach enters for a check.
struct CheckInput {
  std::string household_type;
  // The coach's count; absent: the suggestion from the birth dates (SuggestCostSharers).
  std::optional<int64_t> cost_sharers;
  Date date;  // the day the check is for; not after today
  std::vector<Income> incomes;
  bool incomes_include_holiday_allowance = true;
  // The claimant(s); empty: the household's members with role parent.
  std::vector<std::string> claimant_ids;
  // Members of the cost-sharer age who do not count, with the reason (studiefinanciering, bbl,
  // commerciele_huur).
  std::vector<std::pair<std::string, std::string>> exclusions;
};

// The household as the income check sees it on a date: who the claimants are, each person's age
// group, the cost-sharer suggestion and the table that applies (with its staleness).
struct HouseholdView {
  std::string date;
  std::vector<std::string> claimant_ids;
  std::vector<Person> people;
  std::vector<std::string> age_groups;  // per person, "" when the birth date is unknown
  SharerSuggestion sharers;
  bool with_children = false;
  std::optional<NormTable> table;  // none before the oldest table
  bool stale = false;
  std::string newest_valid_from;
};

// The household of the family on `date` (no write). kInvalidArgument on claimant_ids /
// exclusions when they name someone outside the household or a reason not on the list.
Result<HouseholdView> Household(db::Connection& c, const std::string& family_id, Date date, const CheckInput& in,
                                Date today);

// The norm tables' staleness for the organisation: true when the newest table is more than
// kStaleAfterMonths months old on `today`.
Result<bool> NormsStale(db::Connection& c, const std::string& organisation_id, Date today,
                        std::string* newest_valid_from);

// The family's checks, newest first.
Result<std::vector<Check>> ListChecks(db::Connection& c, const std::string& family_id);

// Records a check for the family: the norm of the table in force on `in.date` for the
// household, against the threshold of the family's programme (kDefaultThresholdPercent without
// one), and an "eligibility" line on the timeline. The norm is chosen by the claimants' ages
// (ChooseNorm) and the income is converted to the norm's holiday-allowance basis. kInvalidArgument
// with field errors for bad input (ValidateCheckInput), on "date" with norm_table_missing /
// norm_table_expired / norm_age_group_missing, on "cost_sharers" with cost_sharers_below_birth_dates
// {required, suggested} when the count is below what the birth dates and exclusions give;
// kNotFound (family_not_found) when there is no such family.
Result<Check> RecordCheck(db::Connection& tx, const std::string& family_id, const CheckInput& in, const Author& by,
                          Date today);

// Sets the team lead's decision on a check of the family, with a reason, and adds an
// "override" line on the timeline dated `today`. kNotFound (eligibility_check_not_found) when
// the check is not of this family; kInvalidArgument on "reason" when it is blank.
Result<Check> OverrideCheck(db::Connection& tx, const std::string& family_id, const std::string& check_id,
                            bool passes, const std::string& reason, const Author& by, Date today);

// The national norm tables and the organisation's own, newest valid_from first.
Result<std::vector<NormTable>> ListNorms(db::Connection& c, const std::string& organisation_id);

// Adds a norm table of the organisation (t.organisation_id is set here). kConflict
// (norm_version_taken {version}) when the organisation has that version already.
Result<NormTable> AddNormTable(db::Connection& tx, const std::string& organisation_id, NormTable t,
                               const std::string& loaded_by);

}  // namespace kansrijk::eligibility
