#include "families/model.h"

#include <gtest/gtest.h>

namespace kansrijk::families {
namespace {

const Date kToday{2026, 11, 23};

MemberFields Valid() {
  MemberFields m;
  m.given_name = "Sandra";
  m.family_name = "Bakker";
  m.birth_date = std::optional<std::string>("1984-05-02");
  m.sex = "female";
  m.household_role = "parent";
  return m;
}

TEST(MemberValidationTest, ValidMemberHasNoErrors) { EXPECT_TRUE(ValidateMember(Valid(), true, kToday).empty()); }

TEST(MemberValidationTest, TableOfBadFields) {
  struct Case {
    const char* what;
    std::function<void(MemberFields&)> change;
    const char* field;
  };
  const Case cases[] = {
      {"missing given name", [](MemberFields& m) { m.given_name.reset(); }, "given_name"},
      {"empty given name", [](MemberFields& m) { m.given_name = ""; }, "given_name"},
      {"101 chars", [](MemberFields& m) { m.given_name = std::string(101, 'a'); }, "given_name"},
      {"long family name", [](MemberFields& m) { m.family_name = std::string(101, 'a'); }, "family_name"},
      {"future birth", [](MemberFields& m) { m.birth_date = std::optional<std::string>("2026-11-24"); }, "birth_date"},
      {"impossible date", [](MemberFields& m) { m.birth_date = std::optional<std::string>("2023-02-30"); }, "birth_date"},
      {"before 1900", [](MemberFields& m) { m.birth_date = std::optional<std::string>("1899-12-31"); }, "birth_date"},
      {"format", [](MemberFields& m) { m.birth_date = std::optional<std::string>("02-05-1984"); }, "birth_date"},
      {"sex", [](MemberFields& m) { m.sex = "M"; }, "sex"},
      {"missing sex", [](MemberFields& m) { m.sex.reset(); }, "sex"},
      {"role", [](MemberFields& m) { m.household_role = "uncle"; }, "household_role"},
  };
  for (const auto& c : cases) {
    auto m = Valid();
    c.change(m);
    auto errors = ValidateMember(m, true, kToday, "members[0].");
    EXPECT_EQ(errors.size(), 1u) << c.what;
    EXPECT_TRUE(errors.contains(std::string("members[0].") + c.field)) << c.what;
  }
}

TEST(MemberValidationTest, BoundariesAreAccepted) {
  auto m = Valid();
  m.birth_date = std::optional<std::string>("2026-11-23");  // born today
  EXPECT_TRUE(ValidateMember(m, true, kToday).empty());
  m.birth_date = std::optional<std::string>("1900-01-01");
  EXPECT_TRUE(ValidateMember(m, true, kToday).empty());
  m.given_name = std::string(100, 'a');
  EXPECT_TRUE(ValidateMember(m, true, kToday).empty());
}

TEST(MemberValidationTest, ChangesNeedOnlyTheFieldsGiven) {
  MemberFields change;
  change.household_role = "grandparent";
  EXPECT_TRUE(ValidateMember(change, false, kToday).empty());
  Member m{"m1", "f1", "Gerda", "Bakker", "1956-01-01", "female", "parent", 3, "", ""};
  auto updated = ApplyMemberChange(m, change);
  EXPECT_EQ(updated.household_role, "grandparent");
  EXPECT_EQ(updated.given_name, "Gerda");
  MemberFields clear;
  clear.birth_date = std::optional<std::string>();
  EXPECT_FALSE(ApplyMemberChange(m, clear).birth_date);
}

TEST(FamilyTest, NameKeyIsCaseInsensitiveForSorting) {
  EXPECT_EQ(FamilyNameKey("Familie De Vries"), "familie de vries");
  EXPECT_TRUE(IsFamilyStatus("archived"));
  EXPECT_FALSE(IsFamilyStatus("deleted"));
}

}  // namespace
}  // namespace kansrijk::families
