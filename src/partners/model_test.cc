#include "partners/model.h"

#include <gtest/gtest.h>

namespace kansrijk::partners {
namespace {

TEST(PartnerTest, NewPartnerNeedsANameAndAKindFromTheList) {
  EXPECT_TRUE(ValidatePartner({"Voedselbank Emmen", "voedselbank", "info@example.org", std::nullopt}, true).empty());
  auto e = ValidatePartner({std::nullopt, "bakker", std::nullopt, std::nullopt}, true);
  EXPECT_EQ(e.at("name").at(0).code, "required");
  EXPECT_EQ(e.at("kind").at(0).code, "choose_one_of");
  EXPECT_EQ(ValidatePartner({"  ", std::nullopt, std::nullopt, std::nullopt}, false).at("name").at(0).code, "not_empty");
  EXPECT_TRUE(ValidatePartner({}, false).empty());
}

TEST(PartnerTest, ChangeTrimsAndKeepsWhatIsAbsent) {
  PartnerOrganisation p{"id", "org", "Bieb", "bibliotheek", "", true, 1, "", ""};
  auto q = ApplyPartnerChange(p, {std::string(" Biblionet "), std::nullopt, std::nullopt, false});
  EXPECT_EQ(q.name, "Biblionet");
  EXPECT_EQ(q.kind, "bibliotheek");
  EXPECT_FALSE(q.active);
}

}  // namespace
}  // namespace kansrijk::partners
