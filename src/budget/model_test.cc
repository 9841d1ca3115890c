#include "budget/model.h"

#include <gtest/gtest.h>

namespace kansrijk::budget {
namespace {

Approval Staff(ApproverRole role, std::string user) {
  Approval a;
  a.role = role;
  a.user_id = std::move(user);
  return a;
}

Approval Member(std::string member) {
  Approval a;
  a.role = ApproverRole::kFamily;
  a.principal_kind = "family_member";
  a.user_id = "coach-device";  // the device it was given on is not the approver
  a.member_id = std::move(member);
  return a;
}

TEST(BudgetApprovalTest, CoachAndFamilyBelowThresholdTeamLeadAbove) {
  EXPECT_EQ(NeededRoles(50000, 50000).size(), 2u);  // exactly €500: no team lead
  auto above = NeededRoles(50001, 50000);
  ASSERT_EQ(above.size(), 3u);
  EXPECT_EQ(above[2], ApproverRole::kTeamLead);
}

TEST(BudgetApprovalTest, AllApprovedNeedsEveryRole) {
  auto needed = NeededRoles(10000, 50000);
  std::vector<Approval> given = {Staff(ApproverRole::kCoach, "c1")};
  EXPECT_FALSE(AllApproved(needed, given));
  given.push_back(Member("m1"));
  EXPECT_TRUE(AllApproved(needed, given));
  EXPECT_FALSE(AllApproved(NeededRoles(60000, 50000), given));
}

TEST(BudgetSignatureTest, TheMembersOwnNameInAnyCaseOrSpacing) {
  EXPECT_TRUE(SignatureMatches("Anna Maria", "Anna Maria", "de Vries"));
  EXPECT_TRUE(SignatureMatches("anna", "Anna Maria", "de Vries"));            // first given name
  EXPECT_TRUE(SignatureMatches("  ANNA   maria DE vries ", "Anna Maria", "de Vries"));  // full name
  EXPECT_TRUE(SignatureMatches("özlem", "Özlem", "Yılmaz"));
}

TEST(BudgetSignatureTest, AnotherNameOrNothingIsNoSignature) {
  EXPECT_FALSE(SignatureMatches("", "Anna", "de Vries"));
  EXPECT_FALSE(SignatureMatches("   ", "Anna", "de Vries"));
  EXPECT_FALSE(SignatureMatches("de Vries", "Anna", "de Vries"));   // the family name alone is everyone's
  EXPECT_FALSE(SignatureMatches("Anne", "Anna", "de Vries"));
  EXPECT_FALSE(SignatureMatches("Anna de", "Anna", "de Vries"));
  EXPECT_FALSE(SignatureMatches("ok", "Anna", "de Vries"));
}

TEST(BudgetApprovalTest, SameRoleTwiceIsRefused) {
  std::vector<Approval> given = {Member("m1")};
  auto s = CheckApproval(RequestStatus::kRequested, given, Member("m2"));
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_EQ(s.reason(), "budget_role_already_approved");
}

TEST(BudgetApprovalTest, SamePersonInTwoRolesIsRefused) {
  std::vector<Approval> given = {Staff(ApproverRole::kCoach, "u1")};
  auto s = CheckApproval(RequestStatus::kRequested, given, Staff(ApproverRole::kTeamLead, "u1"));
  EXPECT_EQ(s.reason(), "budget_approver_already_approved");
}

TEST(BudgetApprovalTest, FamilyApprovalOnTheCoachsDeviceIsNotTheCoach) {
  std::vector<Approval> given = {Staff(ApproverRole::kCoach, "coach-device")};
  EXPECT_TRUE(CheckApproval(RequestStatus::kRequested, given, Member("m1")).ok());
}

TEST(BudgetApprovalTest, OnlyOpenRequestsTakeApprovals) {
  auto s = CheckApproval(RequestStatus::kCommitted, {}, Staff(ApproverRole::kCoach, "c"));
  EXPECT_EQ(s.reason(), "budget_request_not_open");
}

TEST(BudgetCommitTest, NeverOverdrawsUnlessOverridden) {
  EXPECT_TRUE(CheckCommit(10000, 10000, 10000, false).ok());
  auto s = CheckCommit(10001, 10000, 999999, false);
  EXPECT_EQ(s.reason(), "budget_above_balance");
  EXPECT_EQ(s.params().at("balance_cents"), "10000");
  EXPECT_EQ(CheckCommit(5000, 10000, 4000, false).reason(), "budget_pot_exhausted");
  EXPECT_TRUE(CheckCommit(10001, 10000, 0, true).ok());
}

TEST(BudgetCommitTest, AmountMustBePositive) {
  EXPECT_EQ(CheckAmount(0)->code, "amount_not_positive");
  EXPECT_EQ(CheckAmount(-5)->code, "amount_not_positive");
  EXPECT_FALSE(CheckAmount(1).has_value());
  EXPECT_EQ(CheckAmount(kMaxAmountCents + 1)->code, "amount_too_large");
}

TEST(BudgetLedgerTest, BalanceIsTheSumAndACorrectionReverses) {
  LedgerEntry alloc;
  alloc.kind = EntryKind::kAllocation;
  alloc.amount_cents = 100000;
  auto commit = CommitEntry(25000, "r1");
  EXPECT_EQ(commit.amount_cents, -25000);
  std::vector<LedgerEntry> ledger = {alloc, commit};
  EXPECT_EQ(Balance(ledger), 75000);
  EXPECT_EQ(Committed(ledger), 25000);
  auto rev = Reversal(commit, "dubbel betaald");
  ASSERT_TRUE(rev.ok());
  EXPECT_EQ(rev->amount_cents, 25000);
  EXPECT_EQ(rev->request_id, "r1");
  ledger.push_back(*rev);
  EXPECT_EQ(Balance(ledger), 100000);
  EXPECT_EQ(Committed(ledger), 0);
  EXPECT_FALSE(Reversal(alloc, "x").ok());  // only a commit is reversed
}

TEST(BudgetReceiptTest, TypeComesFromTheBytes) {
  EXPECT_EQ(SniffReceiptType("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(SniffReceiptType(std::string("\xFF\xD8\xFF\xE0", 4)), "image/jpeg");
  EXPECT_EQ(SniffReceiptType(std::string("\x89PNG\r\n\x1a\n....", 12)), "image/png");
  EXPECT_FALSE(SniffReceiptType("<html>%PDF-").has_value());
  EXPECT_FALSE(SniffReceiptType("").has_value());
  EXPECT_FALSE(SniffReceiptType("%PD").has_value());
}

TEST(BudgetCategoriesTest, Validated) {
  EXPECT_TRUE(ValidateCategories(DefaultCategories()).empty());
  EXPECT_FALSE(ValidateCategories({}).empty());
  EXPECT_EQ(ValidateCategories({"a", "a"}).at("categories")[0].code, "budget_category_duplicate");
}

}  // namespace
}  // namespace kansrijk::budget
