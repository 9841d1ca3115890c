// The genogram of one family: persons over 3–4 generations, their relations, life events and
// themes, and the rules that refuse impossible data. Pure: no SQL, no HTTP; ids are strings the
// repository assigns, so the API can store these plain structs as rows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genogram/date.h"
#include "platform/status.h"

namespace kansrijk::genogram {

enum class Sex { kMale, kFemale, kOther, kUnknown };

// What a symbol stands for: someone born, or a pregnancy — ongoing, lost early (miscarriage) or
// a child born dead — which McGoldrick draws with its own small symbol, because such losses
// often shape a family as much as the people in it.
enum class PersonKind { kBorn, kPregnancy, kMiscarriage, kStillbirth };

struct Person {
  std::string id;
  std::string given_names;  // may be empty for a relative known only by role
  std::string surname;
  std::string role_label;   // "oma moederskant": what the family calls someone without a name
  Sex sex = Sex::kUnknown;
  PersonKind kind = PersonKind::kBorn;
  PartialDate birth;  // for a pregnancy: expected or lost, the date that is known
  PartialDate death;
  bool deceased = false;    // true also without a death date ("overleden, jaar onbekend")
  bool index_person = false;
  bool in_household = false;  // member of the current household (the dotted boundary)
  std::vector<std::string> theme_ids;
  std::string note;  // free text; the API shows it only to coach and team lead
};

enum class PartnerKind { kMarried, kCohabiting, kRelationship };
enum class PartnerState { kTogether, kSeparated, kDivorced, kWidowed };

// Two partners. `a` is drawn on the left (husband left by convention, or the family's wish).
struct PartnerRelation {
  std::string id;
  std::string a, b;
  PartnerKind kind = PartnerKind::kRelationship;
  PartnerState state = PartnerState::kTogether;
  PartialDate start;  // marriage or start of living together
  PartialDate end;    // separation or divorce
  std::string note;
};

enum class ParentKind { kBiological, kAdoptive, kFoster, kStep };

struct ParentChild {
  std::string id;
  std::string parent_id, child_id;
  ParentKind kind = ParentKind::kBiological;
};

// Children born at one birth; identical twins get a bar between their lines.
struct TwinGroup {
  std::string id;
  std::vector<std::string> person_ids;  // two or more
  bool identical = false;
};

enum class EmotionalKind { kClose, kFused, kDistant, kConflict, kHostile, kCutOff, kAbuse };

// How two persons relate. For abuse, `a` is the one who abuses `b` (the arrow points at b).
struct EmotionalRelation {
  std::string id;
  std::string a, b;
  EmotionalKind kind = EmotionalKind::kClose;
  std::string note;
};

enum class EventKind {
  kBirth, kDeath, kMove, kBrokenContact, kReconciliation, kDivorce, kJobLoss, kNewJob,
  kDebtsStarted, kDebtsResolved, kSchoolDropOut, kDiploma, kIllness, kAddiction, kDetention, kOther,
};

struct LifeEvent {
  std::string id;
  std::string person_id;
  EventKind kind = EventKind::kOther;
  PartialDate date;
  std::string description;
  std::string place;                 // where it happened (for a move: the place moved to)
  std::string place_from;            // for a move
  std::string other_person_id;       // for broken contact / reconciliation: with whom (optional)
  std::string source_tag;            // the GEDCOM tag it came from ("BURI"), so export writes it back
};

// One entry of the organisation's configurable theme list.
struct Theme {
  std::string id;     // "schulden"
  std::string label;  // "Schulden"
  bool strength = false;
};

struct Genogram {
  std::vector<Person> persons;
  std::vector<PartnerRelation> partners;
  std::vector<ParentChild> parent_child;
  std::vector<TwinGroup> twins;
  std::vector<EmotionalRelation> emotional;
  std::vector<LifeEvent> events;
  std::vector<Theme> themes;  // the list the persons' theme_ids refer to

  // Index into persons, or -1. Linear; callers that look up often build their own map.
  int FindPerson(std::string_view id) const;
};

// The default theme list: problems and strengths named in the coaching seeds.
std::vector<Theme> DefaultThemes();

// One thing wrong with a genogram. `field` names the item ("parent_child[3]", "persons[0].death")
// so an API can point at it and the GEDCOM import can leave exactly that item out.
struct Problem {
  std::string field;
  std::string code;  // a reason code with an entry in data/messages/genogram.json
  Params params = {};
};

// Every inconsistency, in a stable order: unknown or duplicate ids, relations to unknown persons,
// relations to oneself, duplicate relations, more than two biological parents, someone their
// own ancestor, a child born before a parent, death before birth, end before start, unknown
// themes, twins that are not born together, a pregnancy drawn as a parent or partner. Empty when the genogram is consistent.
std::vector<Problem> FindProblems(const Genogram& g);

// OK, or kInvalidArgument with every problem as a coded field error.
Status Validate(const Genogram& g);

// Generation of every person (same order as persons), 0 = the oldest row: a child sits one row
// below its parents and partners share a row. Persons without links get the row of generation
// 0 of their own part of the family. Never fails, also not on invalid data (cycles are cut).
std::vector<int> ComputeGenerations(const Genogram& g);

// "Jan de Vries", else the role label, else what the symbol stands for ("Miskraam"), else "Onbekend".
std::string DisplayName(const Person& p);

// Stable lowercase names for the API and storage, and their Dutch labels for people.
std::string_view ToString(Sex v);
std::string_view ToString(PersonKind v);
std::string_view ToString(PartnerKind v);
std::string_view ToString(PartnerState v);
std::string_view ToString(ParentKind v);
std::string_view ToString(EmotionalKind v);
std::string_view ToString(EventKind v);
std::optional<Sex> ParseSex(std::string_view s);
std::optional<PersonKind> ParsePersonKind(std::string_view s);
std::optional<PartnerKind> ParsePartnerKind(std::string_view s);
std::optional<PartnerState> ParsePartnerState(std::string_view s);
std::optional<ParentKind> ParseParentKind(std::string_view s);
std::optional<EmotionalKind> ParseEmotionalKind(std::string_view s);
std::optional<EventKind> ParseEventKind(std::string_view s);
std::string_view DutchLabel(PersonKind v);
std::string_view DutchLabel(PartnerKind v);
std::string_view DutchLabel(PartnerState v);
std::string_view DutchLabel(ParentKind v);
std::string_view DutchLabel(EmotionalKind v);
std::string_view DutchLabel(EventKind v);

}  // namespace kansrijk::genogram
