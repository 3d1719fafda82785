#include "base/time.h"

#include <gtest/gtest.h>

namespace drieluik {
namespace {

using namespace std::chrono;

Date D(const char* s) { return *ParseDate(s); }
TimePoint T(const char* s) { return *ParseTimestamp(s); }

TEST(TimeTest, ParsesAndFormatsTimestamps) {
  EXPECT_EQ(FormatTimestamp(T("2026-11-28T10:15:00+01:00")), "2026-11-28T09:15:00Z");
  EXPECT_EQ(FormatTimestamp(T("2026-11-28T09:15:00.250Z")), "2026-11-28T09:15:00.250Z");
  EXPECT_EQ(FormatTimestamp(T("2024-02-29T23:30:00-01:00")), "2024-03-01T00:30:00Z");
}

TEST(TimeTest, RejectsMalformedAndImpossibleInput) {
  for (const char* bad : {"2026-02-30T10:00:00Z", "2026-11-28 10:00", "2026-11-28T25:00:00Z",
                          "2026-11-28T10:00:00", "2026-11-28T10:00:00+0100", "",
                          "2026-11-28T10:00:00Zjunk", "2026-11-28T10:00:00.Z"}) {
    EXPECT_FALSE(ParseTimestamp(bad).has_value()) << bad;
  }
  for (const char* bad : {"2023-02-29", "2026-13-01", "26-11-28", "2026/11/28", "2026-1-28"}) {
    EXPECT_FALSE(ParseDate(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseDate("2024-02-29").has_value());
}

TEST(TimeTest, AmsterdamOffsetFollowsEuRules) {
  // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
  EXPECT_EQ(AmsterdamOffset(T("2026-03-29T00:59:59Z")), minutes{60});
  EXPECT_EQ(AmsterdamOffset(T("2026-03-29T01:00:00Z")), minutes{120});
  EXPECT_EQ(AmsterdamOffset(T("2026-10-25T00:59:59Z")), minutes{120});
  EXPECT_EQ(AmsterdamOffset(T("2026-10-25T01:00:00Z")), minutes{60});
}

TEST(TimeTest, AmsterdamDateCrossesMidnightBeforeUtc) {
  EXPECT_EQ(AmsterdamDate(T("2026-06-30T22:30:00Z")), D("2026-07-01"));
  EXPECT_EQ(AmsterdamDate(T("2026-12-31T22:59:00Z")), D("2026-12-31"));
  EXPECT_EQ(AmsterdamDate(T("2026-12-31T23:00:00Z")), D("2027-01-01"));
}

TEST(TimeTest, AmsterdamTimeAroundDaylightSavingChanges) {
  EXPECT_EQ(FormatTimestamp(AmsterdamTime(D("2026-03-28"), hours{9})), "2026-03-28T08:00:00Z");
  EXPECT_EQ(FormatTimestamp(AmsterdamTime(D("2026-03-29"), hours{9})), "2026-03-29T07:00:00Z");
  EXPECT_EQ(FormatTimestamp(AmsterdamTime(D("2026-10-25"), hours{9})), "2026-10-25T08:00:00Z");
  EXPECT_EQ(FormatTimestamp(AmsterdamTime(D("2026-01-01"), hours{0})), "2025-12-31T23:00:00Z");
}

TEST(TimeTest, AgeOnBirthdays) {
  EXPECT_EQ(AgeOn(D("2008-11-28"), D("2026-11-27")), 17);
  EXPECT_EQ(AgeOn(D("2008-11-28"), D("2026-11-28")), 18);
  EXPECT_EQ(AgeOn(D("2008-02-29"), D("2026-02-28")), 17);
  EXPECT_EQ(AgeOn(D("2008-02-29"), D("2026-03-01")), 18);
}

TEST(TimeTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(AddMonths(D("2026-01-31"), 1), D("2026-02-28"));
  EXPECT_EQ(AddMonths(D("2028-01-31"), 1), D("2028-02-29"));
  EXPECT_EQ(AddMonths(D("2026-11-30"), 3), D("2027-02-28"));
  EXPECT_EQ(AddMonths(D("2026-12-15"), 3), D("2027-03-15"));
  EXPECT_EQ(AddDays(D("2028-02-28"), 1), D("2028-02-29"));
  EXPECT_EQ(AddDays(D("2026-03-01"), -1), D("2026-02-28"));
}

}  // namespace
}  // namespace drieluik
