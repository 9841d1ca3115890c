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

namespace {
int64_t AgeOn(Date birth, Date on) {
  int64_t age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}
}  // namespace

FieldErrors ValidateWhoConsents(const std::vector<HouseholdPerson>& household, const std::string& giver_id,
                                const std::optional<std::string>& subject_id, Date given_on) {
  FieldErrors errors;
  auto find = [&](const std::string& id) -> const HouseholdPerson* {
    for (const auto& p : household)
      if (p.id == id) return &p;
    return nullptr;
  };
  const HouseholdPerson* giver = find(giver_id);
  if (!giver) errors["given_by_member_id"].push_back({"consent_giver_not_in_household", {}});
  const HouseholdPerson* subject = subject_id ? find(*subject_id) : nullptr;
  if (subject_id && !subject) errors["subject_member_id"].push_back({"consent_subject_not_in_household", {}});
  if (!errors.empty()) return errors;
  auto age = [&](const HouseholdPerson& p) -> std::optional<int64_t> {
    if (!p.birth_date) return std::nullopt;
    return AgeOn(*p.birth_date, given_on);
  };
  auto refuse = [&](const char* code, Params params = {}) {
    errors["given_by_member_id"].push_back({code, std::move(params)});
  };
  if (!subject) {
    auto a = age(*giver);
    if (giver->role != "parent" && !(a && *a >= kAdultAge)) refuse("consent_family_giver_adult");
    return errors;
  }
  const auto subject_age = age(*subject);
  const bool self = giver->id == subject->id;
  if (subject_age && *subject_age >= kOwnConsentAge) {
    if (!self) refuse("consent_subject_gives_own", {{"age", std::to_string(kOwnConsentAge)}});
  } else if (subject_age) {
    if (self) refuse("consent_child_under_16_self", {{"age", std::to_string(kOwnConsentAge)}});
    else if (giver->role != "parent") refuse("consent_giver_not_parent");
  } else if (self) {
    if (subject->role == "child") refuse("consent_subject_age_unknown");
  } else if (giver->role != "parent") {
    refuse("consent_giver_not_parent");
  }
  return errors;
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
