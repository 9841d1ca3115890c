#include "genogram/edit.h"

#include <gtest/gtest.h>

#include "platform/messages.h"

namespace kansrijk::genogram {
namespace {

PersonRecord P(const std::string& id, const std::string& birth = "", bool household = false) {
  PersonRecord r;
  r.person.id = id;
  r.person.given_names = id;
  r.person.birth = ParseDate(birth);
  r.person.in_household = household;
  r.details = DefaultDetails(household);
  return r;
}

RelationRecord R(RelationType type, const std::string& a, const std::string& b, const std::string& kind) {
  RelationRecord r;
  r.id = "r-" + a + "-" + b;
  r.type = type;
  r.a = a;
  r.b = b;
  r.kind = kind;
  if (type == RelationType::kPartner) r.state = "together";
  return r;
}

// Oma (outside the household), moeder and kind (inside).
FamilyGenogram Three() {
  FamilyGenogram g;
  g.themes = DefaultThemes();
  g.persons = {P("oma", "1950"), P("moeder", "1975", true), P("kind", "2005", true)};
  g.relations = {R(RelationType::kParentChild, "oma", "moeder", "biological"),
                 R(RelationType::kParentChild, "moeder", "kind", "biological")};
  return g;
}

// The first code of `field` in a Status or field errors.
std::string CodeOf(const FieldErrors& errors, const std::string& field) {
  auto it = errors.find(field);
  return it == errors.end() || it->second.empty() ? "" : it->second.front().code;
}

TEST(GenogramEditTest, NewPersonTakesDefaultsAndThePatch) {
  PersonPatch patch;
  patch.fields = {"given_names", "in_household", "death"};
  patch.values.person.given_names = "Jan";
  patch.values.person.in_household = true;
  patch.values.person.death = ParseDate("2020");
  patch.values.person.surname = "not in fields";
  PersonRecord r = NewPerson(patch);
  EXPECT_EQ(r.person.given_names, "Jan");
  EXPECT_EQ(r.person.surname, "");
  EXPECT_EQ(r.details, Details::kFull) << "in the household: full details by default";
  EXPECT_TRUE(r.person.deceased) << "a death date says it";

  patch.fields = {"role_label"};
  patch.values.person.role_label = "oma moederskant";
  EXPECT_EQ(NewPerson(patch).details, Details::kMinimal) << "outside the household: minimal by default";
}

TEST(GenogramEditTest, SwitchingToMinimalLeavesOutWhatMinimalDoesNotKeep) {
  PersonRecord current = P("oom", "12 MAR 1950");
  current.details = Details::kFull;
  current.person.surname = "Jansen";
  PersonPatch patch;
  patch.fields = {"details"};
  patch.values.details = Details::kMinimal;
  PersonRecord r = ChangedPerson(current, patch);
  EXPECT_EQ(r.person.surname, "");
  EXPECT_EQ(FormatGedcomDate(r.person.birth), "1950");
  EXPECT_TRUE(CheckPerson(Three(), r).empty());

  // Setting the surname again in the same change is refused, with a code that says why.
  patch.fields.insert("surname");
  patch.values.person.surname = "Jansen";
  r = ChangedPerson(current, patch);
  EXPECT_EQ(CodeOf(CheckPerson(Three(), r), "surname"), "genogram_minimal_no_surname");
}

TEST(GenogramEditTest, PersonRulesAgainstTheRest) {
  FamilyGenogram g = Three();
  PersonRecord nameless;
  nameless.person.id = "x";
  EXPECT_EQ(CodeOf(CheckPerson(g, nameless), "given_names"), "genogram_name_or_role_required");

  g.persons[1].person.index_person = true;
  g.persons[1].member_id = "m1";
  PersonRecord second = P("nieuw", "", true);
  second.person.index_person = true;
  second.member_id = "m1";
  FieldErrors errors = CheckPerson(g, second);
  ASSERT_EQ(CodeOf(errors, "index_person"), "genogram_index_person_taken");
  EXPECT_EQ(errors["index_person"][0].params.at("name"), "moeder");
  ASSERT_EQ(CodeOf(errors, "member_id"), "genogram_member_already_linked");
  EXPECT_EQ(errors["member_id"][0].params.at("name"), "moeder");

  // The person itself is not "another" index person.
  EXPECT_TRUE(CheckPerson(g, g.persons[1]).empty());
}

TEST(GenogramEditTest, RelationsAndEventsNeedPersonsOfThisGenogram) {
  const FamilyGenogram g = Three();
  // A person of another family is simply not here: the same answer as a typo.
  Status st = CheckRelationPersons(g, R(RelationType::kEmotional, "oma", "persoon-van-een-ander-gezin", "close"));
  EXPECT_EQ(CodeOf(st.field_errors(), "b"), "genogram_person_not_in_genogram");
  EXPECT_TRUE(CheckRelationPersons(g, R(RelationType::kEmotional, "oma", "kind", "close")).ok());

  LifeEvent e;
  e.person_id = "kind";
  e.other_person_id = "elders";
  EXPECT_EQ(CodeOf(CheckEventPersons(g, e).field_errors(), "other_person_id"), "genogram_person_not_in_genogram");
  e.other_person_id = "";
  EXPECT_TRUE(CheckEventPersons(g, e).ok());

  RelationRecord self = R(RelationType::kPartner, "oma", "oma", "married");
  EXPECT_EQ(CodeOf(CheckRelation(self).field_errors(), "b"), "genogram_relation_self");
}

TEST(GenogramEditTest, QuickLinks) {
  FamilyGenogram g = Three();
  Link link{"sibling", "kind", ""};
  auto siblings = LinkRelations(g, link, "#new");
  ASSERT_TRUE(siblings.ok());
  ASSERT_EQ(siblings->size(), 1u);
  EXPECT_EQ((*siblings)[0].a, "moeder");
  EXPECT_EQ((*siblings)[0].b, "#new");

  auto orphan = LinkRelations(g, {"sibling", "oma", ""}, "#new");
  EXPECT_EQ(CodeOf(orphan.status().field_errors(), "link.person_id"), "genogram_sibling_needs_parent");
  auto unknown = LinkRelations(g, {"parent", "niemand", ""}, "#new");
  EXPECT_EQ(CodeOf(unknown.status().field_errors(), "link.person_id"), "genogram_person_not_in_genogram");
  auto other = LinkRelations(g, {"child", "moeder", "niemand"}, "#new");
  EXPECT_EQ(CodeOf(other.status().field_errors(), "link.other_parent_id"), "genogram_person_not_in_genogram");
  auto child = LinkRelations(g, {"child", "moeder", "oma"}, "#new");
  ASSERT_TRUE(child.ok());
  EXPECT_EQ(child->size(), 2u);
}

TEST(GenogramEditTest, AnEditThatMakesACycleOrBreaksDateOrderIsRefusedByTheWholeCheck) {
  FamilyGenogram g = Three();
  for (auto& p : g.persons) p.person.birth = {};
  g.relations.push_back(R(RelationType::kParentChild, "kind", "oma", "biological"));
  Status st = CheckConsistent(g);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(CodeOf(st.field_errors(), "relation"), "genogram_cycle");

  FamilyGenogram h = Three();
  PersonPatch patch;
  patch.fields = {"birth"};
  patch.values.person.birth = ParseDate("1940");
  h.persons[2] = ChangedPerson(h.persons[2], patch);  // the child born before the mother
  st = CheckConsistent(h);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(CodeOf(st.field_errors(), "relation"), "genogram_child_born_before_parent");
}

TEST(GenogramEditTest, RemovingAPersonTakesTheirRelationsAndEvents) {
  FamilyGenogram g = Three();
  LifeEvent e;
  e.id = "e1";
  e.person_id = "kind";
  e.other_person_id = "moeder";
  g.events.push_back({e, 1});
  EXPECT_TRUE(RemovePerson(g, "moeder"));
  EXPECT_EQ(g.persons.size(), 2u);
  EXPECT_TRUE(g.relations.empty());
  EXPECT_TRUE(g.events.empty());
  EXPECT_TRUE(CheckConsistent(g).ok());
  EXPECT_FALSE(RemovePerson(g, "moeder"));
  EXPECT_FALSE(RemoveRelation(g, "nope"));
  EXPECT_FALSE(RemoveEvent(g, "nope"));
}

TEST(GenogramEditTest, NotesRuleOfExportAndDrawing) {
  FamilyGenogram g = Three();
  g.persons[0].person.note = "over oma";
  g.persons[1].person.note = "over moeder";
  g.relations.push_back(R(RelationType::kEmotional, "oma", "moeder", "conflict"));
  g.relations.back().note = "ruzie";
  g.relations.push_back(R(RelationType::kEmotional, "moeder", "kind", "close"));
  g.relations.back().note = "hecht";

  Genogram seen = ToModel(g);
  HideNotesForExport(seen, true);
  ASSERT_EQ(seen.persons.size(), 3u);
  EXPECT_EQ(seen.persons[0].note, "") << "a relative outside the household: never";
  EXPECT_EQ(seen.persons[1].note, "over moeder");
  ASSERT_EQ(seen.emotional.size(), 2u);
  for (const auto& r : seen.emotional) EXPECT_EQ(r.note, r.a == "oma" || r.b == "oma" ? "" : "hecht");

  Genogram hidden = ToModel(g);
  HideNotesForExport(hidden, false);
  for (const auto& p : hidden.persons) EXPECT_EQ(p.note, "");
  for (const auto& r : hidden.emotional) EXPECT_EQ(r.note, "");
}

TEST(GenogramEditTest, AnImportPlanAddsRelativesWithMinimalDetails) {
  Genogram m;
  Person a;
  a.id = "I1";
  a.given_names = "Jan";
  a.surname = "Jansen";
  a.birth = ParseDate("12 MAR 1950");
  a.index_person = true;
  Person b = a;
  b.id = "I2";
  b.given_names = "Piet";
  b.birth = ParseDate("1975");
  m.persons = {a, b};
  m.parent_child.push_back({"l1", "I1", "I2", ParentKind::kBiological});
  ImportPlan plan = PlanImport(m, Details::kMinimal);
  ASSERT_EQ(plan.added.persons.size(), 2u);
  EXPECT_EQ(plan.reduced, 2u);
  for (const auto& p : plan.added.persons) {
    EXPECT_TRUE(p.person.id.starts_with("gedcom:"));
    EXPECT_EQ(p.person.surname, "");
    EXPECT_FALSE(p.person.index_person);
    EXPECT_FALSE(p.person.in_household);
  }
  ASSERT_EQ(plan.added.relations.size(), 1u);
  EXPECT_EQ(plan.added.relations[0].a, "gedcom:I1");
  EXPECT_TRUE(CheckConsistent(Combined(Three(), plan)).ok());

  // The cap holds for the whole: what is there plus what the file adds.
  FamilyGenogram full;
  for (size_t i = 0; i + 1 < kMaxPersons; ++i) full.persons.push_back(P("p" + std::to_string(i)));
  Status st = CheckConsistent(Combined(full, plan));
  ASSERT_FALSE(st.ok());
  ASSERT_EQ(CodeOf(st.field_errors(), "genogram"), "genogram_too_many_persons");
  EXPECT_EQ(st.field_errors().at("genogram")[0].params.at("max"), std::to_string(kMaxPersons));
}

TEST(GenogramEditTest, EveryCodeHasACatalogueEntry) {
  for (const char* code :
       {"genogram_name_or_role_required", "genogram_index_person_taken", "genogram_member_already_linked",
        "genogram_member_not_in_family", "genogram_person_not_in_genogram", "genogram_sibling_needs_parent",
        "genogram_person_not_found", "genogram_relation_not_found", "genogram_event_not_found", "theme_in_use",
        "gedcom_no_head", "gedcom_empty", "gedcom_body_missing", "genogram_cycle", "genogram_too_many_persons"})
    EXPECT_TRUE(HasMessage(code)) << code;
}

}  // namespace
}  // namespace kansrijk::genogram
