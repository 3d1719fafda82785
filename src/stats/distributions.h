// Distribution functions the estimator needs: the standard normal (for Wald intervals and
// BCa), Poisson tail probabilities (for the stepwise p-values of SparseMSE) and the
// sample quantile of type 8 (Hyndman and Fan 1996, R's quantile(type = 8), which SparseMSE
// uses for BCa limits). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace drieluik::stats {

/// P(Z <= x) for a standard normal Z.
double NormalCdf(double x);
/// The x with NormalCdf(x) == p. Requires: 0 < p < 1 (returns -inf/+inf at 0 and 1).
double NormalQuantile(double p);

/// P(X <= k) for X ~ Poisson(lambda); 0 for k < 0. Requires: lambda >= 0.
double PoissonLowerTail(int64_t k, double lambda);
/// P(X >= k) for X ~ Poisson(lambda); 1 for k <= 0. Requires: lambda >= 0.
double PoissonUpperTail(int64_t k, double lambda);

/// Sample quantile of type 8 (approximately median-unbiased) of `sorted`, which must be
/// sorted ascending and non-empty; p is clamped to [0, 1].
double QuantileType8(const std::vector<double>& sorted, double p);

}  // namespace drieluik::stats
