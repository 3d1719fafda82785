// Meetings: the recurring schedule in Dutch civil time (across the switch to and from
// daylight saving time and a leap day), meeting types, and validation.
#include "domain/drieluik/meeting.h"

#include <gtest/gtest.h>

namespace drieluik::domain {
namespace {

TimePoint At(const char* iso) { return *ParseTimestamp(iso); }

std::vector<std::string> Format(const std::vector<TimePoint>& v) {
  std::vector<std::string> out;
  for (auto t : v) out.push_back(FormatTimestamp(t));
  return out;
}

TEST(MeetingScheduleTest, DrieluikEveryTwoWeeksKeepsTenOClockAcrossSpringSwitch) {
  MeetingTypes types = MeetingTypes::Defaults();
  const MeetingType* d = types.Find("drieluik");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->interval_days, 14);
  // 29 March 2026 clocks go forward: 10:00 is 09:00Z before, 08:00Z after.
  EXPECT_EQ(Format(ScheduleMeetings(*d, *ParseDate("2026-03-17"), At("2026-03-16T00:00:00Z"), 3)),
            (std::vector<std::string>{"2026-03-17T09:00:00Z", "2026-03-31T08:00:00Z", "2026-04-14T08:00:00Z"}));
}

TEST(MeetingScheduleTest, AutumnSwitchAndStrictlyAfter) {
  MeetingTypes types = MeetingTypes::Defaults();
  MeetingType copy = *types.Find("drieluik");
  // 25 October 2026 clocks go back. A meeting exactly at `after` is not "after".
  EXPECT_EQ(Format(ScheduleMeetings(copy, *ParseDate("2026-10-20"), At("2026-10-20T08:00:00Z"), 2)),
            (std::vector<std::string>{"2026-11-03T09:00:00Z", "2026-11-17T09:00:00Z"}));
}

TEST(MeetingScheduleTest, OverLeapDayAndBeforeTheAnchor) {
  MeetingType t{"drieluik", "Drieluik", "Drieluik", 14, std::chrono::minutes(600), {}};
  EXPECT_EQ(Format(ScheduleMeetings(t, *ParseDate("2028-02-15"), At("2028-02-16T00:00:00Z"), 2)),
            (std::vector<std::string>{"2028-02-29T09:00:00Z", "2028-03-14T09:00:00Z"}));
  // The series extends backwards from its anchor too.
  EXPECT_EQ(Format(ScheduleMeetings(t, *ParseDate("2028-02-15"), At("2028-01-20T00:00:00Z"), 1)),
            (std::vector<std::string>{"2028-02-01T09:00:00Z"}));
}

TEST(MeetingScheduleTest, NotRecurringGivesNothing) {
  MeetingType t{"riec", "RIEC-casusoverleg", "RIEC case meeting", 0, std::chrono::minutes(600), {}};
  EXPECT_TRUE(ScheduleMeetings(t, *ParseDate("2026-01-01"), At("2026-01-01T00:00:00Z"), 5).empty());
}

TEST(MeetingTypesTest, ConfigurableTypesAreChecked) {
  MeetingTypes types = MeetingTypes::Defaults();
  EXPECT_TRUE(types.Add({"riec", "RIEC-casusoverleg", "RIEC case meeting", 0, std::chrono::minutes(600), {"politie"}}).ok());
  ASSERT_NE(types.Find("riec"), nullptr);
  Status dup = types.Add({"riec", "x", "x", 0, std::chrono::minutes(0), {}});
  ASSERT_EQ(dup.fields().size(), 1u);
  EXPECT_EQ(dup.fields()[0].key, "duplicate");
  Status bad = types.Add({"Bad Code", "", "x", -1, std::chrono::minutes(0), {"nobody"}});
  std::vector<std::string> where;
  for (const auto& f : bad.fields()) where.push_back(f.pointer + ":" + f.key);
  EXPECT_EQ(where, (std::vector<std::string>{"/code:invalid_code", "/labelNl:required", "/intervalDays:out_of_range",
                                             "/defaultRoles/0:unknown_code"}));
}

TEST(MeetingValidationTest, NamesEveryBadField) {
  Meeting m;
  m.type = "koffie";
  m.participants = {{"", "politie", "", std::nullopt}, {"zvhg", "chef", "", std::nullopt}};
  Status s = ValidateMeeting(m, MeetingTypes::Defaults());
  std::vector<std::string> where;
  for (const auto& f : s.fields()) where.push_back(f.pointer + ":" + f.key);
  EXPECT_EQ(where, (std::vector<std::string>{"/type:unknown_code", "/participants/0/organisation:required",
                                             "/participants/1/role:unknown_code"}));
}

}  // namespace
}  // namespace drieluik::domain
