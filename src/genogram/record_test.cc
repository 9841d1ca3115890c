#include "genogram/record.h"

#include <gtest/gtest.h>

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

RelationRecord R(RelationType type, const std::string& a, const std::string& b, const std::string& kind,
                 const std::string& state = "") {
  RelationRecord r;
  r.id = "r-" + a + "-" + b;
  r.type = type;
  r.a = a;
  r.b = b;
  r.kind = kind;
  r.state = state;
  return r;
}

FamilyGenogram Three() {
  FamilyGenogram g;
  g.themes = DefaultThemes();
  g.persons = {P("oma", "1950"), P("moeder", "1975", true), P("kind", "2005", true)};
  g.relations = {R(RelationType::kParentChild, "oma", "moeder", "biological"),
                 R(RelationType::kParentChild, "moeder", "kind", "biological")};
  return g;
}

TEST(RecordTest, TwinPairsSharingAPersonBecomeOneGroup) {
  FamilyGenogram g;
  g.persons = {P("a", "2000"), P("b", "2000"), P("c", "2000"), P("d", "1990"), P("e", "1990")};
  g.relations = {R(RelationType::kTwins, "a", "b", "identical"), R(RelationType::kTwins, "b", "c", "fraternal"),
                 R(RelationType::kTwins, "d", "e", "fraternal")};
  Genogram m = ToModel(g);
  ASSERT_EQ(m.twins.size(), 2u);
  EXPECT_EQ(m.twins[0].person_ids, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(m.twins[0].identical);
  EXPECT_EQ(m.twins[1].person_ids, (std::vector<std::string>{"d", "e"}));
  EXPECT_FALSE(m.twins[1].identical);
}

TEST(RecordTest, RelationsBecomeTheirModelKinds) {
  FamilyGenogram g = Three();
  g.relations.push_back(R(RelationType::kPartner, "oma", "moeder", "married", "divorced"));
  g.relations.push_back(R(RelationType::kEmotional, "oma", "kind", "cut_off"));
  Genogram m = ToModel(g);
  ASSERT_EQ(m.partners.size(), 1u);
  EXPECT_EQ(m.partners[0].kind, PartnerKind::kMarried);
  EXPECT_EQ(m.partners[0].state, PartnerState::kDivorced);
  ASSERT_EQ(m.parent_child.size(), 2u);
  EXPECT_EQ(m.parent_child[1].parent_id, "moeder");
  ASSERT_EQ(m.emotional.size(), 1u);
  EXPECT_EQ(m.emotional[0].kind, EmotionalKind::kCutOff);
}

TEST(RecordTest, RelationFieldsMustFitTheirType) {
  EXPECT_TRUE(ValidateRelationFields(R(RelationType::kPartner, "a", "b", "married", "together")).empty());
  auto wrong_kind = ValidateRelationFields(R(RelationType::kParentChild, "a", "b", "married"));
  EXPECT_TRUE(wrong_kind.contains("kind"));
  auto state_on_child = ValidateRelationFields(R(RelationType::kParentChild, "a", "b", "biological", "together"));
  EXPECT_TRUE(state_on_child.contains("state"));
  auto no_state = ValidateRelationFields(R(RelationType::kPartner, "a", "b", "married"));
  EXPECT_TRUE(no_state.contains("state"));
  auto self = ValidateRelationFields(R(RelationType::kEmotional, "a", "a", "close"));
  EXPECT_TRUE(self.contains("b"));
  RelationRecord dated = R(RelationType::kEmotional, "a", "b", "close");
  dated.start = ParseDate("1990");
  EXPECT_TRUE(ValidateRelationFields(dated).contains("start"));
}

TEST(RecordTest, MinimalDetailsKeepNoSurnameAndOnlyYears) {
  PersonRecord r = P("oma", "ABT 1950");
  EXPECT_EQ(r.details, Details::kMinimal);
  EXPECT_TRUE(ValidatePersonPrivacy(r).empty());
  r.person.surname = "Jansen";
  r.person.birth = ParseDate("12 MAR 1950");
  r.person.death = ParseDate("(na de oorlog)");
  auto errors = ValidatePersonPrivacy(r);
  EXPECT_TRUE(errors.contains("surname"));
  EXPECT_TRUE(errors.contains("birth"));
  EXPECT_TRUE(errors.contains("death"));
  r.details = Details::kFull;
  EXPECT_TRUE(ValidatePersonPrivacy(r).empty());
}

TEST(RecordTest, ReduceToMinimalLeavesOutSurnameMonthsDaysAndPhrases) {
  Person p;
  p.surname = "Jansen";
  p.birth = ParseDate("ABT 12 MAR 1950");
  p.death = ParseDate("(na de oorlog)");
  EXPECT_TRUE(ReduceToMinimal(p));
  EXPECT_EQ(p.surname, "");
  EXPECT_EQ(FormatGedcomDate(p.birth), "ABT 1950");
  EXPECT_TRUE(p.death.empty());
  PersonRecord r;
  r.person = p;
  r.details = Details::kMinimal;
  EXPECT_TRUE(ValidatePersonPrivacy(r).empty());
  EXPECT_FALSE(ReduceToMinimal(p)) << "nothing more to leave out";
}

TEST(RecordTest, ProblemsUseApiFieldNames) {
  FamilyGenogram g = Three();
  g.persons[2].person.birth = ParseDate("1940");  // the child before its mother and grandmother
  g.persons[0].person.theme_ids = {"bestaat_niet"};
  auto problems = FindRecordProblems(g);
  ASSERT_FALSE(problems.empty());
  bool relation = false, themes = false;
  for (const auto& p : problems) {
    relation |= p.field == "relation";
    themes |= p.field == "themes";
  }
  EXPECT_TRUE(relation);
  EXPECT_TRUE(themes);
  Status st = CheckConsistent(g);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_EQ(st.field_errors().at(problems.front().field).front().code, problems.front().code);
  EXPECT_TRUE(CheckConsistent(Three()).ok());
}

TEST(RecordTest, CycleThroughAChainIsRefused) {
  FamilyGenogram g = Three();
  for (auto& p : g.persons) p.person.birth = {};
  g.relations.push_back(R(RelationType::kParentChild, "kind", "oma", "biological"));
  auto problems = FindRecordProblems(g);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "genogram_cycle");
}

