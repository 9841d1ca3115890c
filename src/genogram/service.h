// The use cases of the genogram: each loads the family's genogram on the caller's connection or
// transaction, applies one change with the rules of edit.h, checks the whole (record.h
// CheckConsistent), and writes through the repository. Changes take the family lock first
// (PostgreSQL: the family row; SQLite has one writer at a time), so no other change lands between
// check and commit. The HTTP handlers (api.cc), the CLI, the demo and background jobs call these;
// none of them knows HTTP or the policy — the caller has decided access already.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genogram/edit.h"
#include "genogram/gedcom.h"
#include "genogram/record.h"
#include "genogram/svg.h"
#include "platform/db.h"

namespace kansrijk::genogram {

// The family a use case works on: its id and its organisation (whose theme list applies).
struct FamilyRef {
  std::string id;
  std::string organisation_id;
};

// The whole genogram of the family with its organisation's theme list.
Result<FamilyGenogram> LoadGenogram(db::Connection& c, const FamilyRef& family);

// A person and the generation it is drawn in (0 = the oldest row).
struct PersonAt {
  PersonRecord person;
  int generation = 0;
};
struct AddedPerson {
  PersonAt placed;
  std::vector<RelationRecord> relations;  // made by the quick link
};
// Adds a person (with the relations of `link`, when given). kInvalidArgument with coded field
// errors when the person or the resulting genogram breaks a rule.
Result<AddedPerson> AddPerson(db::Connection& tx, const FamilyRef& family, const PersonPatch& patch,
                              const std::optional<Link>& link);
// kNotFound (genogram_person_not_found), kFailedPrecondition (version_stale), kInvalidArgument.
Result<PersonAt> ChangePerson(db::Connection& tx, const FamilyRef& family, const std::string& person_id,
                                  const PersonPatch& patch, int64_t expected_version);
// Deletes the person with every relation and event naming them.
Status DeletePerson(db::Connection& tx, const FamilyRef& family, const std::string& person_id, int64_t expected_version);

Result<RelationRecord> AddRelation(db::Connection& tx, const FamilyRef& family, const RelationRecord& relation);
Result<RelationRecord> ChangeRelation(db::Connection& tx, const FamilyRef& family, const std::string& relation_id,
                                      const RelationPatch& patch, int64_t expected_version);
Status DeleteRelation(db::Connection& tx, const FamilyRef& family, const std::string& relation_id, int64_t expected_version);

Result<EventRecord> AddEvent(db::Connection& tx, const FamilyRef& family, const LifeEvent& event);
Result<EventRecord> ChangeEvent(db::Connection& tx, const FamilyRef& family, const std::string& event_id,
                                const EventPatch& patch, int64_t expected_version);
Status DeleteEvent(db::Connection& tx, const FamilyRef& family, const std::string& event_id, int64_t expected_version);

// "Take over the household": a person for every household member not yet in the genogram, and
// the relations between them (record.h FromHousehold).
struct HouseholdTakeOver {
  std::vector<PersonAt> persons;
  std::vector<RelationRecord> relations;
};
Result<HouseholdTakeOver> TakeOverHousehold(db::Connection& tx, const FamilyRef& family);

// A GEDCOM import: the file read and planned (no database), then checked against the family's
// genogram and, unless it is a dry run, written in the caller's transaction.
struct GedcomImport {
  ImportResult result;
  ImportPlan plan;
  Details details = Details::kMinimal;
};
// kInvalidArgument (gedcom_body_missing, gedcom_empty, gedcom_no_head, gedcom_charset_unsupported)
// or kPayloadTooLarge for what cannot be read at all; see gedcom.h.
Result<GedcomImport> PlanGedcomImport(std::string_view bytes, Details details);
// Checks the planned additions together with the genogram (kInvalidArgument when the whole
// would break a rule, e.g. the person cap); with `dry_run` nothing is written.
Status ApplyGedcomImport(db::Connection& tx, const FamilyRef& family, GedcomImport& import, bool dry_run);

// The genogram as a GEDCOM file, with the notes rule of edit.h (HideNotesForExport).
Result<std::string> ExportFamilyGedcom(db::Connection& c, const FamilyRef& family, bool notes_visible,
                                       const PartialDate& today);
// The drawing, titled with the family's name and `today`, with the same notes rule as the export.
Result<std::string> DrawFamilyGenogram(db::Connection& c, const FamilyRef& family, bool notes_visible, SvgOptions options);

// The organisation's theme list, and its replacement (kConflict theme_in_use, params.theme).
Result<std::vector<Theme>> ThemeList(db::Connection& c, const std::string& organisation_id);
Status ReplaceThemeList(db::Connection& tx, const std::string& organisation_id, const std::vector<Theme>& themes);

}  // namespace kansrijk::genogram
