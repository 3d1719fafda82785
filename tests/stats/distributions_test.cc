#include "stats/distributions.h"

#include <gtest/gtest.h>

namespace drieluik::stats {
namespace {

// Reference values: R's pnorm, qnorm and quantile(type = 8); the Poisson tails were summed
// exactly in 60-digit decimal arithmetic.
TEST(DistributionsTest, NormalCdfAndQuantile) {
  EXPECT_NEAR(NormalCdf(1.959963984540054), 0.975, 1e-12);
  EXPECT_NEAR(NormalCdf(-1), 0.15865525393145705, 1e-12);
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963984540054, 1e-10);
  EXPECT_NEAR(NormalQuantile(0.01), -2.3263478740408408, 1e-10);
  EXPECT_NEAR(NormalQuantile(1e-10), -6.361340902404056, 1e-8);
}

TEST(DistributionsTest, PoissonTails) {
  EXPECT_NEAR(PoissonLowerTail(3, 2.5), 0.7575761331330659, 1e-12);     // ppois(3, 2.5)
  EXPECT_NEAR(PoissonUpperTail(3, 2.5), 0.4561868841166703, 1e-12);     // ppois(2, 2.5, FALSE)
  EXPECT_NEAR(PoissonLowerTail(0, 4.0), 0.01831563888873418, 1e-14);   // dpois(0, 4)
  EXPECT_NEAR(PoissonLowerTail(80, 120.0), 6.649277271014048e-05, 1e-17);  // P(X <= 80)
  EXPECT_NEAR(PoissonUpperTail(150, 120.0), 0.004563441304151243, 1e-15);  // P(X >= 150)
  EXPECT_EQ(PoissonUpperTail(0, 3.0), 1.0);
  EXPECT_EQ(PoissonLowerTail(-1, 3.0), 0.0);
}

TEST(DistributionsTest, QuantileType8) {
  std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_NEAR(QuantileType8(x, 0.025), 1.0, 1e-12);                 // clamped at the minimum
  EXPECT_NEAR(QuantileType8(x, 0.5), 5.5, 1e-12);
  EXPECT_NEAR(QuantileType8(x, 0.9), 9.633333333333333, 1e-12);     // quantile(1:10, .9, type=8)
}

}  // namespace
}  // namespace drieluik::stats
