#include "partners/model.h"

#include "platform/text.h"

namespace kansrijk::partners {

bool IsKind(std::string_view s) {
  for (std::string_view k : {"woningcorporatie", "voedselbank", "kledingbank", "vakantiebank", "bibliotheek", "school",
                             "schuldhulp", "welzijn", "wijkteam", "anders"})
    if (s == k) return true;
  return false;
}

FieldErrors ValidatePartner(const PartnerFields& f, bool is_new) {
  FieldErrors errors;
  if (is_new && !f.name) errors["name"].push_back({"required", {}});
  if (f.name && Trim(*f.name).empty()) errors["name"].push_back({"not_empty", {}});
  if (is_new && !f.kind) errors["kind"].push_back({"required", {}});
  if (f.kind && !IsKind(*f.kind)) errors["kind"].push_back({"choose_one_of", {{"options", kKindOptions}}});
  return errors;
}

PartnerOrganisation ApplyPartnerChange(PartnerOrganisation p, const PartnerFields& f) {
  if (f.name) p.name = std::string(Trim(*f.name));
  if (f.kind) p.kind = *f.kind;
  if (f.contact) p.contact = std::string(Trim(*f.contact));
  if (f.active) p.active = *f.active;
  return p;
}

}  // namespace kansrijk::partners
