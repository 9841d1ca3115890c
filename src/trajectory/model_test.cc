#include "trajectory/model.h"

#include <gtest/gtest.h>

#include <algorithm>

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
           {"aanmelding", "actief"}, {"aanmelding", "nazorg"}, {"intake", "nazorg"}, {"actief", "nazorg"}}) {
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

// ---------------------------------------------------------------------------------------------
// Closing from any phase (issue 14)

PhaseRequest Close(std::string reason, std::optional<std::string> summary = std::nullopt) {
  auto r = To("afsluiting");
  r.closing_reason = std::move(reason);
  r.closing_summary = std::move(summary);
  return r;
}

TEST(ClosingTest, EveryPhaseBeforeAfsluitingMayClose) {
  for (const char* from : {"aanmelding", "intake", "actief"}) {
    SCOPED_TRACE(from);
    EXPECT_TRUE(CheckPhaseChange(Ready(from), Close("niet_bereikbaar", "Drie keer gebeld."), kToday).ok());
    // Even without a coach, consent or income check: a family that never starts is closed too.
    PhaseFacts bare{from, false, false, false};
    EXPECT_TRUE(CheckPhaseChange(bare, Close("wil_niet", "Wil nu geen coach."), kToday).ok());
  }
  // Not from afsluiting itself, nor back from nazorg.
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("afsluiting"), Close("verhuisd"), kToday), "to"),
            std::vector<std::string>{"phase_unchanged"});
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("nazorg"), Close("verhuisd"), kToday), "to"),
            std::vector<std::string>{"phase_backwards"});
}

TEST(ClosingTest, EveryReasonOfTheListIsKnown) {
  for (const char* reason : {"niet_bereikbaar", "wil_niet", "inkomen_te_hoog", "geen_toestemming", "verhuisd",
                             "doorverwezen", "anders", "doelen_bereikt"})
    EXPECT_TRUE(IsClosingReason(reason)) << reason;
  EXPECT_FALSE(IsClosingReason("klaar"));
}

TEST(ClosingTest, AReasonIsRequiredAndAndersNeedsText) {
  auto none = To("afsluiting");
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("aanmelding"), none, kToday), "closing_reason"),
            std::vector<std::string>{"required"});
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("aanmelding"), Close("weg"), kToday), "closing_reason"),
            std::vector<std::string>{"choose_one_of"});
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("intake"), Close("anders"), kToday), "closing_summary"),
            std::vector<std::string>{"closing_other_needs_text"});
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("intake"), Close("anders", ""), kToday), "closing_summary"),
            std::vector<std::string>{"closing_other_needs_text"});
  EXPECT_TRUE(CheckPhaseChange(Ready("intake"), Close("anders", "Gezin is opgenomen in de opvang."), kToday).ok());
  // Before actief a summary is optional; a completed trajectory is summed up.
  EXPECT_TRUE(CheckPhaseChange(Ready("aanmelding"), Close("niet_bereikbaar"), kToday).ok());
  EXPECT_EQ(CodesOn(CheckPhaseChange(Ready("actief"), Close("doelen_bereikt"), kToday), "closing_summary"),
            std::vector<std::string>{"required"});
}

TEST(ClosingTest, NotStartedIsAClosingBeforeActief) {
  EXPECT_TRUE(IsNotStartedClosing("aanmelding"));
  EXPECT_TRUE(IsNotStartedClosing("intake"));
  EXPECT_FALSE(IsNotStartedClosing("actief"));
}

TEST(ClosingTest, ReopeningANotStartedTrajectory) {
  PhaseFacts closed = Ready("afsluiting");
  closed.closed_from_phase = "aanmelding";
  auto back = To("aanmelding");
  back.note = "Gezin belde zelf terug.";
  EXPECT_EQ(CheckPhaseChange(closed, back, kToday).value(), ChangeKind::kReopen);
  // Straight to actief it still needs a passed income check: it never had one.
  closed.eligibility_passed = false;
  auto actief = To("actief");
  actief.note = "Gezin belde zelf terug.";
  EXPECT_EQ(CodesOn(CheckPhaseChange(closed, actief, kToday), "to"), std::vector<std::string>{"phase_needs_eligibility"});
  // A trajectory closed from actief reopens without a new check, and not to intake.
  PhaseFacts done = Ready("nazorg");
  done.closed_from_phase = "actief";
  done.eligibility_passed = false;
  EXPECT_TRUE(CheckPhaseChange(done, actief, kToday).ok());
  auto intake = To("intake");
  intake.note = "x";
  EXPECT_EQ(CodesOn(CheckPhaseChange(done, intake, kToday), "to"), std::vector<std::string>{"phase_backwards"});
}

// ---------------------------------------------------------------------------------------------
// Aftercare (nazorg)

