// Demo genograms: three to four generations around a demo household, with events and themes
// and a pattern that recurs down the line, so the genogram page has something true to show.
#pragma once

#include <string>
#include <vector>

#include "families/model.h"
#include "platform/db.h"

namespace kansrijk::app {

// Adds a genogram to the family: the household, the grandparents and great-grandparents of the
// first parent (relatives outside the household with minimal details), an aunt or uncle, life
// events and themes. `variant` picks which strength and which problem recur. Checked like any
// change through the API; an inconsistent demo is an error.
Status AddDemoGenogram(db::Connection& tx, const std::string& organisation_id, const std::string& family_id,
                       const std::vector<families::Member>& members, int variant);

}  // namespace kansrijk::app
