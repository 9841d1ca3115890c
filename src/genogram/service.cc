#include "genogram/service.h"

#include <map>

#include "families/repo.h"
#include "genogram/repo.h"

namespace kansrijk::genogram {

namespace {

// Locks the family's genogram for this transaction and loads it.
Result<FamilyGenogram> LockAndLoad(db::Connection& tx, const FamilyRef& family) {
  RETURN_IF_ERROR(GenogramRepo::LockFamily(tx, family.id));
  return GenogramRepo::Load(tx, family.id, family.organisation_id);
}

// CheckPerson plus the rule that needs the database: a linked member is of this family.
Status CheckPersonInFamily(db::Connection& tx, const FamilyRef& family, const FamilyGenogram& g, const PersonRecord& r) {
  FieldErrors errors = CheckPerson(g, r);
  if (r.member_id) {
    auto member = families::FamilyRepo::GetMember(tx, family.id, *r.member_id);
    if (!member.ok()) {
      if (member.status().code() != Code::kNotFound) return member.status();
      errors["member_id"].push_back({"genogram_member_not_in_family", {}});
    }
  }
  if (!errors.empty()) return Status::Invalid(std::move(errors));
  return Status::Ok();
}

Status Stale() { return Status(Code::kFailedPrecondition, "version_stale"); }

}  // namespace

Result<FamilyGenogram> LoadGenogram(db::Connection& c, const FamilyRef& family) {
  return GenogramRepo::Load(c, family.id, family.organisation_id);
}

// ---- persons ----------------------------------------------------------------------------------

Result<AddedPerson> AddPerson(db::Connection& tx, const FamilyRef& family, const PersonPatch& patch,
                              const std::optional<Link>& link) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  PersonRecord r = NewPerson(patch);
  RETURN_IF_ERROR(CheckPersonInFamily(tx, family, g, r));
  std::vector<RelationRecord> relations;
  if (link) {
    ASSIGN_OR_RETURN(relations, LinkRelations(g, *link, "#new"));
  }
  RETURN_IF_ERROR(GenogramRepo::InsertPerson(tx, family.id, r));
  g.persons.push_back(r);
  AddedPerson out;
  for (auto& rel : relations) {
    if (rel.a == "#new") rel.a = r.person.id;
    if (rel.b == "#new") rel.b = r.person.id;
    RETURN_IF_ERROR(GenogramRepo::InsertRelation(tx, family.id, rel));
    g.relations.push_back(rel);
    out.relations.push_back(rel);
  }
  RETURN_IF_ERROR(CheckConsistent(g));
  out.placed = {r, GenerationOf(g, g.persons.size() - 1)};
  return out;
}

Result<PersonAt> ChangePerson(db::Connection& tx, const FamilyRef& family, const std::string& person_id,
                                  const PersonPatch& patch, int64_t expected_version) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  PersonRecord* current = FindPersonRecord(g, person_id);
  if (!current) return Status::NotFound("genogram_person_not_found");
  if (current->version != expected_version) return Stale();
  PersonRecord r = ChangedPerson(*current, patch);
  RETURN_IF_ERROR(CheckPersonInFamily(tx, family, g, r));
  RETURN_IF_ERROR(GenogramRepo::UpdatePerson(tx, family.id, r, expected_version));
  *current = r;
  RETURN_IF_ERROR(CheckConsistent(g));
  return PersonAt{r, GenerationOf(g, static_cast<size_t>(g.FindPerson(person_id)))};
}

Status DeletePerson(db::Connection& tx, const FamilyRef& family, const std::string& person_id, int64_t expected_version) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  if (!RemovePerson(g, person_id)) return Status::NotFound("genogram_person_not_found");
  RETURN_IF_ERROR(GenogramRepo::DeletePerson(tx, family.id, person_id, expected_version));
  return CheckConsistent(g);
}

// ---- relations --------------------------------------------------------------------------------

