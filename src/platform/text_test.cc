#include "platform/text.h"

#include <gtest/gtest.h>

namespace kansrijk {
namespace {

TEST(FoldName, TrimsAndJoinsInnerWhitespace) {
  EXPECT_EQ(FoldName("  Anna \t  de   Vries \n"), "anna de vries");
  EXPECT_EQ(FoldName(""), "");
  EXPECT_EQ(FoldName("   "), "");
}

TEST(FoldName, LowersAsciiAndLatin1Capitals) {
  EXPECT_EQ(FoldName("ÖZLEM"), "özlem");
  EXPECT_EQ(FoldName("Éric"), "éric");
  EXPECT_EQ(FoldName("ÀÞ"), "àþ");
  // The multiplication sign sits among the capitals but is no letter: it stays.
  EXPECT_EQ(FoldName("a×b"), "a×b");
  // Letters outside Latin-1 are compared as written.
  EXPECT_EQ(FoldName("Łukasz"), "Łukasz");
}

TEST(FoldName, DifferentNamesStayDifferent) {
  EXPECT_NE(FoldName("Anna"), FoldName("Anne"));
  EXPECT_NE(FoldName("Özlem"), FoldName("Ozlem"));
}

}  // namespace
}  // namespace kansrijk
