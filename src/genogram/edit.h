// The edit rules of a family's genogram: applying a change of one person, relation or event to a
// loaded genogram, and checking the change against the rest of it — a name or role, one index
// person, a household member at most once, persons that must be in this genogram, quick links
// to persons already there, the plan of a GEDCOM import, and which notes a reader may see.
// Pure: no SQL, no HTTP. The whole-genogram check (cycles, date order, duplicates, the cap) is
// CheckConsistent (record.h); the service runs it after every edit.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "genogram/record.h"
#include "platform/status.h"

namespace kansrijk::genogram {

// The fields a request sets, with their values; a field not in `fields` stays as it is. A field
// set to null is in `fields` with the empty value (no date, no member, no themes).
struct PersonPatch {
  std::set<std::string> fields;  // API names: given_names, surname, birth, member_id, themes, ...
  PersonRecord values;
};
struct RelationPatch {
  std::set<std::string> fields;  // kind, state, start, end, note
  RelationRecord values;
};
struct EventPatch {
  std::set<std::string> fields;  // person_id, kind, date, description, place, place_from, other_person_id
  LifeEvent values;
};

// A new person from a patch: defaults, then the patch; details follow in_household unless given.
PersonRecord NewPerson(const PersonPatch& patch);
// Applies a change to `current`. Switching from full to minimal details leaves out what minimal
// does not keep, unless the patch sets it again (then CheckPerson refuses it and says why).
PersonRecord ChangedPerson(const PersonRecord& current, const PersonPatch& patch);
// A new relation: the type's default kind (and state "together" for partners), then the patch.
RelationRecord NewRelation(RelationType type, const std::string& a, const std::string& b, const RelationPatch& patch);
RelationRecord ChangedRelation(const RelationRecord& current, const RelationPatch& patch);
LifeEvent NewEvent(const EventPatch& patch);
LifeEvent ChangedEvent(const LifeEvent& current, const EventPatch& patch);

// The kind a new relation of `type` gets when none is given ("" for emotional: it must be chosen).
std::string DefaultKind(RelationType type);

// Rules of one person against the rest of the genogram: a name or a role, at most one index
// person (genogram_index_person_taken, params.name), a household member in at most one person
// (genogram_member_already_linked, params.name), and the privacy of minimal details. Whether the
// member belongs to the family needs the database: the service checks that.
FieldErrors CheckPerson(const FamilyGenogram& g, const PersonRecord& r);
// A relation's own fields (record.h ValidateRelationFields) as a Status.
Status CheckRelation(const RelationRecord& r);
// Both persons of a relation are in this genogram (a person of another family is simply not:
// the same answer as a typo), field "a" or "b".
Status CheckRelationPersons(const FamilyGenogram& g, const RelationRecord& r);
// The person (and the other person) of an event are in this genogram.
Status CheckEventPersons(const FamilyGenogram& g, const LifeEvent& e);

// A quick action's link from a new person to one already there.
struct Link {
  std::string type;  // parent | child | partner | sibling
  std::string person_id, other_parent_id;
};
// The relations a quick action adds for the new person, named `added` in them until it has an
// id. Field errors under "link.person_id" / "link.other_parent_id".
Result<std::vector<RelationRecord>> LinkRelations(const FamilyGenogram& g, const Link& link, const std::string& added);

// Takes an item out of the loaded genogram: a person with every relation and event naming them.
// False when it is not there.
bool RemovePerson(FamilyGenogram& g, const std::string& id);
bool RemoveRelation(FamilyGenogram& g, const std::string& id);
bool RemoveEvent(FamilyGenogram& g, const std::string& id);

PersonRecord* FindPersonRecord(FamilyGenogram& g, const std::string& id);
RelationRecord* FindRelation(FamilyGenogram& g, const std::string& id);
EventRecord* FindEvent(FamilyGenogram& g, const std::string& id);

// The generation (1 = the oldest row) of the person at `index`, as the API shows it.
int GenerationOf(const FamilyGenogram& g, size_t index);

// The records a GEDCOM import adds, with ids "gedcom:<xref>" until the repository gives real
// ones: relatives outside the household, no index person, no themes; with minimal details
// reduced to what minimal keeps (`reduced` counts the persons that lost something).
struct ImportPlan {
  FamilyGenogram added;
  size_t reduced = 0;
};
ImportPlan PlanImport(const Genogram& imported, Details details);
// The existing genogram with the planned additions, to check the whole.
FamilyGenogram Combined(FamilyGenogram g, const ImportPlan& plan);

// The notes rule for everything that leaves the screen of the people working with the family
// (the GEDCOM export, the SVG drawing): without `notes_visible` no note at all; with it, still no
// note about a person outside the household, nor on a relation with such a person — a file or a
// printed drawing travels, and those relatives never consented to anything.
void HideNotesForExport(Genogram& g, bool notes_visible);

}  // namespace kansrijk::genogram
