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
  int64_t cost_sharers = 1;
  Date date;  // the day the check is for; not after today
  std::vector<Income> incomes;
};

// The family's checks, newest first.
Result<std::vector<Check>> ListChecks(db::Connection& c, const std::string& family_id);

// Records a check for the family: the norm of the table in force on `in.date` for the
// household, against the threshold of the family's programme (kDefaultThresholdPercent without
// one), and an "eligibility" line on the timeline. kInvalidArgument with field errors for bad
// input (ValidateCheckInput), and on "date" with norm_table_missing {date} when no norm table
// applies on that date; kNotFound (family_not_found) when there is no such family.
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
