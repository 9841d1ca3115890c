#include "consent/service.h"

#include "consent/repo.h"
#include "families/repo.h"
#include "partners/repo.h"
#include "platform/text.h"
#include "timeline/timeline.h"

namespace kansrijk::consent {
namespace {

// The timeline's words for a consent (stored with the line, like any note).
std::string Summary(const Consent& c) {
  return c.purpose + (c.partner_organisation ? " (" + *c.partner_organisation + ")" : "") + ", gegeven door " +
         c.given_by;
}

}  // namespace

Result<std::vector<Consent>> ListConsents(db::Connection& c, const std::string& family_id) {
  return ConsentRepo::ForFamily(c, family_id);
}

static Status ResolvePeopleAndPartner(db::Connection& tx, Consent& c) {
  ASSIGN_OR_RETURN(families::Family family, families::FamilyRepo::Get(tx, c.family_id));
  ASSIGN_OR_RETURN(auto members, families::FamilyRepo::Members(tx, c.family_id));
  std::vector<HouseholdPerson> household;
  for (const auto& m : members) {
    HouseholdPerson p{m.id, std::string(Trim(m.given_name + " " + m.family_name)), std::nullopt, m.household_role};
    if (m.birth_date) p.birth_date = ParseDate(*m.birth_date);
    household.push_back(p);
  }
  FieldErrors errors;
  // The giver by id; a name (older clients) must be the name of a household member.
  if (!c.given_by_member_id) {
    const std::string wanted = AsciiLower(Trim(c.given_by));
    for (const auto& p : household)
      if (AsciiLower(p.name) == wanted) c.given_by_member_id = p.id;
    if (!c.given_by_member_id) errors["given_by"].push_back({"consent_giver_not_in_household", {}});
  }
  if (c.given_by_member_id) {
    for (const auto& p : household)
      if (p.id == *c.given_by_member_id) c.given_by = p.name;
    auto given_on = ParseDate(c.given_on);
    MergeFieldErrors(errors, ValidateWhoConsents(household, *c.given_by_member_id, c.subject_member_id,
                                                 given_on.value_or(Date{1900, 1, 1})));
  }
  // Sharing names a partner of the family's own organisation's list (by id, or by its exact name).
  if (c.purpose == "sharing") {
    ASSIGN_OR_RETURN(auto partners, partners::PartnerRepo::List(tx, family.organisation_id));
    const partners::PartnerOrganisation* found = nullptr;
    for (const auto& p : partners)
      if ((c.partner_organisation_id && p.id == *c.partner_organisation_id) ||
          (!c.partner_organisation_id && c.partner_organisation &&
           AsciiLower(Trim(p.name)) == AsciiLower(Trim(*c.partner_organisation))))
        found = &p;
    const char* field = c.partner_organisation_id ? "partner_organisation_id" : "partner_organisation";
    if (!found) errors[field].push_back({"consent_partner_unknown", {}});
    else if (!found->active) errors[field].push_back({"consent_partner_inactive", {{"name", found->name}}});
    else {
      c.partner_organisation_id = found->id;
      c.partner_organisation = found->name;
    }
  }
  if (!errors.empty()) return Status::Invalid(errors);
  return Status::Ok();
}

Result<Consent> RecordConsent(db::Connection& tx, Consent c, const Recorder& by, Date today) {
  if (c.partner_organisation && c.partner_organisation->empty()) c.partner_organisation.reset();
  // A chosen partner stands for its name in the rule "sharing names a partner".
  if (c.partner_organisation_id && !c.partner_organisation) c.partner_organisation = "(id)";
  if (c.given_by_member_id && Trim(c.given_by).empty()) c.given_by = "(id)";
  if (auto errors = ValidateNewConsent(c, today); !errors.empty()) return Status::Invalid(errors);
  RETURN_IF_ERROR(ResolvePeopleAndPartner(tx, c));
  c.recorded_by_name = by.name;
  ASSIGN_OR_RETURN(Consent created, ConsentRepo::Insert(tx, c, by.user_id));
  timeline::Entry e;
  e.family_id = created.family_id;
  e.kind = "consent";
  e.date = created.given_on;
  e.to = created.purpose;
  e.note = Summary(created) + " (" + created.method + ")";
  e.user_id = by.user_id;
  e.user_name = by.name;
  RETURN_IF_ERROR(timeline::Append(tx, std::move(e)));
  return created;
}

Result<Consent> WithdrawConsent(db::Connection& tx, const std::string& family_id, const std::string& consent_id,
                                const std::optional<Date>& withdrawn_on, const std::optional<std::string>& note,
                                const Recorder& by, Date today) {
  ASSIGN_OR_RETURN(Consent current, ConsentRepo::Get(tx, family_id, consent_id));
  RETURN_IF_ERROR(ValidateWithdrawal(current, withdrawn_on, today));
  std::optional<std::string> kept_note = note && !note->empty() ? note : std::nullopt;
  ASSIGN_OR_RETURN(Consent updated, ConsentRepo::Withdraw(tx, current, FormatDate(*withdrawn_on), kept_note));
  timeline::Entry e;
  e.family_id = family_id;
  e.kind = "consent_withdrawn";
  e.date = *updated.withdrawn_on;
  e.from = updated.purpose;
  e.note = Summary(updated) + (kept_note ? ": " + *kept_note : "");
  e.user_id = by.user_id;
  e.user_name = by.name;
  RETURN_IF_ERROR(timeline::Append(tx, std::move(e)));
  return updated;
}

}  // namespace kansrijk::consent
