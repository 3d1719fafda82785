// A small dense two-phase simplex method for the linear programs of the existence check
// (Fienberg and Rinaldo 2012, as used by Chan, Silverman and Vincent 2021). The programs
// are tiny (at most 64 equality rows, a few dozen variables) and heavily degenerate (most
// right-hand sides are zero), so the method uses Bland's rule, which cannot cycle, and
// plain dense arithmetic. Not a general-purpose LP solver. Stateless; thread-safe.
#pragma once

#include <vector>

namespace drieluik::stats {

enum class LpOutcome { kOptimal, kInfeasible, kUnbounded };

struct LpResult {
  LpOutcome outcome = LpOutcome::kInfeasible;
  double objective = 0;    // at the optimum
  std::vector<double> x;   // an optimal point
};

/// Maximises c'x subject to A x = b and x >= 0. `a` is row-major with b.size() rows and
/// c.size() columns. Rows with negative b are negated first; redundant rows are allowed.
/// `tolerance` is the pivot and feasibility tolerance (relative to the data's scale 1).
LpResult MaximizeStandardForm(const std::vector<double>& a, const std::vector<double>& b,
                              const std::vector<double>& c, double tolerance = 1e-9);

}  // namespace drieluik::stats
