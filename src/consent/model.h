// Consent per purpose (coaching; sharing with a named partner organisation; research): who gave
// it, when, how, and its withdrawal. Other modules ask MayI() before they share or export.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/status.h"
#include "platform/time.h"

namespace kansrijk::consent {

constexpr size_t kMaxNameChars = 200;
constexpr size_t kMaxNoteChars = 2000;
constexpr Date kEarliestDate{1900, 1, 1};

struct Consent {
  std::string id;
  std::string family_id;
  std::string purpose;                              // coaching | sharing | research
  std::optional<std::string> partner_organisation;  // only (and always) for sharing
  std::string given_by;                             // the family member who gave it
  std::string given_on;                             // YYYY-MM-DD
  std::string method;                               // paper | verbal | digital
  std::optional<std::string> withdrawn_on;
  std::optional<std::string> withdrawal_note;
  std::string recorded_by_name;
  int64_t version = 1;
  std::string created_at, updated_at;
  // Issue 14: consent per person.
  std::optional<std::string> given_by_member_id;       // the household member who gave it
  std::optional<std::string> subject_member_id;        // the person it is about; none: the family
  std::optional<std::string> partner_organisation_id;  // sharing: the team lead's partner list
};

// A household member as the who-may-consent rule needs them.
struct HouseholdPerson {
  std::string id;
  std::string name;
  std::optional<Date> birth_date;
  std::string role;  // parent | child | grandparent | other
};

// From this age a young person gives consent about themselves; below it a parent does.
constexpr int64_t kOwnConsentAge = 16;
// A consent for the whole family is given by a parent or another adult of the household.
constexpr int64_t kAdultAge = 18;

// Who may give consent, on `given_on` (field errors, catalogue codes):
// - the giver is a member of the household (consent_giver_not_in_household on
//   given_by_member_id), and so is the subject (consent_subject_not_in_household);
// - about a child under 16: a parent gives it, never the child (consent_child_under_16_self;
//   consent_giver_not_parent for anyone else);
// - about a person of 16 or older: that person (consent_subject_gives_own {age});
// - about a child whose birth date is unknown, given by the child: consent_subject_age_unknown;
// - for the whole family: a parent or an adult of the household (consent_family_giver_adult).
FieldErrors ValidateWhoConsents(const std::vector<HouseholdPerson>& household, const std::string& giver_id,
                                const std::optional<std::string>& subject_id, Date given_on);

bool IsPurpose(std::string_view s);
bool IsMethod(std::string_view s);

// Field errors (catalogue codes, data/messages/consent.json) for a new consent. given_on must be
// a real date from 1900 up to `today`; sharing needs a partner organisation and the other
// purposes must not name one; given_by must not be blank.
FieldErrors ValidateNewConsent(const Consent& c, Date today);

// A field error on withdrawn_on for a withdrawal that is missing, after `today` or before the
// consent was given; kConflict (consent_already_withdrawn) when it was already withdrawn.
Status ValidateWithdrawal(const Consent& c, const std::optional<Date>& withdrawn_on, Date today);

// May we act for `purpose` (and, for sharing, with `partner`)? True only when a consent for it
// exists that is not withdrawn. Partner names compare without regard to case or outer spaces.
bool MayI(const std::vector<Consent>& consents, std::string_view purpose,
          std::optional<std::string_view> partner = std::nullopt);

}  // namespace kansrijk::consent
