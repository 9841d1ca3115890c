#include "genogram/model.h"
#include "platform/messages.h"

#include <gtest/gtest.h>

#include <functional>

#include "genogram/test_builders.h"

namespace kansrijk::genogram {
namespace {

using testing::Builder;

Builder Family() {
  Builder b;
  b.Man("opa", "1940").Woman("oma", "1942").Man("vader", "1965").Woman("moeder", "1968").Woman("kind", "1990");
  b.Partners("opa", "oma").Partners("vader", "moeder");
  b.Child("vader", "opa", "oma").Child("kind", "vader", "moeder");
  b.Emotional("vader", "kind", EmotionalKind::kClose);
  b.Event("vader", EventKind::kJobLoss, "2010");
  b.Theme("vader", "schulden");
  return b;
}

TEST(GenogramModelTest, ConsistentFamilyIsValid) {
  auto g = Family().Build();
  EXPECT_TRUE(FindProblems(g).empty());
  EXPECT_TRUE(Validate(g).ok());
}

TEST(GenogramModelTest, TableOfInconsistentData) {
  struct Case {
    const char* what;
    std::function<void(Builder&)> change;
    const char* field;
    const char* code;
  };
  const Case cases[] = {
      {"own ancestor", [](Builder& b) { b.Get("opa").birth = {}; b.Child("opa", "kind"); }, "parent_child[4]", "genogram_cycle"},
      {"own parent", [](Builder& b) { b.Child("kind", "kind"); }, "parent_child[4]", "genogram_own_parent"},
      {"child born before parent", [](Builder& b) { b.Get("kind").birth = ParseDate("1966"); }, "parent_child[3]",
       "genogram_child_born_before_parent"},
      {"third biological parent", [](Builder& b) { b.Child("kind", "oma"); }, "parent_child[4]",
       "genogram_too_many_biological_parents"},
      {"duplicate parent link", [](Builder& b) { b.Child("kind", "vader", "", ParentKind::kStep); }, "parent_child[4]",
       "genogram_parent_child_duplicate"},
      {"duplicate partner relation", [](Builder& b) { b.Partners("moeder", "vader", PartnerKind::kCohabiting); },
       "partners[2]", "genogram_partners_duplicate"},
      {"partner is unknown", [](Builder& b) { b.Partners("vader", "niemand"); }, "partners[2]", "genogram_relation_person_unknown"},
      {"partner with oneself", [](Builder& b) { b.Partners("vader", "vader"); }, "partners[2]", "genogram_relation_self"},
      {"a miscarriage as a parent", [](Builder& b) { b.Add("mk", Sex::kUnknown, "1990").Last().kind = PersonKind::kMiscarriage; b.Child("kind", "mk"); },
       "parent_child[4]", "genogram_not_born_parent"},
      {"a pregnancy as a partner", [](Builder& b) { b.Add("zw", Sex::kUnknown).Last().kind = PersonKind::kPregnancy; b.Partners("vader", "zw"); },
       "partners[2]", "genogram_not_born_parent"},
      {"child is unknown", [](Builder& b) { b.Child("niemand", "vader"); }, "parent_child[4]", "genogram_relation_person_unknown"},
      {"emotional to unknown", [](Builder& b) { b.Emotional("vader", "x", EmotionalKind::kConflict); }, "emotional[1]",
       "genogram_relation_person_unknown"},
      {"duplicate emotional", [](Builder& b) { b.Emotional("kind", "vader", EmotionalKind::kClose); }, "emotional[1]",
       "genogram_emotional_duplicate"},
      {"death before birth", [](Builder& b) { b.Get("opa").death = ParseDate("1939"); }, "persons[0].death",
       "genogram_death_before_birth"},
      {"end before start",
       [](Builder& b) {
         b.genogram().partners[1].start = ParseDate("1990");
         b.genogram().partners[1].end = ParseDate("ABT 1980");
       },
       "partners[1].end", "genogram_end_before_start"},
      {"unknown theme", [](Builder& b) { b.Theme("oma", "gokken"); }, "persons[1].theme_ids", "genogram_theme_unknown"},
      {"duplicate person", [](Builder& b) { b.Man("opa"); }, "persons[5].id", "genogram_person_duplicate"},
      {"event of unknown person", [](Builder& b) { b.Event("x", EventKind::kMove); }, "events[1]", "genogram_event_person_unknown"},
      {"event before birth", [](Builder& b) { b.Event("kind", EventKind::kDiploma, "1985"); }, "events[1].date",
       "genogram_event_before_birth"},
      {"twin of one", [](Builder& b) { b.genogram().twins.push_back({"t", {"kind"}, false}); }, "twins[0]",
       "genogram_twins_too_few"},
      {"twins born years apart", [](Builder& b) { b.Twins("vader", "moeder", false); }, "twins[0]", "genogram_twins_birth_days"},
  };
  for (const auto& c : cases) {
    Builder b = Family();
    c.change(b);
    auto problems = FindProblems(b.Build());
    ASSERT_EQ(problems.size(), 1u) << c.what << ": " << (problems.empty() ? "" : problems[0].field);
    EXPECT_EQ(problems[0].field, c.field) << c.what;
    EXPECT_EQ(problems[0].code, c.code) << c.what;
    EXPECT_TRUE(HasMessage(problems[0].code)) << problems[0].code << " has no catalogue entry";
    Status s = Validate(b.Build());
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << c.what;
    ASSERT_TRUE(s.field_errors().contains(c.field)) << c.what;
    EXPECT_EQ(s.field_errors().at(c.field).front().code, c.code) << c.what;
    EXPECT_TRUE(s.field_errors().contains(c.field)) << c.what;
  }
}

TEST(GenogramModelTest, PartialDatesAreComparedSensibly) {
  // Same year or "about" dates could be right: accepted. Only what is certainly wrong is refused.
  Builder b = Family();
  b.Get("kind").birth = ParseDate("1965");  // same year as the father: impossible in life, not by date alone
  b.Get("vader").birth = ParseDate("ABT 1965");
  b.Get("moeder").birth = ParseDate("ABT 1968");
  b.Get("opa").death = ParseDate("(na de oorlog)");
  EXPECT_TRUE(FindProblems(b.Build()).empty());
}

TEST(GenogramModelTest, AdoptiveParentsDoNotCountAsBiological) {
  Builder b = Family();
  b.Man("pleegvader", "1950").Child("kind", "pleegvader", "", ParentKind::kFoster).Child("kind", "opa", "", ParentKind::kAdoptive);
  EXPECT_TRUE(FindProblems(b.Build()).empty());
}

TEST(GenogramModelTest, GenerationsFollowDescentAndPartners) {
  Builder b = Family();
  b.Woman("losse_tante", "1970");  // no links: her own part starts at row 0
  b.Man("schoonvader", "1935").Child("moeder", "schoonvader");
  const auto g = b.Build();
  const auto gen = ComputeGenerations(g);
  auto at = [&](const char* id) { return gen[g.FindPerson(id)]; };
  EXPECT_EQ(at("opa"), 0);
  EXPECT_EQ(at("oma"), 0);
  EXPECT_EQ(at("vader"), 1);
  EXPECT_EQ(at("moeder"), 1);
  EXPECT_EQ(at("schoonvader"), 0);
  EXPECT_EQ(at("kind"), 2);
  EXPECT_EQ(at("losse_tante"), 0);
}

TEST(GenogramModelTest, GenerationsSurviveCyclesInInvalidData) {
  Builder b;
  b.Man("a").Man("b").Child("b", "a").Child("a", "b");
  const auto gen = ComputeGenerations(b.Build());
  EXPECT_EQ(gen.size(), 2u);  // terminates; values do not matter
}

TEST(GenogramModelTest, NamesAndEnumStrings) {
  Person p;
  EXPECT_EQ(DisplayName(p), "Onbekend");
  p.role_label = "oma moederskant";
  EXPECT_EQ(DisplayName(p), "oma moederskant");
  p.given_names = "Gerda";
  p.surname = "Bakker";
  EXPECT_EQ(DisplayName(p), "Gerda Bakker");
  EXPECT_EQ(ParseEmotionalKind(ToString(EmotionalKind::kCutOff)), EmotionalKind::kCutOff);
  EXPECT_EQ(ParseEventKind("debts_resolved"), EventKind::kDebtsResolved);
  EXPECT_EQ(ParseSex("x"), std::nullopt);
  EXPECT_EQ(DutchLabel(PartnerState::kDivorced), "gescheiden");
}

}  // namespace
}  // namespace kansrijk::genogram
