#include "trajectory/model.h"

#include <gtest/gtest.h>

namespace kansrijk::trajectory {
namespace {

const Date kToday{2026, 7, 15};

PhaseFacts Ready(std::string from) {
  return PhaseFacts{std::move(from), true, true, true};
}

PhaseRequest To(std::string to, Date date = kToday) {
  PhaseRequest r;
  r.to = std::move(to);
  r.date = date;
  return r;
}

FieldErrors ErrorsOf(const Result<ChangeKind>& r) { return r.ok() ? FieldErrors{} : r.status().field_errors(); }

// The codes of the errors on `field`, in order.
std::vector<std::string> CodesOn(const Result<ChangeKind>& r, const std::string& field) {
  std::vector<std::string> out;
  auto errors = ErrorsOf(r);
  if (auto it = errors.find(field); it != errors.end())
    for (const auto& e : it->second) out.push_back(e.code);
  return out;
}

TEST(PhaseTest, EachStepForwardIsAllowed) {
  EXPECT_TRUE(CheckPhaseChange(Ready("aanmelding"), To("intake"), kToday).ok());
  EXPECT_TRUE(CheckPhaseChange(Ready("intake"), To("actief"), kToday).ok());
  auto close = To("afsluiting");
  close.closing_reason = "doelen_bereikt";
  close.closing_summary = "De familie staat er sterker voor.";
  EXPECT_TRUE(CheckPhaseChange(Ready("actief"), close, kToday).ok());
  EXPECT_TRUE(CheckPhaseChange(Ready("afsluiting"), To("nazorg"), kToday).ok());
}

TEST(PhaseTest, SkippingAPhaseIsRefusedOnTo) {
  for (auto [from, to] : std::vector<std::pair<const char*, const char*>>{
           {"aanmelding", "actief"}, {"aanmelding", "nazorg"}, {"intake", "afsluiting"}, {"actief", "nazorg"}}) {
    SCOPED_TRACE(std::string(from) + "->" + to);
    auto r = CheckPhaseChange(Ready(from), To(to), kToday);
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(CodesOn(r, "to"), std::vector<std::string>{"phase_skipped"});
    const FieldErrors errors = ErrorsOf(r);
    const auto& params = errors.at("to").at(0).params;
    EXPECT_EQ(params.at("from"), from);
    EXPECT_EQ(params.at("to"), to);
    EXPECT_EQ(params.at("next"), Phases()[PhaseIndex(from) + 1]);
  }
}

TEST(PhaseTest, GoingBackIsRefusedExceptReopen) {
  EXPECT_FALSE(CheckPhaseChange(Ready("actief"), To("intake"), kToday).ok());
  EXPECT_FALSE(CheckPhaseChange(Ready("intake"), To("aanmelding"), kToday).ok());
  EXPECT_FALSE(CheckPhaseChange(Ready("nazorg"), To("afsluiting"), kToday).ok());
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("actief"), To("intake"), kToday), "to"),
            std::vector<std::string>{"phase_backwards"});
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("actief"), To("actief"), kToday), "to"),
            std::vector<std::string>{"phase_unchanged"});
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("actief"), To("klaar"), kToday), "to"),
            std::vector<std::string>{"choose_one_of"});
}

TEST(PhaseTest, ReopenFromAfsluitingOrNazorgNeedsANote) {
  for (const char* from : {"afsluiting", "nazorg"}) {
    SCOPED_TRACE(from);
    auto without = CheckPhaseChange(Ready(from), To("actief"), kToday);
    EXPECT_EQ(ErrorsOf(without).count("note"), 1u);
    auto req = To("actief");
    req.note = "Nieuwe schulden; de familie vraagt weer hulp.";
    auto with = CheckPhaseChange(Ready(from), req, kToday);
    ASSERT_TRUE(with.ok());
    EXPECT_EQ(*with, ChangeKind::kReopen);
  }
}

TEST(PhaseTest, ClosingNeedsAReasonAndSummary) {
  auto r = CheckPhaseChange(Ready("actief"), To("afsluiting"), kToday);
  EXPECT_EQ(ErrorsOf(r).count("closing_reason"), 1u);
  EXPECT_EQ(ErrorsOf(r).count("closing_summary"), 1u);
  auto bad = To("afsluiting");
  bad.closing_reason = "zomaar";
  bad.closing_summary = "x";
  EXPECT_EQ(ErrorsOf(CheckPhaseChange(Ready("actief"), bad, kToday)).count("closing_reason"), 1u);
  // Closing fields belong to closing only.
  auto stray = To("intake");
  stray.closing_reason = "verhuisd";
  EXPECT_EQ(ErrorsOf(CheckPhaseChange(Ready("aanmelding"), stray, kToday)).count("closing_reason"), 1u);
}

