// The case lifecycle: every (from, to) pair is checked against a literal list of the
// allowed transitions; every forbidden one is refused with its reason key and parameters.
#include "domain/drieluik/case.h"

#include <gtest/gtest.h>

#include <set>

namespace drieluik::domain {
namespace {

TEST(CaseTransitionTest, EveryPairAllowedExactlyWhenListed) {
  const std::set<std::pair<std::string, std::string>> allowed = {
      {"open", "in_followup"},       {"open", "closed"},          {"open", "merged"},
      {"in_followup", "monitoring"}, {"in_followup", "closed"},   {"in_followup", "merged"},
      {"monitoring", "in_followup"}, {"monitoring", "closed"},    {"monitoring", "merged"},
      {"closed", "open"},
  };
  int refused = 0;
  for (CaseStatus from : AllCaseStatuses()) {
    for (CaseStatus to : AllCaseStatuses()) {
      std::pair<std::string, std::string> pair{std::string(ToCode(from)), std::string(ToCode(to))};
      Status s = CheckCaseTransition(from, to);
      SCOPED_TRACE(pair.first + " -> " + pair.second);
      EXPECT_EQ(s.ok(), allowed.count(pair) == 1);
      if (!s.ok()) {
        ++refused;
        EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
        ASSERT_EQ(s.fields().size(), 1u);
        EXPECT_EQ(s.fields()[0].pointer, "/to");
        EXPECT_EQ(s.fields()[0].params[0], (std::pair<std::string, std::string>{"from", pair.first}));
        EXPECT_EQ(s.fields()[0].params[1], (std::pair<std::string, std::string>{"to", pair.second}));
      }
    }
  }
  EXPECT_EQ(refused, 25 - 10);
  EXPECT_EQ(CaseTransitions().size(), 10u);
}

TEST(CaseTransitionTest, ReasonsSayWhy) {
  auto key = [](CaseStatus f, CaseStatus t) { return CheckCaseTransition(f, t).fields()[0].key; };
  auto allowed = [](CaseStatus f, CaseStatus t) { return CheckCaseTransition(f, t).fields()[0].params[2].second; };
  EXPECT_EQ(key(CaseStatus::kOpen, CaseStatus::kOpen), "case.transition.same_status");
  EXPECT_EQ(key(CaseStatus::kMerged, CaseStatus::kOpen), "case.transition.final");
  EXPECT_EQ(allowed(CaseStatus::kMerged, CaseStatus::kOpen), "-");
  EXPECT_EQ(key(CaseStatus::kClosed, CaseStatus::kInFollowup), "case.transition.reopen_first");
  EXPECT_EQ(allowed(CaseStatus::kClosed, CaseStatus::kInFollowup), "open");
  EXPECT_EQ(key(CaseStatus::kOpen, CaseStatus::kMonitoring), "case.transition.not_allowed");
  EXPECT_EQ(allowed(CaseStatus::kOpen, CaseStatus::kMonitoring), "in_followup, closed, merged");
}

TEST(CaseTransitionTest, TableRowsCarryLogKeys) {
  EXPECT_EQ(FindCaseTransition(CaseStatus::kClosed, CaseStatus::kOpen)->key, "case.transition.reopen");
  EXPECT_EQ(FindCaseTransition(CaseStatus::kOpen, CaseStatus::kInFollowup)->key, "case.transition.start_followup");
  EXPECT_FALSE(FindCaseTransition(CaseStatus::kMerged, CaseStatus::kClosed).has_value());
}

TEST(CaseValidationTest, NeedsTitleAndSignal) {
  Case c;
  c.participants = {{"politie", "agent"}};
  std::vector<std::string> where;
  Status st = ValidateCase(c);
  for (const auto& f : st.fields()) where.push_back(f.pointer + ":" + f.key);
  EXPECT_EQ(where, (std::vector<std::string>{"/title:required", "/signals:required", "/participants/0/role:unknown_code"}));
  EXPECT_EQ(*FromCode<CaseStatus>("in_followup"), CaseStatus::kInFollowup);
  EXPECT_FALSE(FromCode<CaseStatus>("gesloten").has_value());
}

}  // namespace
}  // namespace drieluik::domain
