#include "consent/service.h"

#include "consent/repo.h"
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

Result<Consent> RecordConsent(db::Connection& tx, Consent c, const Recorder& by, Date today) {
  if (c.partner_organisation && c.partner_organisation->empty()) c.partner_organisation.reset();
  if (auto errors = ValidateNewConsent(c, today); !errors.empty()) return Status::Invalid(errors);
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
