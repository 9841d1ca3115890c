#include "contacts/model.h"
#include "contacts/service.h"

#include <gtest/gtest.h>

namespace kansrijk::contacts {
namespace {

Contact Held(std::string at, int64_t minutes, bool direct = true) {
  Contact c;
  c.started_at = std::move(at);
  c.duration_minutes = minutes;
  c.kind = "home_visit";
  c.direct = direct;
  return c;
}

TimePoint At(const char* s) { return *ParseUtc(s); }

TEST(ContactModelTest, AHeldContactLiesInThePastAndLastsAtMostADay) {
  const auto now = At("2026-11-23T12:00:00.000Z");
  EXPECT_TRUE(ValidateContact(Held("2026-11-23T09:00:00Z", 90), now).empty());
  EXPECT_EQ(ValidateContact(Held("2026-11-24T09:00:00.000Z", 90), now).at("started_at")[0].code, "contact_in_future");
  EXPECT_EQ(ValidateContact(Held("2026-11-22T09:00:00.000Z", 1441), now).at("duration_minutes")[0].code, "out_of_range");
  EXPECT_EQ(ValidateContact(Held("2026-11-22T09:00:00.000Z", 0), now).at("duration_minutes")[0].code, "out_of_range");
  auto planned = Held("2026-11-24T09:00:00.000Z", 60);
  planned.planned = true;
  EXPECT_TRUE(ValidateContact(planned, now).empty());
  auto bad = Held("gisteren", 60);
  bad.kind = "visit";
  bad.topics = {"zrm.financien", "money"};
  auto e = ValidateContact(bad, now);
  EXPECT_EQ(e.at("started_at")[0].code, "bad_time");
  EXPECT_EQ(e.at("kind")[0].code, "choose_one_of");
  EXPECT_EQ(e.at("topics")[0].code, "choose_one_of");
}

TEST(ContactModelTest, WeeksStartOnMondayInAmsterdam) {
  EXPECT_EQ(MondayOf({2026, 11, 23}), (Date{2026, 11, 23}));  // a Monday
  EXPECT_EQ(MondayOf({2026, 11, 29}), (Date{2026, 11, 23}));  // Sunday
  EXPECT_EQ(MondayOf({2026, 12, 1}), (Date{2026, 11, 30}));
}

TEST(ContactModelTest, WeeklyMinutesSplitDirectAndIndirect) {
  std::vector<Contact> cs = {Held("2026-11-23T09:00:00.000Z", 120), Held("2026-11-24T09:00:00.000Z", 30, false),
                             Held("2026-11-16T09:00:00.000Z", 60),
                             // Sunday 23:30 UTC is Monday 00:30 in Amsterdam: the new week.
                             Held("2026-11-22T23:30:00.000Z", 45)};
  Contact planned = Held("2026-11-25T09:00:00.000Z", 500);
  planned.planned = true;
  cs.push_back(planned);
  auto weeks = WeeklyMinutes(cs, {2026, 11, 25}, 2);
  ASSERT_EQ(weeks.size(), 2u);
  EXPECT_EQ(weeks[0].week_start, (Date{2026, 11, 16}));
  EXPECT_EQ(weeks[0].direct_minutes, 60);
  EXPECT_EQ(weeks[1].direct_minutes, 165);
  EXPECT_EQ(weeks[1].indirect_minutes, 30);
}

TEST(ContactServiceTest, MidnightInAmsterdamIsExactInSummerAndWinter) {
  EXPECT_EQ(MidnightUtc({2026, 7, 6}), "2026-07-05T22:00:00.000Z");  // CEST, UTC+2
  EXPECT_EQ(MidnightUtc({2026, 11, 30}), "2026-11-29T23:00:00.000Z");  // CET, UTC+1
  // The Monday after the switch to winter time (25 October 2026).
  EXPECT_EQ(MidnightUtc({2026, 10, 26}), "2026-10-25T23:00:00.000Z");
  EXPECT_EQ(MidnightUtc({2026, 3, 30}), "2026-03-29T22:00:00.000Z");
}

}  // namespace
}  // namespace kansrijk::contacts