TEST(FollowUpTest, AddMonthsKeepsTheDayOrTakesTheLastOfTheMonth) {
  EXPECT_EQ(AddMonths({2026, 1, 15}, 3), (Date{2026, 4, 15}));
  EXPECT_EQ(AddMonths({2026, 1, 31}, 1), (Date{2026, 2, 28}));
  EXPECT_EQ(AddMonths({2027, 12, 31}, 2), (Date{2028, 2, 29}));
  EXPECT_EQ(AddMonths({2026, 11, 30}, 14), (Date{2028, 1, 30}));
  EXPECT_EQ(AddMonths({2026, 8, 31}, 12), (Date{2027, 8, 31}));
}

TEST(FollowUpTest, MomentsComeFromTheProgrammeOrTheDefault) {
  auto moments = ScheduleFollowUps({2026, 3, 31}, "actief", {12, 6, 6});
  ASSERT_EQ(moments.size(), 2u);
  EXPECT_EQ(moments[0].months, 6);
  EXPECT_EQ(moments[0].due_on, (Date{2026, 9, 30}));
  EXPECT_EQ(moments[1].due_on, (Date{2027, 3, 31}));
  auto defaults = ScheduleFollowUps({2026, 1, 10}, "actief", {});
  ASSERT_EQ(defaults.size(), DefaultFollowUpMonths().size());
  for (size_t i = 0; i < defaults.size(); ++i) {
    EXPECT_EQ(defaults[i].months, DefaultFollowUpMonths()[i]);
    EXPECT_EQ(defaults[i].due_on, AddMonths({2026, 1, 10}, DefaultFollowUpMonths()[i]));
  }
}

TEST(FollowUpTest, NoAftercareForAFamilyThatNeverStarted) {
  EXPECT_TRUE(ScheduleFollowUps({2026, 3, 1}, "aanmelding", {6, 12}).empty());
  EXPECT_TRUE(ScheduleFollowUps({2026, 3, 1}, "intake", {}).empty());
}

TEST(FollowUpTest, AnOutcomeOnlyForAnOpenMomentThatIsDue) {
  const Date due{2026, 7, 1};
  EXPECT_TRUE(CheckFollowUpOutcome("open", due, kToday, "done", "Gaat goed, werk gevonden.").ok());
  EXPECT_TRUE(CheckFollowUpOutcome("open", kToday, kToday, "not_reachable", std::nullopt).ok());
  auto early = CheckFollowUpOutcome("open", {2026, 7, 16}, kToday, "done", "x");
  EXPECT_EQ(early.code(), Code::kConflict);
  EXPECT_EQ(early.reason(), "follow_up_not_due");
  EXPECT_EQ(early.params().at("due_on"), "2026-07-16");
  for (const char* status : {"done", "not_reachable", "cancelled"}) {
    auto again = CheckFollowUpOutcome(status, due, kToday, "done", "x");
    EXPECT_EQ(again.code(), Code::kConflict);
    EXPECT_EQ(again.reason(), "follow_up_already_recorded");
  }
  EXPECT_EQ(CheckFollowUpOutcome("open", due, kToday, std::nullopt, "x").field_errors().at("outcome")[0].code, "required");
  EXPECT_EQ(CheckFollowUpOutcome("open", due, kToday, "klaar", "x").field_errors().at("outcome")[0].code, "choose_one_of");
  EXPECT_EQ(CheckFollowUpOutcome("open", due, kToday, "done", std::nullopt).field_errors().at("note")[0].code,
            "follow_up_note_required");
}

// ---------------------------------------------------------------------------------------------
// Referrer kinds

TEST(ReferrerKindTest, TheDefaultsNameTheSeedsPartners) {
  const auto& kinds = DefaultReferrerKinds();
  for (const char* k : {"kledingbank", "vakantiebank", "bibliotheek", "welzijn", "wijkteam", "woningcorporatie"})
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), k), kinds.end()) << k;
}

TEST(ReferrerKindTest, AListIsValidated) {
  EXPECT_TRUE(ValidateReferrerKinds({{"wijkteam", "Wijkteam"}, {"buurthuis_oost", "Buurthuis Oost"}}).empty());
  EXPECT_EQ(ValidateReferrerKinds({}).at("items")[0].code, "referrer_kinds_empty");
  auto errors = ValidateReferrerKinds({{"wijkteam", "Wijkteam"}, {"wijkteam", "Ook"}, {"Buurt Huis", ""}});
  EXPECT_EQ(errors.at("items[1].code")[0].code, "referrer_kind_duplicate");
  EXPECT_EQ(errors.at("items[2].code")[0].code, "referrer_kind_code_invalid");
  EXPECT_EQ(errors.at("items[2].label")[0].code, "required");
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

TEST(LongWaitTest, FromTheThresholdOn) {
  EXPECT_FALSE(LongWait(0));
  EXPECT_FALSE(LongWait(kLongWaitDays - 1));
  EXPECT_TRUE(LongWait(kLongWaitDays));
  EXPECT_TRUE(LongWait(70));
}

TEST(CaseloadTest, ThirtyFamiliesIsOverTheDefault) {
  EXPECT_FALSE(OverCaseload(kDefaultCaseloadMax, kDefaultCaseloadMax));
  EXPECT_TRUE(OverCaseload(30, kDefaultCaseloadMax));
}

}  // namespace
}  // namespace kansrijk::trajectory
