#include "stats/mse.h"

#include <cmath>

#include <gtest/gtest.h>

#include "stats/selection.h"
#include "test_data.h"

namespace drieluik::stats {
namespace {

using testing::LoadTable;

Estimate RunOn(const std::string& file, EstimateOptions o = {}) {
  Result<Estimate> e = EstimatePopulation(LoadTable(file), o);
  if (!e.ok()) throw std::runtime_error(e.error().ToString());
  return *e;
}

EstimateOptions Method(stats::Method m) {
  EstimateOptions o;
  o.method = m;
  return o;
}

// Published: Chan, Silverman and Vincent (2021, JASA), and SparseMSE's documentation of
// estimatepopulation.0 on the UK 2013 data (UKdat_5): stepwise, threshold 0.02, total
// 11,313 with 95% interval 9,884 - 13,027 (Wald on the log scale of the dark figure).
// Published figures are whole numbers, so the tolerance is 1 (rounding).
TEST(MsePublishedTest, UkFiveListsStepwise) {
  Estimate e = RunOn("UKdat_5.csv");
  ASSERT_TRUE(e.total);
  EXPECT_EQ(e.observed, 2744);
  EXPECT_NEAR(*e.total, 11313, 1.0);
  ASSERT_TRUE(e.ci);
  EXPECT_EQ(e.ci->kind, "wald");
  EXPECT_NEAR(e.ci->low, 9884, 1.0);
  EXPECT_NEAR(e.ci->high, 13027, 1.0);
  EXPECT_EQ(e.terms, (std::vector<std::string>{"LA", "NG", "PFNCA", "GO", "GP", "LA:NG", "LA:PFNCA",
                                               "NG:GO", "NG:GP", "PFNCA:GP", "GO:GP"}));
  EXPECT_EQ(e.method, "stepwise");
}

// Published: New Orleans data of Chan, Silverman and Vincent (2021) (NewOrl, 185 cases):
// stepwise 0.02 gives 1,184, main effects 997. Tolerance 1 (published as whole numbers).
TEST(MsePublishedTest, NewOrleansStepwiseAndMainEffects) {
  Estimate step = RunOn("NewOrl.csv");
  ASSERT_TRUE(step.total);
  EXPECT_EQ(step.observed, 185);
  EXPECT_NEAR(*step.total, 1184, 1.0);
  Estimate main = RunOn("NewOrl.csv", Method(Method::kMain));
  ASSERT_TRUE(main.total);
  EXPECT_NEAR(*main.total, 997, 1.0);
  EXPECT_EQ(main.terms.size(), 8u);
}

// Chan, Silverman and Vincent (2021), Table 2 (Artificial_3): the model with all
// two-list effects is not identifiable, so a fixed request for it gives no number.
TEST(MseTest, RefusesModelWithoutEstimate) {
  EstimateOptions o;
  o.method = Method::kFixed;
  o.fixed_terms = {3, 5, 6};
  Estimate e = RunOn("Artificial_3.csv", o);
  EXPECT_FALSE(e.total);
  EXPECT_FALSE(e.ci);
  ASSERT_GE(e.warnings.size(), 2u);
  EXPECT_EQ(e.warnings[e.warnings.size() - 2],
            (Warning{"model_refused", {{"model", "A:B+A:C+B:C"}, {"reason", "not_identifiable"}}}));
  EXPECT_EQ(e.warnings.back(), (Warning{"no_estimable_model", {}}));
}

TEST(MseTest, FixedModelWithEmptyOverlapsWarns) {
  EstimateOptions o;
  o.method = Method::kFixed;
  o.fixed_terms = {5, 6};  // A:C, B:C: never seen together
  Estimate e = RunOn("Artificial_3.csv", o);
  ASSERT_TRUE(e.total);
  EXPECT_NEAR(*e.total, 96 + 200, 1e-6);  // see LoglinearTest.EmptyOverlapBecomesStructuralZero
  EXPECT_EQ(e.terms, (std::vector<std::string>{"A", "B", "C", "A:C", "B:C"}));
  EXPECT_NE(std::find(e.warnings.begin(), e.warnings.end(), Warning{"empty_overlap", {{"term", "A:C"}}}),
            e.warnings.end());
}

TEST(MseTest, ExhaustiveChoosesTheBestCriterionAmongAllModels) {
  // Brute force over the 2^6 two-way models of Kosovo's 4 lists with the same criterion.
  CaptureTable t = LoadTable("Kosovo.csv");
  EstimateOptions o = Method(Method::kExhaustive);
  o.criterion = Criterion::kAic;
  Result<Estimate> e = EstimatePopulation(t, o);
  ASSERT_TRUE(e.ok() && e->total);
  std::vector<double> counts(t.counts.begin(), t.counts.end());
  CountTable ct = MakeCountTable(4, counts);
  Fitter f(ct);
  auto models = EnumerateHierarchical(4, 2, 1000);
  ASSERT_TRUE(models);
  ASSERT_EQ(models->size(), 64u);
  double best = 1e300, best_total = 0;
  for (const auto& m : *models) {
    ModelFit fit = f.Fit(m);
    if (fit.status != ModelStatus::kOk) continue;
    double v = CriterionValue(fit, Criterion::kAic, ct.observed);
    if (v < best) { best = v; best_total = ct.observed + fit.dark; }
  }
  EXPECT_NEAR(*e->total, best_total, 1e-6);
  EXPECT_EQ(e->method, "exhaustive-aic");
}

TEST(MseTest, EnumeratesHierarchicalModelsOfHigherOrder) {
  // 3 lists up to order 3: the 8 two-way models plus the one with A:B:C.
  auto m3 = EnumerateHierarchical(3, 3, 1000);
  ASSERT_TRUE(m3);
  EXPECT_EQ(m3->size(), 9u);
  // 4 lists up to order 3: as many as the hierarchical subsets of the 6 pairs and 4
  // triples, counted by brute force.
  auto m4 = EnumerateHierarchical(4, 3, 100000);
  ASSERT_TRUE(m4);
  for (const auto& m : *m4) EXPECT_TRUE(IsHierarchical(m));
  const std::vector<Term> terms = {3, 5, 6, 9, 10, 12, 7, 11, 13, 14};
  size_t count = 0;
  for (uint32_t mask = 0; mask < (1u << terms.size()); ++mask) {
    std::vector<Term> m;
    for (size_t i = 0; i < terms.size(); ++i)
      if (mask & (1u << i)) m.push_back(terms[i]);
    count += IsHierarchical(m) ? 1 : 0;
  }
  EXPECT_EQ(m4->size(), count);
  EXPECT_FALSE(EnumerateHierarchical(7, 2, 1 << 16));  // 2^21 models: over the cap
}

TEST(MseTest, ExhaustiveFallsBackBeyondSixLists) {
  Estimate e = RunOn("NewOrl.csv", Method(Method::kExhaustive));
  ASSERT_TRUE(e.total);
  EXPECT_EQ(e.warnings.front().code, "exhaustive_fallback");
}

TEST(MseTest, DropsEmptyListsWithWarning) {
  CaptureTable t{{"A", "B", "C"}, {0, 60, 30, 10, 0, 0, 0, 0}};
  Result<Estimate> e = EstimatePopulation(t, Method(Method::kMain));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->lists, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(e->warnings.front(), (Warning{"list_empty", {{"list", "C"}}}));
  EXPECT_NEAR(*e->total, 100 + 180, 1e-6);  // Lincoln-Petersen
}

TEST(MseTest, RejectsBadOptions) {
  CaptureTable t = LoadTable("Korea.csv");
  EstimateOptions o;
  o.threshold = 0;
  EXPECT_EQ(EstimatePopulation(t, o).error().fields().at(0).key, "out_of_range");
  o = {};
  o.max_order = 4;
  EXPECT_EQ(EstimatePopulation(t, o).error().fields().at(0).pointer, "max_order");
  CaptureTable one{{"A"}, {0, 5}};
  EXPECT_EQ(EstimatePopulation(one, {}).error().fields().at(0).key, "too_few_lists");
}

TEST(MseTest, ProfileIntervalIsNearWaldForLargeCounts) {
  EstimateOptions o;
  o.interval = IntervalKind::kProfile;
  Estimate e = RunOn("UKdat_5.csv", o);
  ASSERT_TRUE(e.ci);
  EXPECT_EQ(e.ci->kind, "profile");
  EXPECT_LT(e.ci->low, *e.total);
  EXPECT_GT(e.ci->high, *e.total);
  EXPECT_NEAR(e.ci->low, e.wald->low, 100);
  EXPECT_NEAR(e.ci->high, e.wald->high, 100);
}

TEST(MseTest, BootstrapIsReproducibleAndIndependentOfThreads) {
  EstimateOptions o;
  o.bootstrap = 60;
  o.seed = 42;
  o.threads = 1;
  Estimate one = RunOn("Western.csv", o);
  o.threads = 2;
  Estimate two = RunOn("Western.csv", o);
  ASSERT_TRUE(one.ci && two.ci);
  EXPECT_EQ(one.bootstrap_totals, two.bootstrap_totals);
  EXPECT_EQ(one.ci->low, two.ci->low);
  EXPECT_EQ(one.ci->high, two.ci->high);
  EXPECT_EQ(one.ci->kind, "bootstrap-bca");
  EXPECT_LT(one.ci->low, *one.total);
  EXPECT_GT(one.ci->high, *one.total);
  o.seed = 43;
  Estimate other = RunOn("Western.csv", o);
  EXPECT_NE(other.bootstrap_totals, one.bootstrap_totals);
}

TEST(MseTest, NonparametricBootstrapResamplesObservedCases) {
  EstimateOptions o;
  o.bootstrap = 40;
  o.bootstrap_kind = BootstrapKind::kNonparametric;
  Estimate e = RunOn("UKdat_5.csv", o);
  ASSERT_TRUE(e.ci);
  EXPECT_EQ(e.bootstrap_totals.size(), 40u);
  EXPECT_LT(e.ci->low, *e.total);
  EXPECT_GT(e.ci->high, *e.total);
}

TEST(MseTest, StrataAreEstimatedApartAndSummed) {
  CaptureTable a = LoadTable("UKdat_5.csv"), b = LoadTable("Western.csv");
  CaptureTable b5{a.lists, b.counts};  // same 5-list shape, other counts
  Result<StrataEstimate> s = EstimateStrata({{"2023", a}, {"2024", b5}}, EstimateOptions{});
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->strata.size(), 2u);
  EXPECT_EQ(s->strata[0].stratum, "2023");
  EXPECT_NEAR(*s->strata[0].estimate.total, 11313, 1.0);
  EXPECT_NEAR(*s->total, *s->strata[0].estimate.total + *s->strata[1].estimate.total, 1e-6);
  EXPECT_EQ(s->observed, 2744 + 345);
  ASSERT_TRUE(s->ci);
  EXPECT_EQ(s->ci->kind, "wald-sum");
  EXPECT_LT(s->ci->low, *s->total);
  EXPECT_GT(s->ci->high, *s->total);
}

TEST(MseTest, ParsesModelTerms) {
  std::vector<std::string> lists = {"A", "B", "C"};
  EXPECT_EQ(*ParseTerms("A:B, B:C", lists), (std::vector<Term>{3, 6}));
  EXPECT_EQ(*ParseTerms("A:B:C,A:B", lists), (std::vector<Term>{7, 3}));
  EXPECT_EQ(ParseTerms("A:D", lists).error().fields().at(0).key, "unknown_list");
  EXPECT_EQ(ParseTerms("A", lists).error().fields().at(0).key, "not_interaction");
}

}  // namespace
}  // namespace drieluik::stats
