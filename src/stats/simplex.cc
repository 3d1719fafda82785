#include "stats/simplex.h"

#include <cmath>
#include <cstddef>

namespace drieluik::stats {
namespace {

// Tableau with m constraint rows and one objective row (the last); columns are the n
// structural variables, then m artificials, then the right-hand side. The objective row
// holds reduced costs for minimisation: a column may enter when its entry is negative.
struct Tableau {
  size_t m, n, width;
  std::vector<double> t;
  std::vector<size_t> basis;

  double& at(size_t r, size_t c) { return t[r * width + c]; }

  void Pivot(size_t row, size_t col) {
    double inv = 1.0 / at(row, col);
    for (size_t c = 0; c < width; ++c) at(row, c) *= inv;
    at(row, col) = 1.0;
    for (size_t r = 0; r <= m; ++r) {
      if (r == row) continue;
      double f = at(r, col);
      if (f == 0) continue;
      for (size_t c = 0; c < width; ++c) at(r, c) -= f * at(row, c);
      at(r, col) = 0.0;
    }
    basis[row] = col;
  }

  // Runs Bland's rule over columns [0, ncols); returns false when unbounded.
  bool Optimise(size_t ncols, double tol) {
    const size_t rhs = width - 1;
    for (int iter = 0; iter < 100000; ++iter) {
      size_t enter = ncols;
      for (size_t c = 0; c < ncols; ++c) {
        if (at(m, c) < -tol) { enter = c; break; }
      }
      if (enter == ncols) return true;
      size_t leave = m;
      double best = 0;
      for (size_t r = 0; r < m; ++r) {
        double a = at(r, enter);
        if (a <= tol) continue;
        double ratio = at(r, rhs) / a;
        if (leave == m || ratio < best - tol ||
            (std::fabs(ratio - best) <= tol && basis[r] < basis[leave])) {
          leave = r;
          best = ratio;
        }
      }
      if (leave == m) return false;
      Pivot(leave, enter);
    }
    return true;  // not reached for problems of our size
  }
};

}  // namespace

LpResult MaximizeStandardForm(const std::vector<double>& a, const std::vector<double>& b,
                              const std::vector<double>& c, double tolerance) {
  const size_t m = b.size(), n = c.size();
  Tableau tab{m, n, n + m + 1, {}, {}};
  tab.t.assign((m + 1) * tab.width, 0.0);
  tab.basis.resize(m);
  const size_t rhs = tab.width - 1;
  for (size_t r = 0; r < m; ++r) {
    double sign = b[r] < 0 ? -1.0 : 1.0;
    for (size_t j = 0; j < n; ++j) tab.at(r, j) = sign * a[r * n + j];
    tab.at(r, n + r) = 1.0;
    tab.at(r, rhs) = sign * b[r];
    tab.basis[r] = n + r;
  }
  // Phase I: minimise the sum of artificials; its reduced costs are minus the column sums.
  for (size_t r = 0; r < m; ++r) {
    for (size_t j = 0; j < n; ++j) tab.at(m, j) -= tab.at(r, j);
    tab.at(m, rhs) -= tab.at(r, rhs);
  }
  LpResult result;
  tab.Optimise(n + m, tolerance);
  if (-tab.at(m, rhs) > tolerance * 1e3) return result;  // infeasible
  // Drive remaining artificials out of the basis; a row where that is impossible is
  // redundant and stays with its artificial at zero, which phase II never lets enter.
  for (size_t r = 0; r < m; ++r) {
    if (tab.basis[r] < n) continue;
    for (size_t j = 0; j < n; ++j) {
      if (std::fabs(tab.at(r, j)) > tolerance) { tab.Pivot(r, j); break; }
    }
  }
  // Phase II: objective row = -c (minimise -c'x), expressed in the current basis.
  for (size_t j = 0; j < tab.width; ++j) tab.at(m, j) = 0.0;
  for (size_t j = 0; j < n; ++j) tab.at(m, j) = -c[j];
  for (size_t r = 0; r < m; ++r) {
    size_t bj = tab.basis[r];
    if (bj >= n) continue;
    double f = tab.at(m, bj);
    if (f == 0) continue;
    for (size_t j = 0; j < tab.width; ++j) tab.at(m, j) -= f * tab.at(r, j);
  }
  if (!tab.Optimise(n, tolerance)) {
    result.outcome = LpOutcome::kUnbounded;
    return result;
  }
  result.outcome = LpOutcome::kOptimal;
  result.x.assign(n, 0.0);
  for (size_t r = 0; r < m; ++r) {
    if (tab.basis[r] < n) result.x[tab.basis[r]] = tab.at(r, rhs);
  }
  result.objective = 0;
  for (size_t j = 0; j < n; ++j) result.objective += c[j] * result.x[j];
  return result;
}

}  // namespace drieluik::stats