TEST(RecordTest, MorePersonsThanTheCapAreRefused) {
  FamilyGenogram g;
  for (size_t i = 0; i <= kMaxPersons; ++i) g.persons.push_back(P("p" + std::to_string(i)));
  auto problems = FindRecordProblems(g);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "genogram");
  g.persons.pop_back();
  EXPECT_TRUE(FindRecordProblems(g).empty());
}

TEST(RecordTest, FromHouseholdAddsMembersWithTheirRelationsOnce) {
  std::vector<HouseholdMember> members = {
      {"m1", "Sandra", "Bakker", "female", "parent", "1984-06-12"},
      {"m2", "Kees", "Bakker", "male", "parent", std::nullopt},
      {"m3", "Noa", "Bakker", "female", "child", "2014-04-06"},
      {"m4", "Gerda", "Bakker", "female", "grandparent", "1956-01-01"},
  };
  FamilyGenogram g;
  HouseholdAdditions added = FromHousehold(g, members);
  ASSERT_EQ(added.persons.size(), 4u);
  EXPECT_EQ(added.persons[0].person.given_names, "Sandra");
  EXPECT_EQ(FormatGedcomDate(added.persons[0].person.birth), "12 JUN 1984");
  EXPECT_TRUE(added.persons[0].person.in_household);
  EXPECT_EQ(added.persons[0].details, Details::kFull);
  EXPECT_EQ(added.persons[1].person.sex, Sex::kMale);
  // The parents as partners, and both as parents of the child; the grandparent unlinked.
  ASSERT_EQ(added.relations.size(), 3u);
  EXPECT_EQ(added.relations[0].type, RelationType::kPartner);
  EXPECT_EQ(added.relations[0].a, "#0");
  EXPECT_EQ(added.relations[0].b, "#1");
  EXPECT_EQ(added.relations[1].type, RelationType::kParentChild);
  EXPECT_EQ(added.relations[1].b, "#2");
  EXPECT_EQ(added.relations[2].a, "#1");

  // Once they are in, nothing is added again.
  for (size_t i = 0; i < added.persons.size(); ++i) {
    added.persons[i].person.id = "p" + std::to_string(i);
    g.persons.push_back(added.persons[i]);
  }
  for (auto r : added.relations) {
    r.a = "p" + r.a.substr(1);
    r.b = "p" + r.b.substr(1);
    g.relations.push_back(r);
  }
  HouseholdAdditions again = FromHousehold(g, members);
  EXPECT_TRUE(again.persons.empty());
  EXPECT_TRUE(again.relations.empty());
}

}  // namespace
}  // namespace kansrijk::genogram
