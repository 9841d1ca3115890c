#include "families/model.h"

#include "platform/text.h"

namespace kansrijk::families {

const char* const kFurtherCoachRoleOptions = "kindercoach, jongerencoach, anders";

bool IsFurtherCoachRole(std::string_view s) { return s == "kindercoach" || s == "jongerencoach" || s == "anders"; }

bool IsFamilyStatus(std::string_view s) { return s == "active" || s == "archived"; }
bool IsSex(std::string_view s) { return s == "female" || s == "male" || s == "other" || s == "unknown"; }
bool IsHouseholdRole(std::string_view s) {
  return s == "parent" || s == "child" || s == "grandparent" || s == "other";
}

FieldErrors ValidateMember(const MemberFields& m, bool is_new, Date today, const std::string& prefix) {
  FieldErrors errors;
  auto err = [&](const std::string& field, std::string code, Params params = {}) {
    errors[prefix + field].push_back({std::move(code), std::move(params)});
  };
  if (m.given_name) {
    if (m.given_name->empty()) err("given_name", "given_name_required");
    else if (Utf8Length(*m.given_name) > kMaxPersonNameChars) err("given_name", "too_long", {{"max", std::to_string(kMaxPersonNameChars)}});
  } else if (is_new) {
    err("given_name", "given_name_required");
  }
  if (m.family_name && Utf8Length(*m.family_name) > kMaxPersonNameChars)
    err("family_name", "too_long", {{"max", std::to_string(kMaxPersonNameChars)}});
  if (m.birth_date && *m.birth_date) {
    auto d = ParseDate(**m.birth_date);
    if (!d) err("birth_date", "bad_date");
    else if (*d > today) err("birth_date", "birth_date_in_future");
    else if (*d < Date{1900, 1, 1}) err("birth_date", "birth_date_before_1900");
  }
  if (m.sex ? !IsSex(*m.sex) : is_new) err("sex", "choose_one_of", {{"options", "female, male, other, unknown"}});
  if (m.household_role ? !IsHouseholdRole(*m.household_role) : is_new)
    err("household_role", "choose_one_of", {{"options", "parent, child, grandparent, other"}});
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
