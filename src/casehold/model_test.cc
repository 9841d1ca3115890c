#include "casehold/model.h"

#include <gtest/gtest.h>

namespace kansrijk::casehold {
namespace {

consent::Consent Coaching(std::optional<std::string> withdrawn) {
  consent::Consent c;
  c.purpose = "coaching";
  c.given_on = "2026-01-01";
  c.withdrawn_on = std::move(withdrawn);
  return c;
}

TEST(CaseHoldTest, WithdrawnCoachingConsentInActiefHoldsTheCase) {
  std::string since;
  EXPECT_TRUE(OnHold("actief", {Coaching("2026-02-01")}, &since));
  EXPECT_EQ(since, "2026-02-01");
  // Given again: no hold.
  EXPECT_FALSE(OnHold("actief", {Coaching("2026-02-01"), Coaching(std::nullopt)}));
  // Closed (or any other phase): no hold.
  EXPECT_FALSE(OnHold("afsluiting", {Coaching("2026-02-01")}));
  EXPECT_FALSE(OnHold("intake", {Coaching("2026-02-01")}));
  // Never given at all is not a withdrawal.
  EXPECT_FALSE(OnHold("actief", {}));
}

}  // namespace
}  // namespace kansrijk::casehold
