#include "stats/loglinear.h"

#include <cmath>

#include <gtest/gtest.h>

#include "test_data.h"

namespace drieluik::stats {
namespace {

using testing::LoadTable;

CountTable ToCountTable(const CaptureTable& t) {
  std::vector<double> c(t.counts.begin(), t.counts.end());
  return MakeCountTable(static_cast<int>(t.lists.size()), c);
}

constexpr Term kA = 1, kB = 2, kC = 4;

TEST(LoglinearTest, TwoListsIndependenceIsLincolnPetersen) {
  // 2 lists: n10 = 60, n01 = 30, n11 = 10: dark = n10 n01 / n11 = 180.
  CountTable t = MakeCountTable(2, {0, 60, 30, 10});
  Fitter f(t);
  ModelFit fit = f.Fit({});
  ASSERT_EQ(fit.status, ModelStatus::kOk);
  EXPECT_NEAR(fit.dark, 180.0, 1e-6);
  // Var(log dark) = 1/60 + 1/30 + 1/10 for the 2x2 table.
  EXPECT_NEAR(fit.log_dark_se, std::sqrt(1.0 / 60 + 1.0 / 30 + 1.0 / 10), 1e-6);
  EXPECT_NEAR(fit.deviance, 0.0, 1e-8);
}

TEST(LoglinearTest, ThreeListSaturatedTwoWayMatchesClosedForm) {
  // With all two-list effects on 3 lists the dark figure is n100 n010 n001 n111 /
  // (n110 n101 n011).
  CountTable t = MakeCountTable(3, {0, 40, 30, 6, 20, 5, 4, 2});
  Fitter f(t);
  ModelFit fit = f.Fit({kA | kB, kA | kC, kB | kC});
  ASSERT_EQ(fit.status, ModelStatus::kOk);
  EXPECT_NEAR(fit.dark, 40.0 * 30 * 20 * 2 / (6.0 * 5 * 4), 1e-6);
}

TEST(LoglinearTest, ArtificialThreeChecksAsInSparseMSE) {
  // SparseMSE's checkident examples on Artificial_3 (Chan, Silverman and Vincent 2021,
  // Table 2): all two-list effects -> not identifiable; A:B alone -> the MLE does not
  // exist; A:C and B:C -> passes.
  CountTable t = ToCountTable(LoadTable("Artificial_3.csv"));
  Fitter f(t);
  EXPECT_EQ(f.Check({kA | kB, kA | kC, kB | kC}), ModelStatus::kNotIdentifiable);
  EXPECT_EQ(f.Check({kA | kB}), ModelStatus::kNotExist);
  EXPECT_EQ(f.Check({kA | kC, kB | kC}), ModelStatus::kOk);
  EXPECT_EQ(f.Check({}), ModelStatus::kOk);
}

TEST(LoglinearTest, EmptyOverlapBecomesStructuralZero) {
  CountTable t = ToCountTable(LoadTable("Artificial_3.csv"));
  Fitter f(t);
  ModelFit fit = f.Fit({kA | kC, kB | kC});
  ASSERT_EQ(fit.status, ModelStatus::kOk);
  EXPECT_EQ(fit.empty_terms, (std::vector<Term>{kA | kC, kB | kC}));
  EXPECT_EQ(fit.mu[kA | kC], 0.0);
  EXPECT_EQ(fit.mu[kB | kC], 0.0);
  EXPECT_EQ(fit.num_params, 6);  // intercept, 3 main effects, 2 empty-overlap parameters
  // Cells A, B, C, AB remain and the 4 parameters fit them exactly: dark = 40 * 30 / 6.
  EXPECT_NEAR(fit.dark, 200.0, 1e-6);
}

TEST(LoglinearTest, HierarchyCheck) {
  EXPECT_TRUE(IsHierarchical({kA | kB, kA | kC, kB | kC, kA | kB | kC}));
  EXPECT_FALSE(IsHierarchical({kA | kB, kA | kB | kC}));
  EXPECT_TRUE(IsHierarchical({}));
}

TEST(LoglinearTest, TermNames) {
  std::vector<std::string> names = {"LA", "NG", "PF"};
  EXPECT_EQ(TermName(kA | kC, names), "LA:PF");
  EXPECT_EQ(TermName(kB, names), "NG");
  EXPECT_EQ(TermName(0, names), "(intercept)");
}

TEST(LoglinearTest, FixedInterceptGivesLargerDeviance) {
  CountTable t = ToCountTable(LoadTable("Korea.csv"));
  Fitter f(t);
  ModelFit best = f.Fit({kA | kB});
  ASSERT_EQ(best.status, ModelStatus::kOk);
  ModelFit at_hat = f.Fit({kA | kB}, false, std::log(best.dark));
  ModelFit off = f.Fit({kA | kB}, false, std::log(best.dark) + 0.3);
  ASSERT_EQ(off.status, ModelStatus::kOk);
  EXPECT_NEAR(at_hat.deviance, best.deviance, 1e-6);
  EXPECT_GT(off.deviance, best.deviance + 0.01);
}

}  // namespace
}  // namespace drieluik::stats
