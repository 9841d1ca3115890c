// The use cases of consent: record a consent, withdraw it, list a family's consents. Each runs
// on the caller's transaction, checks the rules of model.h and writes the consent together with
// its line on the family's timeline (timeline/timeline.h). The HTTP handlers (api.cc), the CLI
// and the demo call these; none of them knows HTTP.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "consent/model.h"
#include "platform/db.h"
#include "platform/time.h"

namespace kansrijk::consent {

// Who records: the signed-in user (or the CLI's), named on the consent and the timeline.
struct Recorder {
  std::string user_id;
  std::string name;
};

// The family's consents, oldest first.
Result<std::vector<Consent>> ListConsents(db::Connection& c, const std::string& family_id);

// Records consent `c` for c.family_id (checked with ValidateNewConsent against `today`:
// kInvalidArgument with the field errors) and adds a "consent" line to the timeline.
Result<Consent> RecordConsent(db::Connection& tx, Consent c, const Recorder& by, Date today);

// Withdraws a consent of the family on `withdrawn_on` and adds a "consent_withdrawn" line.
// kNotFound (consent_not_found) when it is not of this family, kConflict when it was withdrawn
// already, kInvalidArgument on withdrawn_on (see ValidateWithdrawal).
Result<Consent> WithdrawConsent(db::Connection& tx, const std::string& family_id, const std::string& consent_id,
                                const std::optional<Date>& withdrawn_on, const std::optional<std::string>& note,
                                const Recorder& by, Date today);

}  // namespace kansrijk::consent
