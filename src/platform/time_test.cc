#include "platform/time.h"

#include <gtest/gtest.h>

namespace kansrijk {
namespace {

TEST(DateTest, ParsesOnlyRealCalendarDates) {
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2023-02-30"));
  EXPECT_FALSE(ParseDate("2023-13-01"));
  EXPECT_FALSE(ParseDate("23-01-01"));
  EXPECT_FALSE(ParseDate("2023-1-01"));
  EXPECT_FALSE(ParseDate("2023/01/01"));
  EXPECT_EQ(FormatDate(*ParseDate("2015-04-23")), "2015-04-23");
}

TEST(UtcTest, FormatsAndParsesRoundTrip) {
  auto t = ParseUtc("2026-11-23T09:05:07.123Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatUtc(*t), "2026-11-23T09:05:07.123Z");
  EXPECT_FALSE(ParseUtc("2026-11-23 09:05:07"));
  EXPECT_FALSE(ParseUtc("2026-11-23T25:05:07.123Z"));
}

TEST(AmsterdamDateTest, FollowsSummerAndWinterTime) {
  // 23:30 UTC in winter is 00:30 the next day in Amsterdam (UTC+1).
  EXPECT_EQ(TodayInAmsterdam(*ParseUtc("2026-01-10T23:30:00.000Z")), (Date{2026, 1, 11}));
  // 22:30 UTC in summer is 00:30 the next day (UTC+2), but 21:30 UTC is still the same day.
  EXPECT_EQ(TodayInAmsterdam(*ParseUtc("2026-07-10T22:30:00.000Z")), (Date{2026, 7, 11}));
  EXPECT_EQ(TodayInAmsterdam(*ParseUtc("2026-07-10T21:30:00.000Z")), (Date{2026, 7, 10}));
  // Summer time 2026 starts on 29 March at 01:00 UTC.
  EXPECT_EQ(TodayInAmsterdam(*ParseUtc("2026-03-28T22:59:00.000Z")), (Date{2026, 3, 28}));
  EXPECT_EQ(TodayInAmsterdam(*ParseUtc("2026-03-29T22:30:00.000Z")), (Date{2026, 3, 30}));
}

TEST(Dates, AddDaysCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ(AddDays({2026, 12, 31}, 1), (Date{2027, 1, 1}));
  EXPECT_EQ(AddDays({2028, 2, 28}, 1), (Date{2028, 2, 29}));
  EXPECT_EQ(AddDays({2027, 3, 1}, -1), (Date{2027, 2, 28}));
  EXPECT_EQ(AddDays({2026, 12, 2}, 0), (Date{2026, 12, 2}));
  EXPECT_EQ(AddDays({2026, 1, 1}, 365), (Date{2027, 1, 1}));
}

TEST(Dates, DaysSinceEpochCountsFromThursdayFirstJanuary1970) {
  EXPECT_EQ(DaysSinceEpoch({1970, 1, 1}), 0);
  EXPECT_EQ(DaysSinceEpoch({1969, 12, 31}), -1);
  EXPECT_EQ(DaysSinceEpoch({2000, 3, 1}), 11017);
  EXPECT_EQ(DaysSinceEpoch(AddDays({2026, 12, 2}, 40)) - DaysSinceEpoch({2026, 12, 2}), 40);
}

}  // namespace
}  // namespace kansrijk
