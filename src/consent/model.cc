#include "consent/model.h"

#include "platform/text.h"

namespace kansrijk::consent {

bool IsPurpose(std::string_view s) { return s == "coaching" || s == "sharing" || s == "research"; }
bool IsMethod(std::string_view s) { return s == "paper" || s == "verbal" || s == "digital"; }

FieldErrors ValidateNewConsent(const Consent& c, Date today) {
  FieldErrors errors;
  auto add = [&](const char* field, std::string code, Params params = {}) {
    errors[field].push_back({std::move(code), std::move(params)});
  };
  if (!IsPurpose(c.purpose)) add("purpose", "choose_one_of", {{"options", "coaching, sharing, research"}});
  if (c.purpose == "sharing" && (!c.partner_organisation || c.partner_organisation->empty()))
    add("partner_organisation", "consent_partner_required");
  if (c.purpose != "sharing" && c.partner_organisation) add("partner_organisation", "consent_partner_only_for_sharing");
  if (Trim(c.given_by).empty()) add("given_by", "consent_given_by_required");
  auto d = ParseDate(c.given_on);
  if (!d) add("given_on", "bad_date");
  else if (*d > today) add("given_on", "date_in_future");
  else if (*d < kEarliestDate) add("given_on", "consent_date_too_early", {{"min", FormatDate(kEarliestDate)}});
  if (!IsMethod(c.method)) add("method", "choose_one_of", {{"options", "paper, verbal, digital"}});
  return errors;
}

Status ValidateWithdrawal(const Consent& c, const std::optional<Date>& withdrawn_on, Date today) {
  if (c.withdrawn_on) return Status::Conflict("consent_already_withdrawn", {{"withdrawn_on", *c.withdrawn_on}});
  if (!withdrawn_on) return Status::InvalidField("withdrawn_on", "required");
  if (*withdrawn_on > today) return Status::InvalidField("withdrawn_on", "date_in_future");
  auto given = ParseDate(c.given_on);
  if (given && *withdrawn_on < *given)
    return Status::InvalidField("withdrawn_on", "consent_withdrawal_before_given", {{"given_on", c.given_on}});
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
