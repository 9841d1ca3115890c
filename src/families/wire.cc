#include "families/wire.h"

#include "platform/api_helpers.h"

namespace kansrijk::families {

void WriteMember(http::JsonWriter& w, const Member& m) {
  w.BeginObject()
      .Key("id").String(m.id)
      .Key("family_id").String(m.family_id)
      .Key("given_name").String(m.given_name)
      .Key("family_name").String(m.family_name)
      .Key("birth_date").OptString(m.birth_date)
      .Key("sex").String(m.sex)
      .Key("household_role").String(m.household_role)
      .Key("version").Int(m.version)
      .Key("created_at").String(m.created_at)
      .Key("updated_at").String(m.updated_at)
      .EndObject();
}

void WriteFamilyFields(http::JsonWriter& w, const Family& f) {
  w.Key("id").String(f.id)
      .Key("name").String(f.name)
      .Key("coach_id").OptString(f.coach_id)
      .Key("coach_name").OptString(f.coach_id ? std::optional(f.coach_name) : std::nullopt)
      .Key("status").String(f.status)
      .Key("version").Int(f.version)
      .Key("created_at").String(f.created_at)
      .Key("updated_at").String(f.updated_at)
      .Key("member_count").Int(f.member_count);
}

http::Json MemberJson(const Member& m) {
  http::JsonWriter w;
  WriteMember(w, m);
  return http::Json::parse(w.Take());
}

MemberFields ReadMemberFields(const http::Json& obj, FieldErrors& errors, const std::string& prefix) {
  http::FieldReader f(obj, {"given_name", "family_name", "birth_date", "sex", "household_role"});
  MemberFields m;
  // The reader keeps long names (up to a sane bound) so ValidateMember can say "maximaal 100"
  // once, instead of the reader refusing them and the validator then calling them missing.
  constexpr size_t kReadBound = 100 * kMaxPersonNameChars;
  m.given_name = f.String("given_name", false, kReadBound);
  m.family_name = f.String("family_name", false, kReadBound);
  if (f.IsNull("birth_date")) m.birth_date = std::optional<std::string>();
  else if (auto b = f.String("birth_date", false, 10)) m.birth_date = std::optional<std::string>(*b);
  m.sex = f.String("sex", false, 20);
  m.household_role = f.String("household_role", false, 20);
  for (auto& [field, list] : f.errors())
    for (auto& e : list) errors[prefix + field].push_back(e);
  return m;
}

}  // namespace kansrijk::families