Result<RelationRecord> AddRelation(db::Connection& tx, const FamilyRef& family, const RelationRecord& relation) {
  RETURN_IF_ERROR(CheckRelation(relation));
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  RETURN_IF_ERROR(CheckRelationPersons(g, relation));
  RelationRecord r = relation;
  RETURN_IF_ERROR(GenogramRepo::InsertRelation(tx, family.id, r));
  g.relations.push_back(r);
  RETURN_IF_ERROR(CheckConsistent(g));
  return r;
}

Result<RelationRecord> ChangeRelation(db::Connection& tx, const FamilyRef& family, const std::string& relation_id,
                                      const RelationPatch& patch, int64_t expected_version) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  RelationRecord* current = FindRelation(g, relation_id);
  if (!current) return Status::NotFound("genogram_relation_not_found");
  if (current->version != expected_version) return Stale();
  RelationRecord r = ChangedRelation(*current, patch);
  RETURN_IF_ERROR(CheckRelation(r));
  RETURN_IF_ERROR(GenogramRepo::UpdateRelation(tx, family.id, r, expected_version));
  *current = r;
  RETURN_IF_ERROR(CheckConsistent(g));
  return r;
}

Status DeleteRelation(db::Connection& tx, const FamilyRef& family, const std::string& relation_id, int64_t expected_version) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  if (!RemoveRelation(g, relation_id)) return Status::NotFound("genogram_relation_not_found");
  RETURN_IF_ERROR(GenogramRepo::DeleteRelation(tx, family.id, relation_id, expected_version));
  return CheckConsistent(g);
}

// ---- events -----------------------------------------------------------------------------------

Result<EventRecord> AddEvent(db::Connection& tx, const FamilyRef& family, const LifeEvent& event) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  RETURN_IF_ERROR(CheckEventPersons(g, event));
  EventRecord e{event, 1};
  RETURN_IF_ERROR(GenogramRepo::InsertEvent(tx, family.id, e));
  g.events.push_back(e);
  RETURN_IF_ERROR(CheckConsistent(g));
  return e;
}

Result<EventRecord> ChangeEvent(db::Connection& tx, const FamilyRef& family, const std::string& event_id,
                                const EventPatch& patch, int64_t expected_version) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  EventRecord* current = FindEvent(g, event_id);
  if (!current) return Status::NotFound("genogram_event_not_found");
  if (current->version != expected_version) return Stale();
  EventRecord e = *current;
  e.event = ChangedEvent(current->event, patch);
  RETURN_IF_ERROR(CheckEventPersons(g, e.event));
  RETURN_IF_ERROR(GenogramRepo::UpdateEvent(tx, family.id, e, expected_version));
  *current = e;
  RETURN_IF_ERROR(CheckConsistent(g));
  return e;
}

Status DeleteEvent(db::Connection& tx, const FamilyRef& family, const std::string& event_id, int64_t expected_version) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  if (!RemoveEvent(g, event_id)) return Status::NotFound("genogram_event_not_found");
  RETURN_IF_ERROR(GenogramRepo::DeleteEvent(tx, family.id, event_id, expected_version));
  return CheckConsistent(g);
}

// ---- household --------------------------------------------------------------------------------

Result<HouseholdTakeOver> TakeOverHousehold(db::Connection& tx, const FamilyRef& family) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LockAndLoad(tx, family));
  ASSIGN_OR_RETURN(auto members, families::FamilyRepo::Members(tx, family.id));
  std::vector<HouseholdMember> household;
  for (const auto& m : members) household.push_back({m.id, m.given_name, m.family_name, m.sex, m.household_role, m.birth_date});
  HouseholdAdditions added = FromHousehold(g, household);
  for (auto& p : added.persons) {
    RETURN_IF_ERROR(GenogramRepo::InsertPerson(tx, family.id, p));
    g.persons.push_back(p);
  }
  auto resolve = [&](std::string& ref) {
    if (ref.starts_with("#")) ref = added.persons.at(std::stoul(ref.substr(1))).person.id;
  };
  for (auto& r : added.relations) {
    resolve(r.a);
    resolve(r.b);
    RETURN_IF_ERROR(GenogramRepo::InsertRelation(tx, family.id, r));
    g.relations.push_back(r);
  }
  RETURN_IF_ERROR(CheckConsistent(g));
  auto all = ComputeGenerations(ToModel(g));
  HouseholdTakeOver out;
  const size_t first = g.persons.size() - added.persons.size();
  for (size_t i = 0; i < added.persons.size(); ++i) out.persons.push_back({added.persons[i], all[first + i]});
  out.relations = std::move(added.relations);
  return out;
}

