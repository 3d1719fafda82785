#include "stats/simplex.h"

#include <gtest/gtest.h>

namespace drieluik::stats {
namespace {

TEST(SimplexTest, SolvesSmallProgram) {
  // max x + y  s.t.  x + 2y + s1 = 4,  3x + y + s2 = 6  ->  x = 1.6, y = 1.2, value 2.8.
  LpResult r = MaximizeStandardForm({1, 2, 1, 0, 3, 1, 0, 1}, {4, 6}, {1, 1, 0, 0});
  ASSERT_EQ(r.outcome, LpOutcome::kOptimal);
  EXPECT_NEAR(r.objective, 2.8, 1e-12);
  EXPECT_NEAR(r.x[0], 1.6, 1e-12);
  EXPECT_NEAR(r.x[1], 1.2, 1e-12);
}

TEST(SimplexTest, ReportsInfeasibleAndUnbounded) {
  // x + y = -1 with x, y >= 0 has no solution.
  EXPECT_EQ(MaximizeStandardForm({1, 1}, {-1}, {1, 0}).outcome, LpOutcome::kInfeasible);
  // x - y = 0: x can grow without bound.
  EXPECT_EQ(MaximizeStandardForm({1, -1}, {0}, {1, 0}).outcome, LpOutcome::kUnbounded);
}

TEST(SimplexTest, AcceptsRedundantDegenerateRows) {
  // The same row twice and a zero right-hand side: max x subject to x - y = 0, x - y = 0,
  // x + y + s = 2  ->  x = 1.
  LpResult r = MaximizeStandardForm({1, -1, 0, 1, -1, 0, 1, 1, 1}, {0, 0, 2}, {1, 0, 0});
  ASSERT_EQ(r.outcome, LpOutcome::kOptimal);
  EXPECT_NEAR(r.objective, 1.0, 1e-12);
}

}  // namespace
}  // namespace drieluik::stats