TEST(PhaseTest, IntakeNeedsACoach) {
  auto facts = Ready("aanmelding");
  facts.has_coach = false;
  EXPECT_EQ(CodesOn(CheckPhaseChange(facts, To("intake"), kToday), "to"),
            std::vector<std::string>{"phase_needs_coach"});
}

TEST(PhaseTest, ActiefNamesWhatIsMissing) {
  auto facts = Ready("intake");
  facts.coaching_consent = false;
  facts.eligibility_passed = false;
  auto r = CheckPhaseChange(facts, To("actief"), kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(CodesOn(r, "to"), (std::vector<std::string>{"phase_needs_consent", "phase_needs_eligibility"}));
  EXPECT_EQ(ErrorsOf(r).at("to").at(0).params.at("from"), "intake");
  EXPECT_EQ(ErrorsOf(r).at("to").at(0).params.at("to"), "actief");
  facts.coaching_consent = true;
  r = CheckPhaseChange(facts, To("actief"), kToday);
  EXPECT_EQ(CodesOn(r, "to"), std::vector<std::string>{"phase_needs_eligibility"});
  // Reopening needs consent and a note, but no new eligibility check.
  auto closed = Ready("nazorg");
  closed.eligibility_passed = false;
  closed.coaching_consent = false;
  auto reopen = To("actief");
  reopen.note = "Nieuwe schulden";
  EXPECT_EQ(CodesOn(CheckPhaseChange(closed, reopen, kToday), "to"), std::vector<std::string>{"phase_needs_consent"});
}

TEST(PhaseTest, DatesInTheFutureOnlyForAPlannedIntake) {
  const Date tomorrow{2026, 7, 16};
  EXPECT_TRUE(CheckPhaseChange(Ready("aanmelding"), To("intake", tomorrow), kToday).ok());
  EXPECT_EQ(ErrorsOf(CheckPhaseChange(Ready("intake"), To("actief", tomorrow), kToday)).count("date"), 1u);
  auto no_date = To("intake");
  no_date.date.reset();
  EXPECT_EQ(ErrorsOf(CheckPhaseChange(Ready("aanmelding"), no_date, kToday)).count("date"), 1u);
}

TEST(WaitingTest, WholeDays) {
  auto now = *ParseUtc("2026-07-15T12:00:00.000Z");
  EXPECT_EQ(WaitingDays("2026-07-15T11:00:00.000Z", now), 0);
  EXPECT_EQ(WaitingDays("2026-07-14T12:00:00.000Z", now), 1);
  EXPECT_EQ(WaitingDays("2026-06-15T12:00:00.000Z", now), 30);
  EXPECT_EQ(WaitingDays("garbage", now), 0);
}

TEST(WaitingTest, OneRuleForTheWaitingList) {
  EXPECT_TRUE(WaitsForCoach(false, "aanmelding"));
  EXPECT_TRUE(WaitsForCoach(false, "intake"));
  EXPECT_FALSE(WaitsForCoach(true, "aanmelding"));
  EXPECT_FALSE(WaitsForCoach(false, "actief"));
  EXPECT_TRUE(OnWaitingList(false, "intake", "active"));
  EXPECT_FALSE(OnWaitingList(false, "intake", "archived"));  // keeps its waiting time, off the list
  EXPECT_FALSE(OnWaitingList(true, "aanmelding", "active"));
}

TEST(WaitingTest, WaitingSinceIsKeptSetAndCleared) {
  const std::string now = "2026-07-15T12:00:00.000Z", before = "2026-07-01T09:00:00.000Z";
  EXPECT_EQ(WaitingSinceAfter(true, before, true, now), before);     // goes on waiting
  EXPECT_EQ(WaitingSinceAfter(false, std::nullopt, true, now), now);  // a coach was taken away
  EXPECT_EQ(WaitingSinceAfter(false, before, true, now), now);        // a stale time is not reused
  EXPECT_EQ(WaitingSinceAfter(true, std::nullopt, true, now), now);
  EXPECT_EQ(WaitingSinceAfter(true, before, false, now), std::nullopt);  // a coach was assigned
}

TEST(ContactTest, AtLeastOneWayToReachTheFamily) {
  EXPECT_FALSE(HasAnyContact({}));
  EXPECT_FALSE(HasAnyContact({std::string(""), std::nullopt, std::string("")}));
  EXPECT_TRUE(HasAnyContact({std::nullopt, std::string("a@b.nl"), std::nullopt}));
}

}  // namespace
}  // namespace kansrijk::trajectory
