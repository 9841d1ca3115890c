// A hold on case writes: when the coaching consent of a family in phase actief is withdrawn and
// not given again, new case writes stop (except closing, notes and consent itself) and the coach
// and team lead get an open task, until consent is given again or the trajectory is closed.
// A state rule, not a who-may rule: the policy says who may write, this says when nobody may.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "consent/model.h"

namespace kansrijk::casehold {

// True when `phase` is actief, a coaching consent was withdrawn and none is in force now.
// The date of the latest coaching withdrawal is put in `since`.
bool OnHold(std::string_view phase, const std::vector<consent::Consent>& consents, std::string* since = nullptr);

}  // namespace kansrijk::casehold
