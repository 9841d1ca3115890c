#include "consent/model.h"

#include "platform/text.h"

namespace kansrijk::consent {

bool IsPurpose(std::string_view s) { return s == "coaching" || s == "sharing" || s == "research"; }
bool IsMethod(std::string_view s) { return s == "paper" || s == "verbal" || s == "digital"; }

FieldErrors ValidateNewConsent(const Consent& c, Date today) {
  FieldErrors errors;
  if (!IsPurpose(c.purpose)) errors["purpose"].push_back("Kies coaching, sharing of research.");
  if (c.purpose == "sharing" && (!c.partner_organisation || c.partner_organisation->empty()))
    errors["partner_organisation"].push_back("Vul in met welke organisatie gegevens gedeeld mogen worden.");
  if (c.purpose != "sharing" && c.partner_organisation)
    errors["partner_organisation"].push_back("Een partnerorganisatie hoort alleen bij toestemming om te delen.");
  if (c.given_by.empty()) errors["given_by"].push_back("Vul in wie de toestemming gaf.");
  auto d = ParseDate(c.given_on);
  if (!d) errors["given_on"].push_back("Schrijf de datum als jjjj-mm-dd.");
  else if (*d > today) errors["given_on"].push_back("De datum van toestemming kan niet in de toekomst liggen.");
  else if (*d < Date{1900, 1, 1}) errors["given_on"].push_back("Deze datum is te vroeg.");
  if (!IsMethod(c.method)) errors["method"].push_back("Kies paper, verbal of digital.");
  return errors;
}

Status ValidateWithdrawal(const Consent& c, const std::optional<Date>& withdrawn_on, Date today) {
  if (c.withdrawn_on) return Status(Code::kConflict, "Deze toestemming is al ingetrokken.");
  if (!withdrawn_on) return Status::InvalidField("withdrawn_on", "Vul de datum van intrekken in (jjjj-mm-dd).");
  if (*withdrawn_on > today) return Status::InvalidField("withdrawn_on", "Intrekken kan niet in de toekomst.");
  auto given = ParseDate(c.given_on);
  if (given && *withdrawn_on < *given)
    return Status::InvalidField("withdrawn_on", "Intrekken kan niet voor de dag waarop de toestemming werd gegeven.");
  return Status::Ok();
}

bool MayI(const std::vector<Consent>& consents, std::string_view purpose, std::optional<std::string_view> partner) {
  if (purpose == "sharing" && (!partner || Trim(*partner).empty())) return false;
  for (const auto& c : consents) {
    if (c.purpose != purpose || c.withdrawn_on) continue;
    if (purpose == "sharing") {
      if (!c.partner_organisation) continue;
      if (AsciiLower(Trim(*c.partner_organisation)) != AsciiLower(Trim(*partner))) continue;
    }
    return true;
  }
  return false;
}

}  // namespace kansrijk::consent
