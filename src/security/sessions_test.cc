#include "security/sessions.h"

#include <gtest/gtest.h>

#include "security/guard.h"
#include "security/passwords.h"
#include "security/totp.h"

namespace kansrijk::security {
namespace {

TimePoint At(const char* s) { return *ParseUtc(s); }

TEST(ThrottleTest, LocksAfterFiveFailuresWithinTheWindow) {
  ThrottleState s;
  auto t = At("2026-11-23T09:00:00.000Z");
  for (int i = 0; i < 4; ++i) {
    s = AfterFailure(s, t + std::chrono::minutes(i));
    EXPECT_FALSE(LockedFor(s, t + std::chrono::minutes(i)));
  }
  s = AfterFailure(s, t + std::chrono::minutes(4));
  auto left = LockedFor(s, t + std::chrono::minutes(4));
  ASSERT_TRUE(left);
  EXPECT_EQ(*left, 15 * 60);
  EXPECT_FALSE(LockedFor(s, t + std::chrono::minutes(4 + 15)));
}

TEST(ThrottleTest, OldFailuresDoNotCount) {
  ThrottleState s;
  auto t = At("2026-11-23T09:00:00.000Z");
  for (int i = 0; i < 4; ++i) s = AfterFailure(s, t);
  s = AfterFailure(s, t + std::chrono::minutes(16));  // window over: starts again
  EXPECT_EQ(s.failures, 1);
  EXPECT_FALSE(LockedFor(s, t + std::chrono::minutes(16)));
}

TEST(PasswordTest, HashesVerifyAndRuleHolds) {
  auto h = HashPassword("correct horse battery");
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(*h, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horse batterY"));
  EXPECT_TRUE(CheckPasswordRule("short"));
  EXPECT_FALSE(CheckPasswordRule("twelve chars"));
}

TEST(TotpTest, AcceptsCurrentCodeAndRejectsOthers) {
  auto secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 32u);
  std::time_t now = 1'800'000'000;
  auto code = TotpCode(secret, now);
  EXPECT_TRUE(VerifyTotp(secret, code, now));
  EXPECT_TRUE(VerifyTotp(secret, code, now + 30));   // one step of drift
  EXPECT_FALSE(VerifyTotp(secret, code, now + 300));
  EXPECT_FALSE(VerifyTotp(secret, "12345", now));
  EXPECT_FALSE(VerifyTotp(secret, "abcdef", now));
  // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 -> last 6 digits.
  EXPECT_EQ(TotpCode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59), "287082");
}

TEST(CookieTest, FindsOurCookieAmongOthers) {
  EXPECT_EQ(SessionTokenFromCookie("a=1; kansrijk_session=tok; b=2"), "tok");
  EXPECT_EQ(SessionTokenFromCookie("kansrijk_session=tok"), "tok");
  EXPECT_EQ(SessionTokenFromCookie("xkansrijk_session=tok"), "");
  EXPECT_EQ(SessionTokenFromCookie(""), "");
  auto c = SessionCookie("tok", false);
  EXPECT_NE(c.find("HttpOnly"), std::string::npos);
  EXPECT_NE(c.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(c.find("Secure"), std::string::npos);
  EXPECT_NE(SessionCookie("tok", true).find("; Secure"), std::string::npos);
}

}  // namespace
}  // namespace kansrijk::security
