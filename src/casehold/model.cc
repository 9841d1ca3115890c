#include "casehold/model.h"

namespace kansrijk::casehold {

bool OnHold(std::string_view phase, const std::vector<consent::Consent>& consents, std::string* since) {
  if (phase != "actief") return false;
  if (consent::MayI(consents, "coaching")) return false;
  std::string latest;
  for (const auto& c : consents)
    if (c.purpose == "coaching" && c.withdrawn_on && *c.withdrawn_on > latest) latest = *c.withdrawn_on;
  if (latest.empty()) return false;  // never given: the phase rule already keeps it out of actief
  if (since) *since = latest;
  return true;
}

}  // namespace kansrijk::casehold
