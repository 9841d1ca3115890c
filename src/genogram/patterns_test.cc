#include "genogram/patterns.h"

#include <gtest/gtest.h>

#include "genogram/test_builders.h"

namespace kansrijk::genogram {
namespace {

using testing::Builder;
using testing::ThreeGenerations;

TEST(GenogramPatternTest, ThemeOverThreeGenerationsAndStrengthsFirst) {
  Builder b = ThreeGenerations();
  b.Theme("opa_v", "schulden").Theme("vader", "schulden").Theme("kind2", "schulden");
  b.Theme("oma_m", "zorgzaam").Theme("moeder", "zorgzaam");
  b.Theme("tante", "verslaving");  // alone: no pattern
  b.Theme("opa_m", "uitkering").Theme("oma_v", "uitkering");  // same generation, not a line: no pattern
  const auto patterns = FindPatterns(b.Build());
  ASSERT_EQ(patterns.size(), 2u);
  EXPECT_EQ(patterns[0].key, "zorgzaam");
  EXPECT_TRUE(patterns[0].strength);
  EXPECT_EQ(patterns[0].person_ids, (std::vector<std::string>{"oma_m", "moeder"}));
  EXPECT_EQ(patterns[0].generations, (std::vector<int>{1, 2}));
  EXPECT_EQ(patterns[1].key, "schulden");
  EXPECT_EQ(patterns[1].label, "Schulden");
  EXPECT_FALSE(patterns[1].strength);
  EXPECT_EQ(patterns[1].person_ids, (std::vector<std::string>{"opa_v", "vader", "kind2"}));
  EXPECT_EQ(patterns[1].generations, (std::vector<int>{1, 2, 3}));
}

TEST(GenogramPatternTest, SkippedGenerationStillCounts) {
  Builder b = ThreeGenerations();
  b.Theme("oma_m", "vroegtijdig_schoolverlaten").Theme("kind1", "vroegtijdig_schoolverlaten");
  const auto patterns = FindPatterns(b.Build());
  ASSERT_EQ(patterns.size(), 1u);
  EXPECT_EQ(patterns[0].generations, (std::vector<int>{1, 3}));
}

TEST(GenogramPatternTest, EventsAndDivorcesRecur) {
  Builder b = ThreeGenerations();
  b.Event("opa_m", EventKind::kJobLoss, "1980").Event("moeder", EventKind::kJobLoss, "2009");
  b.Event("kind1", EventKind::kJobLoss, "2020");
  b.Event("opa_v", EventKind::kDiploma, "1960").Event("kind1", EventKind::kDiploma, "2012");
  b.Event("vader", EventKind::kBirth, "1965").Event("kind1", EventKind::kBirth, "1990");  // never a pattern
  b.genogram().partners[0].state = PartnerState::kDivorced;                              // opa_v and oma_v
  const auto patterns = FindPatterns(b.Build());
  ASSERT_EQ(patterns.size(), 3u);
  EXPECT_EQ(patterns[0].key, "diploma");  // strength first
  EXPECT_EQ(patterns[1].key, "job_loss");
  EXPECT_EQ(patterns[1].person_ids, (std::vector<std::string>{"opa_m", "moeder", "kind1"}));
  EXPECT_EQ(patterns[2].key, "divorce");  // opa_v/oma_v and vader/moeder
  EXPECT_EQ(patterns[2].generations, (std::vector<int>{1, 2}));
}

TEST(GenogramPatternTest, FosterLinksAreNotALineOfDescent) {
  Builder b;
  b.Man("pleegvader", "1960").Man("kind", "2000").Child("kind", "pleegvader", "", ParentKind::kFoster);
  b.Theme("pleegvader", "sportief").Theme("kind", "sportief");
  EXPECT_TRUE(FindPatterns(b.Build()).empty());
}

}  // namespace
}  // namespace kansrijk::genogram
