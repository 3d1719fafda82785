// Actions: overdue state and reminders on a fake clock, across month ends, a leap day
// and both daylight-saving switches in Europe/Amsterdam; assessment validation.
#include "domain/drieluik/action.h"

#include <gtest/gtest.h>

#include "domain/drieluik/assessment.h"
#include "support/fake_clock.h"

namespace drieluik::domain {
namespace {

using testing::FakeClock;

Action Due(const char* date) {
  Action a;
  a.id = 1;
  a.title = "Navragen bij de uitzender";
  a.owner = "zc.zvhg";
  a.organisation = "zvhg";
  a.due = *ParseDate(date);
  return a;
}

TEST(ActionDueTest, OverdueFromMidnightAfterDueDateInSummerTime) {
  // 29 March 2026 is the spring switch day: midnight CEST is 22:00Z.
  Action a = Due("2026-03-29");
  FakeClock clock("2026-03-29T21:59:59Z");
  EXPECT_EQ(DueStateAt(a, clock.Now()), DueState::kDueToday);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_EQ(DueStateAt(a, clock.Now()), DueState::kOverdue);
  EXPECT_TRUE(IsOverdue(a, clock.Now()));
}

TEST(ActionDueTest, MonthEndInWinterTime) {
  Action a = Due("2026-01-31");
  FakeClock clock("2026-01-31T22:59:59Z");  // 23:59:59 CET
  EXPECT_EQ(DueStateAt(a, clock.Now()), DueState::kDueToday);
  clock.Advance(std::chrono::seconds(1));  // 1 February 00:00 CET
  EXPECT_EQ(DueStateAt(a, clock.Now()), DueState::kOverdue);
}

TEST(ActionDueTest, AutumnSwitchDayHasTwentyFiveHours) {
  Action a = Due("2026-10-25");
  FakeClock clock("2026-10-24T22:00:00Z");  // 00:00 CEST on the 25th
  EXPECT_EQ(DueStateAt(a, clock.Now()), DueState::kDueToday);
  clock.Set(*ParseTimestamp("2026-10-25T22:59:59Z"));  // 23:59:59 CET, 25 hours later
  EXPECT_EQ(DueStateAt(a, clock.Now()), DueState::kDueToday);
  clock.Advance(std::chrono::seconds(1));
  EXPECT_EQ(DueStateAt(a, clock.Now()), DueState::kOverdue);
}

TEST(ActionDueTest, DueSoonAndClosed) {
  Action a = Due("2026-06-10");
  EXPECT_EQ(DueStateAt(a, *ParseTimestamp("2026-06-07T10:00:00Z")), DueState::kDueSoon);
  EXPECT_EQ(DueStateAt(a, *ParseTimestamp("2026-06-06T21:59:59Z")), DueState::kNotDue);
  a.status = ActionStatus::kDone;
  EXPECT_EQ(DueStateAt(a, *ParseTimestamp("2026-07-01T10:00:00Z")), DueState::kClosed);
  EXPECT_FALSE(IsOverdue(a, *ParseTimestamp("2026-07-01T10:00:00Z")));
}

TEST(ActionDueTest, DueDatesOverMonthEndsAndLeapDays) {
  EXPECT_EQ(FormatDate(DueInMonths(*ParseTimestamp("2028-01-31T12:00:00Z"), 1)), "2028-02-29");
  EXPECT_EQ(FormatDate(DueInMonths(*ParseTimestamp("2027-01-31T12:00:00Z"), 1)), "2027-02-28");
  EXPECT_EQ(FormatDate(DueInMonths(*ParseTimestamp("2028-02-29T12:00:00Z"), 12)), "2029-02-28");
  // 23:30Z on 28 February is already the 29th in the Netherlands.
  EXPECT_EQ(FormatDate(DueInDays(*ParseTimestamp("2028-02-28T23:30:00Z"), 1)), "2028-03-01");
  EXPECT_EQ(FormatDate(DueInDays(*ParseTimestamp("2026-12-31T12:00:00Z"), 14)), "2027-01-14");
  Action leap = Due("2028-02-29");
  EXPECT_EQ(DueStateAt(leap, *ParseTimestamp("2028-02-29T22:59:59Z")), DueState::kDueToday);
  EXPECT_EQ(DueStateAt(leap, *ParseTimestamp("2028-02-29T23:00:00Z")), DueState::kOverdue);
}

TEST(ActionReminderTest, SlotsAtEightDutchTimeAcrossTheSpringSwitch) {
  auto slots = ReminderSlots(Due("2026-03-30"), ReminderPlan{});
  ASSERT_EQ(slots.size(), 2u);
  EXPECT_EQ(slots[0].kind, "before_3");
  EXPECT_EQ(FormatTimestamp(slots[0].at), "2026-03-27T07:00:00Z");  // 08:00 CET
  EXPECT_EQ(slots[1].kind, "due");
  EXPECT_EQ(FormatTimestamp(slots[1].at), "2026-03-30T06:00:00Z");  // 08:00 CEST
  auto leap = ReminderSlots(Due("2028-03-01"), ReminderPlan{{1, 0}, std::chrono::minutes(9 * 60)});
  EXPECT_EQ(leap[0].kind, "before_1");
  EXPECT_EQ(FormatTimestamp(leap[0].at), "2028-02-29T08:00:00Z");
}

TEST(ActionValidationTest, NamesFields) {
  Action a;
  a.due = std::chrono::year{2026} / 2 / 30;
  std::vector<std::string> where;
  Status st = ValidateAction(a);
  for (const auto& f : st.fields()) where.push_back(f.pointer + ":" + f.key);
  EXPECT_EQ(where, (std::vector<std::string>{"/title:required", "/owner:required", "/organisation:required",
                                             "/dueDate:invalid_date"}));
}

TEST(AssessmentValidationTest, Rules) {
  Assessment a;
  a.outcome = Outcome::kSuspicionFollowUp;
  a.decisions = {{DecisionKind::kClose, std::nullopt, ""}, {DecisionKind::kOpenCase, 4, ""},
                 {DecisionKind::kMergeIntoCase, std::nullopt, ""}};
  std::vector<std::string> where;
  Status st = ValidateAssessment(a);
  for (const auto& f : st.fields()) where.push_back(f.pointer + ":" + f.key);
  EXPECT_EQ(where, (std::vector<std::string>{"/reasoning:required", "/decisions/1/caseId:assessment.case_only_for_merge",
                                             "/decisions/2/caseId:required", "/decisions/0/kind:assessment.close_excludes_case",
                                             "/decisions/0/kind:assessment.suspicion_not_closed",
                                             "/decisions/2/kind:assessment.open_or_merge"}));
  Assessment only_close;
  only_close.outcome = Outcome::kSuspicionFollowUp;
  only_close.reasoning = "Signalen wijzen op uitbuiting.";
  only_close.decisions = {};
  Status needs = ValidateAssessment(only_close);
  EXPECT_EQ(needs.fields()[0].key, "assessment.suspicion_needs_follow_up");
  Assessment ok;
  ok.outcome = Outcome::kNoIndication;
  ok.reasoning = "Geen aanwijzingen; verwezen naar schuldhulp.";
  ok.decisions = {{DecisionKind::kClose, std::nullopt, ""}};
  EXPECT_TRUE(ValidateAssessment(ok).ok());
  EXPECT_EQ(ToCode(DecisionKind::kReferArbeidsinspectie), "refer_arbeidsinspectie");
  EXPECT_EQ(*FromCode<Outcome>("more_information_needed"), Outcome::kMoreInformationNeeded);
  EXPECT_TRUE(RefersToPolice(DecisionKind::kReferRiec));
  EXPECT_FALSE(RefersToPolice(DecisionKind::kReferVeiligThuis));
}

}  // namespace
}  // namespace drieluik::domain
