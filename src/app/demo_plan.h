// Demo kansplan, budget and contacts (issue 11) that make sense together: a mother's dream of
// driving to work becomes a goal, its theory course and driving lessons are paid from the
// family budget with the receipts kept, and the coach's contacts show the weeks around it.
#pragma once

#include <string>
#include <vector>

#include "families/model.h"
#include "platform/db.h"

namespace kansrijk::app {

// The pots of the demo programmes for this year (amount in cents), large enough for `families`.
Status AddDemoPots(db::Connection& tx, const std::string& organisation_id, const std::vector<std::string>& programme_ids,
                   int families);

// Plan, allocation, spending and contacts for one demo family. `variant` 0: the driving-licence
// family; 1: swimming lessons and a bike for school.
Status AddDemoPlanBudget(db::Connection& tx, const std::string& family_id, const std::vector<families::Member>& members,
                         const std::string& coach_id, const std::string& coach_name, const std::string& lead_id,
                         const std::string& lead_name, int variant);

}  // namespace kansrijk::app
