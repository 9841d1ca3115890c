#include "plans/model.h"

#include <gtest/gtest.h>

namespace kansrijk::plans {
namespace {

Version V(std::string id, int64_t n, bool agreed) {
  Version v;
  v.id = std::move(id);
  v.number = n;
  v.agreed = agreed;
  return v;
}

TEST(PlanVersioningTest, FirstChangeOpensVersionOne) {
  auto t = TargetOfChange(std::nullopt, std::nullopt);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, ChangeTarget::kNewDraft);
}

TEST(PlanVersioningTest, ChangesGoToTheOpenDraft) {
  auto t = TargetOfChange(V("v1", 1, false), std::nullopt);
  EXPECT_EQ(*t, ChangeTarget::kCurrentDraft);
  EXPECT_EQ(*TargetOfChange(V("v1", 1, false), V("v1", 1, false)), ChangeTarget::kCurrentDraft);
}

TEST(PlanVersioningTest, AChangeAfterAgreementOpensANewDraft) {
  EXPECT_EQ(*TargetOfChange(V("v1", 1, true), std::nullopt), ChangeTarget::kNewDraft);
}

TEST(PlanVersioningTest, AnAgreedVersionIsNeverEdited) {
  auto t = TargetOfChange(V("v2", 2, false), V("v1", 1, true));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), Code::kConflict);
  EXPECT_EQ(t.status().reason(), "plan_version_agreed");
  EXPECT_EQ(t.status().params().at("number"), "1");
}

TEST(PlanVersioningTest, AgreeOnlyTheCurrentDraftOnce) {
  EXPECT_TRUE(CheckAgree(V("v1", 1, false), V("v1", 1, false)).ok());
  EXPECT_EQ(CheckAgree(V("v1", 1, true), V("v1", 1, true)).reason(), "plan_version_agreed");
  EXPECT_EQ(CheckAgree(V("v2", 2, false), V("v1", 1, false)).reason(), "plan_version_not_current");
}

TEST(PlanItemTest, GoalNeedsTitleDomainHorizon) {
  Item g;
  g.type = ItemType::kGoal;
  auto errors = ApplyItemFields(g, http::Json::object(), true);
  EXPECT_TRUE(errors.contains("title"));
  EXPECT_TRUE(errors.contains("life_domain"));
  EXPECT_TRUE(errors.contains("horizon"));
  Item ok;
  ok.type = ItemType::kGoal;
  EXPECT_TRUE(ApplyItemFields(ok, {{"title", "Rijbewijs halen"}, {"life_domain", "zrm.werk_opleiding"},
                                   {"horizon", "short"}, {"owner_ids", {"m1"}}},
                              true)
                  .empty());
  EXPECT_EQ(ok.status, "idea");
  EXPECT_EQ(NamedMembers(ok), std::vector<std::string>{"m1"});
  auto bad = ApplyItemFields(ok, {{"status", "done"}}, false);
  EXPECT_EQ(bad.at("status")[0].code, "choose_one_of");
  EXPECT_TRUE(ApplyItemFields(ok, {{"status", "achieved"}}, false).empty());
  EXPECT_EQ(ok.status, "achieved");
}

TEST(PlanItemTest, ReviewStartsWithWhatWentWell) {
  Item r;
  r.type = ItemType::kReview;
  auto errors = ApplyItemFields(r, {{"held_on", "2026-11-02"}}, true);
  EXPECT_TRUE(errors.contains("went_well"));
  EXPECT_FALSE(errors.contains("next_steps"));
}

TEST(PlanItemTest, LifeDomainsAreZrmAndPositiveHealth) {
  EXPECT_EQ(LifeDomains().size(), 19u);
  EXPECT_TRUE(IsLifeDomain("ph.meedoen"));
  EXPECT_FALSE(IsLifeDomain("parenting"));
}

}  // namespace
}  // namespace kansrijk::plans
