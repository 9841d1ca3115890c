// The genogram as the API stores and shows it: the model's items plus what only storage and
// privacy need — row versions, the household member a person is, and how much may be kept about
// a relative who never consented to anything. Pure: no SQL, no HTTP.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genogram/model.h"
#include "platform/status.h"

namespace kansrijk::genogram {

// Bounds per family genogram: far above a real family over four generations, low enough that
// validating and drawing the whole genogram on every change stays fast (docs/performance.md).
constexpr size_t kMaxPersons = 5'000;
constexpr size_t kMaxRelations = 20'000;
constexpr size_t kMaxEvents = 50'000;

// How much is kept about a person. Household members took part in the intake; relatives
// outside the household did not, so by default only a first name or a role ("oma
// moederskant"), years, events and themes are kept about them — no surname, no exact dates.
enum class Details { kMinimal, kFull };
std::string_view ToString(Details v);
std::optional<Details> ParseDetails(std::string_view s);
// Full for someone in the household, minimal for everyone else.
Details DefaultDetails(bool in_household);

struct PersonRecord {
  Person person;
  Details details = Details::kFull;
  std::optional<std::string> member_id;  // the household member (families/{id}/members) this is
  int64_t version = 1;
};

enum class RelationType { kPartner, kParentChild, kEmotional, kTwins };
std::string_view ToString(RelationType v);
std::optional<RelationType> ParseRelationType(std::string_view s);

// One relation of any type. parent_child: a is the parent, b the child; emotional abuse: a abuses
// b; twins: kind "identical" or "fraternal" (twin pairs sharing a person form one group).
struct RelationRecord {
  std::string id;
  RelationType type = RelationType::kPartner;
  std::string a, b;
  std::string kind;
  std::string state;        // partners only ("together" …), else empty
  PartialDate start, end;   // partners only
  std::string note;         // partners and emotional relations only
  int64_t version = 1;
};

struct EventRecord {
  LifeEvent event;
  int64_t version = 1;
};

struct FamilyGenogram {
  std::vector<PersonRecord> persons;      // in the order they were added
  std::vector<RelationRecord> relations;  // idem
  std::vector<EventRecord> events;        // idem
  std::vector<Theme> themes;              // the organisation's list

  int FindPerson(std::string_view id) const;  // index or -1
};

// The model for validation, layout, drawing, patterns and export.
Genogram ToModel(const FamilyGenogram& g);

// Errors in a relation's own fields, keyed by API field name: a kind that does not fit the type,
// a state, dates or a note where the type has none, a relation of someone with themselves.
FieldErrors ValidateRelationFields(const RelationRecord& r);

// Privacy of a relative with minimal details: a surname, or a date with a month, a day or free
// text, is an error (keyed "surname", "birth", "death"; codes genogram_minimal_*).
FieldErrors ValidatePersonPrivacy(const PersonRecord& p);

// Leaves out what minimal details do not keep: the surname, and months, days and free text of
// the birth and death dates ("ABT 12 MAR 1950" -> "ABT 1950"). True when anything was left out.
bool ReduceToMinimal(Person& p);

// Every inconsistency of the whole genogram (model::FindProblems) plus the bounds above, as
// field errors under the API's names ("birth", "death", "end", "themes", "date", "relation",
// "person", "genogram"), first problem first. Empty when consistent.
std::vector<Problem> FindRecordProblems(const FamilyGenogram& g);
// kInvalidArgument with those problems as coded field errors, or OK.
Status CheckConsistent(const FamilyGenogram& g);

// Household member -> person: "Jan" + "de Vries", sex and birth date (YYYY-MM-DD) taken over.
struct HouseholdMember {
  std::string id, given_name, family_name, sex, household_role;
  std::optional<std::string> birth_date;
};

// What "take over the household" adds: a person for every member not yet linked by member_id,
// parents as partners (relationship, together) when there are exactly two parents and no
// partner relation between them yet, and parent -> child links (biological) from every parent
// (new or already there) to every child that has fewer than two parents. Ids are left empty for
// the repository to assign; the returned relations refer to persons by index into
// `g.persons` followed by the new persons ("#3"), resolved by the caller.
struct HouseholdAdditions {
  std::vector<PersonRecord> persons;
  std::vector<RelationRecord> relations;  // a, b: existing person ids or "#<index in persons>"
};
HouseholdAdditions FromHousehold(const FamilyGenogram& g, const std::vector<HouseholdMember>& members);

}  // namespace kansrijk::genogram
