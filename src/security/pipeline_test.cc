#include "security/pipeline.h"

#include <gtest/gtest.h>

namespace kansrijk::security {
namespace {

TEST(PipelineTest, IdsAreTwentyTwoLowerCaseHexDigits) {
  EXPECT_TRUE(IsWellFormedId("0194f3a2b1c0a1b2c3d4e5"));
  EXPECT_FALSE(IsWellFormedId("0194f3a2b1c0a1b2c3d4e"));     // 21
  EXPECT_FALSE(IsWellFormedId("0194f3a2b1c0a1b2c3d4e5f"));   // 23
  EXPECT_FALSE(IsWellFormedId("0194F3A2B1C0A1B2C3D4E5"));    // upper case
  EXPECT_FALSE(IsWellFormedId(std::string("0194f3a2b1c0a1b2c3d4e5").substr(0, 21) + std::string(1, '\0')));
  EXPECT_FALSE(IsWellFormedId("0194f3a2b1c0a1b2c3d4g5"));
  EXPECT_FALSE(IsWellFormedId(""));
  EXPECT_FALSE(IsWellFormedId("../../etc/passwd"));
}

TEST(PipelineTest, ResourceForPath) {
  EXPECT_EQ(ResourceForPath("/api/v1/families/abc/members/def"), "family/abc/members/def");
  EXPECT_EQ(ResourceForPath("/api/v1/families"), "families");
  EXPECT_EQ(ResourceForPath("/api/v1/waiting-list"), "waiting-list");
}

}  // namespace
}  // namespace kansrijk::security
