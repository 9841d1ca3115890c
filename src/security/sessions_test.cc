#include "security/sessions.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

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
  EXPECT_TRUE(VerifyPassword(*h, "correct horse battery").value());
  EXPECT_FALSE(VerifyPassword(*h, "correct horse batterY").value());
  // An account waiting for activation has no hash: nothing matches it, not even "".
  EXPECT_FALSE(VerifyPassword("", "").value());
  EXPECT_FALSE(VerifyPassword("", "correct horse battery").value());
  EXPECT_TRUE(CheckPasswordRule("short"));
  EXPECT_FALSE(CheckPasswordRule("twelve chars"));
}

std::string RuleCode(std::string_view p) {
  auto problem = CheckPasswordRule(p);
  return problem ? problem->code : "ok";
}

TEST(PasswordTest, RefusesCommonRepeatedAndSequentialPasswords) {
  EXPECT_GT(CommonPasswordCount(), 2000u);
  EXPECT_EQ(RuleCode("passwordpassword"), "password_common");
  EXPECT_EQ(RuleCode("PasswordPassword"), "password_common");  // case does not help
  EXPECT_EQ(RuleCode("wachtwoord123"), "password_common");
  EXPECT_EQ(RuleCode("aaaaaaaaaaaa"), "password_common");
  EXPECT_EQ(RuleCode("zzzzzzzzzzzzzz"), "password_repeated");
  EXPECT_EQ(RuleCode("xy7xy7xy7xy7"), "password_repeated");
  EXPECT_EQ(RuleCode("123456789012"), "password_common");
  EXPECT_EQ(RuleCode("34567890123456"), "password_sequence");  // digits wrap around
  EXPECT_EQ(RuleCode("nmlkjihgfedcba"), "password_sequence");  // backwards
  EXPECT_EQ(RuleCode("qwertyuiopasdfg"), "password_sequence"); // keyboard row
  EXPECT_EQ(RuleCode("short"), "password_too_short");
  for (const char* fine : {"een lange zin als wachtwoord", "coach_a1-Geheim-2026!", "Nieuw-wachtwoord-2026",
                           "paard batterij nietje", "abcdefghijk1"})
    EXPECT_EQ(RuleCode(fine), "ok") << fine;
}

TEST(PasswordTest, AtMostFourChecksRunAtOnceAndTheRestWaitOrGetBusy) {
  auto h = HashPassword("correct horse battery");
  ASSERT_TRUE(h.ok());
  std::atomic<int> busy = 0, done = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i)
    threads.emplace_back([&] {
      auto r = VerifyPassword(*h, "wrong horse battery");
      if (r.ok()) ++done;
      else if (r.status().code() == Code::kUnavailable && r.status().retry_after_seconds()) ++busy;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(done + busy, 12);
  EXPECT_GE(done.load(), kMaxConcurrentPasswordChecks);
}

TEST(ThrottleTest, AddressKeyGroupsAnIpv6Subscriber) {
  EXPECT_EQ(AddressKey("192.0.2.7"), "addr:192.0.2.7");
  EXPECT_EQ(AddressKey("2001:db8:1:2:aaaa::1"), "addr:2001:db8:1:2::/64");
  EXPECT_EQ(AddressKey("2001:db8:1:2:bbbb::9"), AddressKey("2001:db8:1:2:cccc::1"));
  EXPECT_NE(AddressKey("2001:db8:1:2::1"), AddressKey("2001:db8:1:3::1"));
}

TEST(ThrottleTest, AddressLimitIsItsOwn) {
  ThrottleState s;
  auto t = At("2026-11-23T09:00:00.000Z");
  for (int i = 0; i < 49; ++i) s = AfterFailure(s, t, kMaxFailedLoginsPerAddress);
  EXPECT_FALSE(LockedFor(s, t));
  s = AfterFailure(s, t, kMaxFailedLoginsPerAddress);
  EXPECT_TRUE(LockedFor(s, t));
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
  EXPECT_EQ(MatchTotpStep(secret, code, now), now / 30);
  EXPECT_EQ(MatchTotpStep(secret, code, now + 30), now / 30);  // the step of the code, not of the clock
  EXPECT_FALSE(MatchTotpStep(secret, code, now + 300));
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
