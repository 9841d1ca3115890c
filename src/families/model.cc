#include "families/model.h"

#include "platform/text.h"

namespace kansrijk::families {

bool IsFamilyStatus(std::string_view s) { return s == "active" || s == "archived"; }
bool IsSex(std::string_view s) { return s == "female" || s == "male" || s == "other" || s == "unknown"; }
bool IsHouseholdRole(std::string_view s) {
  return s == "parent" || s == "child" || s == "grandparent" || s == "other";
}

FieldErrors ValidateMember(const MemberFields& m, bool is_new, Date today, const std::string& prefix) {
  FieldErrors errors;
  auto err = [&](const std::string& field, std::string msg) { errors[prefix + field].push_back(std::move(msg)); };
  if (m.given_name) {
    if (m.given_name->empty()) err("given_name", "Vul een voornaam in.");
    else if (Utf8Length(*m.given_name) > kMaxPersonNameChars) err("given_name", "De voornaam mag hoogstens 100 tekens hebben.");
  } else if (is_new) {
    err("given_name", "Vul een voornaam in.");
  }
  if (m.family_name && Utf8Length(*m.family_name) > kMaxPersonNameChars)
    err("family_name", "De achternaam mag hoogstens 100 tekens hebben.");
  if (m.birth_date && *m.birth_date) {
    auto d = ParseDate(**m.birth_date);
    if (!d) err("birth_date", "Schrijf de geboortedatum als jjjj-mm-dd, bijvoorbeeld 2015-04-23.");
    else if (*d > today) err("birth_date", "De geboortedatum kan niet in de toekomst liggen.");
    else if (*d < Date{1900, 1, 1}) err("birth_date", "De geboortedatum kan niet voor 1900 liggen.");
  }
  if (m.sex ? !IsSex(*m.sex) : is_new) err("sex", "Kies: female, male, other of unknown.");
  if (m.household_role ? !IsHouseholdRole(*m.household_role) : is_new)
    err("household_role", "Kies: parent, child, grandparent of other.");
  return errors;
}

Member ApplyMemberChange(Member m, const MemberFields& c) {
  if (c.given_name) m.given_name = *c.given_name;
  if (c.family_name) m.family_name = *c.family_name;
  if (c.birth_date) m.birth_date = *c.birth_date;
  if (c.sex) m.sex = *c.sex;
  if (c.household_role) m.household_role = *c.household_role;
  return m;
}

std::string FamilyNameKey(std::string_view name) { return AsciiLower(name); }

}  // namespace kansrijk::families
