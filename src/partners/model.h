// Partner organisations (netwerkpartners) the team lead keeps: name, kind, contact. Consent to
// share names one of them by id, so a typo cannot silently break who may receive data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/status.h"

namespace kansrijk::partners {

constexpr size_t kMaxNameChars = 200;
constexpr size_t kMaxContactChars = 500;

// The kinds of domain.md's netwerkpartners, with wijkteam and anders.
inline constexpr const char* kKindOptions =
    "woningcorporatie, voedselbank, kledingbank, vakantiebank, bibliotheek, school, schuldhulp, welzijn, wijkteam, "
    "anders";
bool IsKind(std::string_view s);

struct PartnerOrganisation {
  std::string id;
  std::string organisation_id;
  std::string name;
  std::string kind;
  std::string contact;
  bool active = true;
  int64_t version = 1;
  std::string created_at, updated_at;
};

// The editable fields; for a change, absent fields stay as they are.
struct PartnerFields {
  std::optional<std::string> name, kind, contact;
  std::optional<bool> active;
};

// Field errors (catalogue codes): a new partner needs a name and a kind from kKindOptions; a
// name is not blank.
FieldErrors ValidatePartner(const PartnerFields& f, bool is_new);
PartnerOrganisation ApplyPartnerChange(PartnerOrganisation p, const PartnerFields& f);

}  // namespace kansrijk::partners
