#include "consent/model.h"

#include <gtest/gtest.h>

#include <functional>

namespace kansrijk::consent {
namespace {

const Date kToday{2026, 7, 15};

Consent Given(std::string purpose, std::optional<std::string> partner = std::nullopt) {
  Consent c;
  c.purpose = std::move(purpose);
  c.partner_organisation = std::move(partner);
  c.given_by = "Sandra Bakker";
  c.given_on = "2026-07-01";
  c.method = "paper";
  return c;
}

TEST(MayITest, NoConsentMeansNo) {
  EXPECT_FALSE(MayI({}, "coaching"));
  EXPECT_FALSE(MayI({Given("research")}, "coaching"));
}

TEST(MayITest, GivenAndNotWithdrawn) {
  EXPECT_TRUE(MayI({Given("coaching")}, "coaching"));
  auto withdrawn = Given("coaching");
  withdrawn.withdrawn_on = "2026-07-10";
  EXPECT_FALSE(MayI({withdrawn}, "coaching"));
  // A newer consent after a withdrawal counts again.
  EXPECT_TRUE(MayI({withdrawn, Given("coaching")}, "coaching"));
}

TEST(MayITest, SharingIsPerNamedPartner) {
  std::vector<Consent> cs = {Given("sharing", "Voedselbank Coevorden")};
  EXPECT_TRUE(MayI(cs, "sharing", "voedselbank coevorden "));
  EXPECT_FALSE(MayI(cs, "sharing", "Woonservice"));
  EXPECT_FALSE(MayI(cs, "sharing"));
  EXPECT_FALSE(MayI(cs, "coaching"));
}

TEST(ValidateConsentTest, TableOfBadInput) {
  struct Case {
    const char* what;
    std::function<void(Consent&)> change;
    const char* field;
    const char* code;
  };
  const Case cases[] = {
      {"purpose", [](Consent& c) { c.purpose = "marketing"; }, "purpose", "choose_one_of"},
      {"sharing without partner", [](Consent& c) { c.purpose = "sharing"; }, "partner_organisation", "consent_partner_required"},
      {"partner for coaching", [](Consent& c) { c.partner_organisation = "School"; }, "partner_organisation", "consent_partner_only_for_sharing"},
      {"no giver", [](Consent& c) { c.given_by = ""; }, "given_by", "consent_given_by_required"},
      {"future", [](Consent& c) { c.given_on = "2026-07-16"; }, "given_on", "date_in_future"},
      {"not a date", [](Consent& c) { c.given_on = "2026-02-30"; }, "given_on", "bad_date"},
      {"method", [](Consent& c) { c.method = "telepathy"; }, "method", "choose_one_of"},
      {"blank giver", [](Consent& c) { c.given_by = "   "; }, "given_by", "consent_given_by_required"},
      {"too early", [](Consent& c) { c.given_on = "1899-12-31"; }, "given_on", "consent_date_too_early"},
  };
  EXPECT_TRUE(ValidateNewConsent(Given("coaching"), kToday).empty());
  for (const auto& tc : cases) {
    SCOPED_TRACE(tc.what);
    Consent c = Given("coaching");
    tc.change(c);
    auto errors = ValidateNewConsent(c, kToday);
    ASSERT_EQ(errors.count(tc.field), 1u);
    EXPECT_EQ(errors[tc.field].at(0).code, tc.code);
  }
}

TEST(ValidateConsentTest, Withdrawal) {
  Consent c = Given("coaching");
  EXPECT_TRUE(ValidateWithdrawal(c, Date{2026, 7, 15}, kToday).ok());
  EXPECT_EQ(ValidateWithdrawal(c, Date{2026, 7, 16}, kToday).code(), Code::kInvalidArgument);
  auto before = ValidateWithdrawal(c, Date{2026, 6, 30}, kToday);
  EXPECT_EQ(before.code(), Code::kInvalidArgument);
  EXPECT_EQ(before.field_errors().at("withdrawn_on").at(0),
            (FieldError{"consent_withdrawal_before_given", {{"given_on", "2026-07-01"}}}));
  EXPECT_EQ(ValidateWithdrawal(c, std::nullopt, kToday).code(), Code::kInvalidArgument);
  c.withdrawn_on = "2026-07-02";
  auto again = ValidateWithdrawal(c, Date{2026, 7, 15}, kToday);
  EXPECT_EQ(again.code(), Code::kConflict);
  EXPECT_EQ(again.reason(), "consent_already_withdrawn");
}

}  // namespace
}  // namespace kansrijk::consent