// ---- GEDCOM -----------------------------------------------------------------------------------

Result<GedcomImport> PlanGedcomImport(std::string_view bytes, Details details) {
  if (bytes.empty()) return Status::InvalidField("body", "gedcom_body_missing");
  ASSIGN_OR_RETURN(ImportResult result, ImportGedcom(bytes));
  GedcomImport out;
  out.plan = PlanImport(result.genogram, details);
  out.result = std::move(result);
  out.details = details;
  return out;
}

Status ApplyGedcomImport(db::Connection& tx, const FamilyRef& family, GedcomImport& import, bool dry_run) {
  if (!dry_run) RETURN_IF_ERROR(GenogramRepo::LockFamily(tx, family.id));
  ASSIGN_OR_RETURN(FamilyGenogram g, GenogramRepo::Load(tx, family.id, family.organisation_id));
  RETURN_IF_ERROR(CheckConsistent(Combined(g, import.plan)));
  if (dry_run) return Status::Ok();
  // The plan's records name each other "gedcom:<xref>" until the repository gives real ids.
  ImportPlan written = import.plan;
  std::map<std::string, std::string> real_id;
  for (auto& p : written.added.persons) {
    std::string ref = p.person.id;
    RETURN_IF_ERROR(GenogramRepo::InsertPerson(tx, family.id, p));
    real_id[ref] = p.person.id;
  }
  for (auto& r : written.added.relations) {
    r.a = real_id.at(r.a);
    r.b = real_id.at(r.b);
    RETURN_IF_ERROR(GenogramRepo::InsertRelation(tx, family.id, r));
  }
  for (auto& e : written.added.events) {
    e.event.person_id = real_id.at(e.event.person_id);
    if (!e.event.other_person_id.empty()) e.event.other_person_id = real_id.at(e.event.other_person_id);
    RETURN_IF_ERROR(GenogramRepo::InsertEvent(tx, family.id, e));
  }
  return Status::Ok();
}

Result<std::string> ExportFamilyGedcom(db::Connection& c, const FamilyRef& family, bool notes_visible,
                                       const PartialDate& today) {
  ASSIGN_OR_RETURN(FamilyGenogram g, LoadGenogram(c, family));
  Genogram m = ToModel(g);
  HideNotesForExport(m, notes_visible);
  ExportOptions options;
  options.date = FormatGedcomDate(today);
  return ExportGedcom(m, options).gedcom;
}

Result<std::string> DrawFamilyGenogram(db::Connection& c, const FamilyRef& family, bool notes_visible, SvgOptions options) {
  ASSIGN_OR_RETURN(auto f, families::FamilyRepo::Get(c, family.id));
  ASSIGN_OR_RETURN(FamilyGenogram g, LoadGenogram(c, family));
  Genogram m = ToModel(g);
  // A drawing is printed and put on the kitchen table: the same notes rule as the export.
  HideNotesForExport(m, notes_visible);
  // The title is what a printed page on the kitchen table says at the top.
  options.title = "Genogram " + f.name + " (" + FormatDutchDate(options.today) + ")";
  return RenderSvg(m, options);
}

// ---- themes -----------------------------------------------------------------------------------

Result<std::vector<Theme>> ThemeList(db::Connection& c, const std::string& organisation_id) {
  return GenogramRepo::Themes(c, organisation_id);
}

Status ReplaceThemeList(db::Connection& tx, const std::string& organisation_id, const std::vector<Theme>& themes) {
  return GenogramRepo::ReplaceThemes(tx, organisation_id, themes);
}

}  // namespace kansrijk::genogram
