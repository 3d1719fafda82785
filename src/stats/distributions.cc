#include "stats/distributions.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace drieluik::stats {
namespace {

double PoissonLogPmf(int64_t k, double lambda) {
  if (lambda == 0) return k == 0 ? 0.0 : -std::numeric_limits<double>::infinity();
  double kd = static_cast<double>(k);
  return -lambda + kd * std::log(lambda) - std::lgamma(kd + 1.0);
}

// Sum of pmf(i) for i = k, k-1, ..., 0; the ratio pmf(i-1)/pmf(i) = i/lambda, so for
// k <= lambda the terms shrink and the sum is accurate even far in the tail.
double SumDown(int64_t k, double lambda) {
  double term = std::exp(PoissonLogPmf(k, lambda));
  double sum = term;
  for (int64_t i = k; i > 0; --i) {
    term *= static_cast<double>(i) / lambda;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

// Sum of pmf(i) for i = k, k+1, ...; accurate when k > lambda.
double SumUp(int64_t k, double lambda) {
  double term = std::exp(PoissonLogPmf(k, lambda));
  double sum = term;
  for (int64_t i = k + 1;; ++i) {
    term *= lambda / static_cast<double>(i);
    sum += term;
    if (term < sum * 1e-17 || term == 0) break;
  }
  return sum;
}

}  // namespace

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double NormalQuantile(double p) {
  if (!(p > 0)) return -std::numeric_limits<double>::infinity();
  if (!(p < 1)) return std::numeric_limits<double>::infinity();
  // Bisection to a bracket, then Newton steps on the exact CDF.
  double lo = -40, hi = 40;
  for (int i = 0; i < 60; ++i) {
    double mid = 0.5 * (lo + hi);
    if (NormalCdf(mid) < p) lo = mid; else hi = mid;
  }
  double x = 0.5 * (lo + hi);
  for (int i = 0; i < 3; ++i) {
    double pdf = std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI);
    if (pdf <= 0) break;
    double step = (NormalCdf(x) - p) / pdf;
    if (!std::isfinite(step)) break;
    x -= step;
  }
  return x;
}

double PoissonLowerTail(int64_t k, double lambda) {
  if (k < 0) return 0.0;
  if (lambda == 0) return 1.0;
  if (static_cast<double>(k) <= lambda) return std::min(1.0, SumDown(k, lambda));
  return std::max(0.0, 1.0 - SumUp(k + 1, lambda));
}

double PoissonUpperTail(int64_t k, double lambda) {
  if (k <= 0) return 1.0;
  if (lambda == 0) return 0.0;
  if (static_cast<double>(k) > lambda) return std::min(1.0, SumUp(k, lambda));
  return std::max(0.0, 1.0 - SumDown(k - 1, lambda));
}

double QuantileType8(const std::vector<double>& sorted, double p) {
  const double n = static_cast<double>(sorted.size());
  p = std::clamp(p, 0.0, 1.0);
  // Type 8: h = (n + 1/3) p + 1/3 (1-based), linear interpolation, clamped to the ends.
  double h = (n + 1.0 / 3.0) * p + 1.0 / 3.0;
  if (h <= 1) return sorted.front();
  if (h >= n) return sorted.back();
  double fl = std::floor(h);
  auto i = static_cast<size_t>(fl) - 1;
  return sorted[i] + (h - fl) * (sorted[i + 1] - sorted[i]);
}

}  // namespace drieluik::stats
