// Families and household members: the minimal case core. Pure rules, no SQL or HTTP.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "platform/status.h"
#include "platform/time.h"

namespace kansrijk::families {

constexpr size_t kMaxFamilyNameChars = 200;
constexpr size_t kMaxPersonNameChars = 100;

struct Family {
  std::string id;
  std::string organisation_id;
  std::string name;
  std::optional<std::string> coach_id;
  std::string coach_name;
  std::string status;  // "active" | "archived"
  int64_t version = 1;
  std::string created_at, updated_at;
  int64_t member_count = 0;
  // Where the family stands in its coaching trajectory (phase, programme, referral, waiting) is
  // not a family field: it is the trajectory feature's (trajectory/model.h), which may read
  // families; families reads no other feature.
};

struct Member {
  std::string id;
  std::string family_id;
  std::string given_name;
  std::string family_name;
  std::optional<std::string> birth_date;  // YYYY-MM-DD
  std::string sex;                        // female | male | other | unknown
  std::string household_role;             // parent | child | grandparent | other
  int64_t version = 1;
  std::string created_at, updated_at;
};

// The editable fields of a member; for a change, absent fields stay as they are.
struct MemberFields {
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::optional<std::optional<std::string>> birth_date;  // set to nullopt-inside to clear
  std::optional<std::string> sex;
  std::optional<std::string> household_role;
};

// Further coaches (issue 14): a family has one main coach (families.coach_id, the gezinscoach
// and single contact person) and may have further coaches, each with a role.
struct FamilyCoach {
  std::string id;
  std::string family_id;
  std::string user_id;
  std::string display_name;
  std::string role;  // IsFurtherCoachRole
  std::string started_on;
  std::optional<std::string> ended_on;
  std::optional<std::string> note, end_note;
};
// The role of the main coach, as the team overview names it.
inline constexpr const char* kMainCoachRole = "gezinscoach";
bool IsFurtherCoachRole(std::string_view s);
extern const char* const kFurtherCoachRoleOptions;
constexpr size_t kMaxCoachNoteChars = 2000;

bool IsFamilyStatus(std::string_view s);
bool IsSex(std::string_view s);
bool IsHouseholdRole(std::string_view s);

// Field errors for member fields (`prefix` is put before each field name, e.g. "members[0].").
// A new member needs given_name, sex and household_role. Birth dates must be real dates, from
// 1900-01-01 up to `today` (the date in the Netherlands).
FieldErrors ValidateMember(const MemberFields& m, bool is_new, Date today, const std::string& prefix = "");

// Applies a change to a member (pure).
Member ApplyMemberChange(Member m, const MemberFields& change);

// The key families sort and search on: the name in ASCII lower case.
std::string FamilyNameKey(std::string_view name);

}  // namespace kansrijk::families
