#include "stats/selection.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numeric>
#include <thread>

#include "stats/distributions.h"

namespace drieluik::stats {
namespace {

std::vector<Term> Pairs(int k) {
  std::vector<Term> pairs;
  for (int i = 0; i < k - 1; ++i)
    for (int j = i + 1; j < k; ++j) pairs.push_back((Term{1} << i) | (Term{1} << j));
  return pairs;
}

// All terms of exactly `order` lists whose every (order-1)-subset is in `terms` (for
// order 2: all pairs).
std::vector<Term> Addable(int k, int order, const std::vector<Term>& terms) {
  std::vector<Term> out;
  const Term n = Term{1} << k;
  for (Term t = 0; t < n; ++t) {
    if (std::popcount(t) != order) continue;
    if (std::find(terms.begin(), terms.end(), t) != terms.end()) continue;
    bool ok = true;
    if (order > 2) {
      for (Term rest = t; rest && ok; rest &= rest - 1) {
        Term sub = t & ~(rest & (~rest + 1));
        ok = std::find(terms.begin(), terms.end(), sub) != terms.end();
      }
    }
    if (ok) out.push_back(t);
  }
  return out;
}

void Enumerate(int k, int order, int max_order, std::vector<Term>& current,
               std::vector<std::vector<Term>>& out, size_t cap, bool& overflow) {
  if (overflow) return;
  if (order > max_order) {
    if (out.size() >= cap) { overflow = true; return; }
    out.push_back(current);
    return;
  }
  std::vector<Term> cand = Addable(k, order, current);
  if (cand.size() >= 40) { overflow = true; return; }
  const uint64_t subsets = uint64_t{1} << cand.size();
  if (subsets > cap) { overflow = true; return; }
  const size_t base = current.size();
  for (uint64_t m = 0; m < subsets && !overflow; ++m) {
    current.resize(base);
    for (size_t i = 0; i < cand.size(); ++i)
      if (m & (uint64_t{1} << i)) current.push_back(cand[i]);
    Enumerate(k, order + 1, max_order, current, out, cap, overflow);
  }
  current.resize(base);
}

struct Scored {
  double value = std::numeric_limits<double>::infinity();
  size_t index = 0;
  std::optional<ModelFit> fit;
  int64_t fits = 0, refused = 0;
};

// For each subset E of the empty (zero-margin) terms of the search space: whether the
// model with every non-empty term plus E passes the check. A model with empty terms E and
// fewer non-empty terms then passes too: it fits the same cells (the cells containing a
// term of E are fixed at zero), a positive table with the larger model's margins has the
// smaller model's margins as well (existence), and a subset of independent design columns
// is independent (identifiability). This is the search of SparseMSE's checkallmodels.
struct TopChecks {
  std::vector<Term> empty;       // the empty terms of the space, in a fixed order
  std::vector<int8_t> passes;    // indexed by subset mask of `empty`
};

TopChecks MakeTopChecks(const CountTable& table, const std::vector<std::vector<Term>>& space) {
  TopChecks tc;
  std::vector<Term> all;
  for (const auto& m : space)
    for (Term t : m)
      if (std::find(all.begin(), all.end(), t) == all.end()) all.push_back(t);
  std::sort(all.begin(), all.end());
  std::vector<Term> nonempty;
  for (Term t : all) (table.margins[t] <= 0 ? tc.empty : nonempty).push_back(t);
  if (tc.empty.size() > 12) { tc.empty.clear(); return tc; }  // too many subsets to pre-check
  Fitter fitter(table);
  tc.passes.assign(size_t{1} << tc.empty.size(), 0);
  for (size_t mask = 0; mask < tc.passes.size(); ++mask) {
    std::vector<Term> top = nonempty;
    for (size_t i = 0; i < tc.empty.size(); ++i)
      if (mask & (size_t{1} << i)) top.push_back(tc.empty[i]);
    tc.passes[mask] = fitter.Check(top) == ModelStatus::kOk ? 1 : 0;
  }
  return tc;
}

Scored SearchRange(const CountTable& table, const std::vector<std::vector<Term>>& models,
                   size_t begin, size_t end, Criterion crit, const TopChecks& tc) {
  Fitter fitter(table);
  Scored best;
  for (size_t i = begin; i < end; ++i) {
    bool known_ok = false;
    if (!tc.passes.empty()) {
      size_t mask = 0;
      for (Term t : models[i]) {
        if (table.margins[t] > 0) continue;
        auto it = std::find(tc.empty.begin(), tc.empty.end(), t);
        mask |= size_t{1} << (it - tc.empty.begin());
      }
      known_ok = tc.passes[mask] != 0;
    }
    ModelFit fit = fitter.Fit(models[i], !known_ok);
    if (fit.status != ModelStatus::kOk) { ++best.refused; continue; }
    double v = CriterionValue(fit, crit, table.observed);
    if (v < best.value) {
      best.value = v;
      best.index = i;
      best.fit = std::move(fit);
    }
  }
  best.fits = fitter.fits();
  return best;
}

Selection Exhaustive(const CountTable& table, const SelectionOptions& o) {
  Selection sel;
  std::optional<std::vector<std::vector<Term>>> own;
  const std::vector<std::vector<Term>>* space = o.space;
  if (!space && table.lists <= kMaxExhaustiveLists) {
    own = EnumerateHierarchical(table.lists, o.max_order, kMaxEnumeratedModels);
    if (own) space = &*own;
  }
  if (!space) {
    // Fallback: greedy forward search by the criterion over hierarchical terms.
    sel.fallback = true;
    Fitter fitter(table);
    std::vector<Term> current;
    ModelFit best = fitter.Fit(current, true);
    ++sel.checked;
    if (best.status != ModelStatus::kOk) {
      sel.refused = 1;
      sel.main_status = best.status;
      sel.fits = fitter.fits();
      return sel;
    }
    double best_value = CriterionValue(best, o.criterion, table.observed);
    for (;;) {
      std::vector<Term> cand;
      for (int order = 2; order <= o.max_order; ++order) {
        auto add = Addable(table.lists, order, current);
        cand.insert(cand.end(), add.begin(), add.end());
      }
      std::optional<ModelFit> step;
      double step_value = best_value;
      for (Term t : cand) {
        std::vector<Term> trial = current;
        trial.push_back(t);
        ModelFit fit = fitter.Fit(trial, true);
        ++sel.checked;
        if (fit.status != ModelStatus::kOk) { ++sel.refused; continue; }
        double v = CriterionValue(fit, o.criterion, table.observed);
        if (v < step_value) { step_value = v; step = std::move(fit); }
      }
      if (!step) break;
      best_value = step_value;
      current = step->terms;
      best = std::move(*step);
    }
    sel.fit = std::move(best);
    sel.fits = fitter.fits();
    return sel;
  }
  const size_t n = space->size();
  size_t threads = static_cast<size_t>(std::max(1, o.threads));
  threads = std::min(threads, std::max<size_t>(1, n / 256));
  std::vector<Scored> parts(threads);
  const TopChecks tc = MakeTopChecks(table, *space);
  if (threads == 1) {
    parts[0] = SearchRange(table, *space, 0, n, o.criterion, tc);
  } else {
    std::vector<std::thread> pool;
    // Interleaved blocks balance the cheap (small) and dear (large) models.
    for (size_t t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        size_t begin = n * t / threads, end = n * (t + 1) / threads;
        parts[t] = SearchRange(table, *space, begin, end, o.criterion, tc);
      });
    }
    for (auto& th : pool) th.join();
  }
  Scored* best = nullptr;
  for (auto& p : parts) {
    sel.fits += p.fits;
    sel.refused += p.refused;
    if (!p.fit) continue;
    if (!best || p.value < best->value || (p.value == best->value && p.index < best->index))
      best = &p;
  }
  sel.checked = static_cast<int64_t>(n);
  if (best) sel.fit = std::move(best->fit);
  return sel;
}

Selection Stepwise(const CountTable& table, const SelectionOptions& o) {
  Selection sel;
  Fitter fitter(table);
  const int k = table.lists;
  ModelFit fit = fitter.Fit({}, true);
  ++sel.checked;
  if (fit.status != ModelStatus::kOk) {
    sel.refused = 1;
    sel.main_status = fit.status;
    sel.fits = fitter.fits();
    return sel;
  }
  const std::vector<Term> pairs = Pairs(k);
  std::vector<bool> included(pairs.size(), false);
  std::vector<double> expected;
  std::vector<std::pair<double, size_t>> order;
  for (size_t cycle = 0; cycle < pairs.size(); ++cycle) {
    // Expected overlap of each pair under the current model: the sum of fitted values
    // over the cells containing both lists.
    expected = fit.mu;
    expected[0] = 0;
    for (int b = 0; b < k; ++b) {
      const size_t bit = size_t{1} << b;
      for (size_t m = 0; m < expected.size(); ++m)
        if (!(m & bit)) expected[m] += expected[m | bit];
    }
    order.clear();
    for (size_t j = 0; j < pairs.size(); ++j) {
      if (included[j]) continue;
      auto nstar = static_cast<int64_t>(std::llround(table.margins[pairs[j]]));
      double lambda = expected[pairs[j]];
      double p = std::min(PoissonLowerTail(nstar, lambda), PoissonUpperTail(nstar, lambda));
      if (p < o.threshold) order.emplace_back(p, j);
    }
    // The smallest p-value among candidates whose model passes the check; ties go to the
    // first pair, as in SparseMSE. Checking in order of p-value saves most checks.
    std::sort(order.begin(), order.end());
    std::optional<size_t> chosen;
    for (auto [p, j] : order) {
      std::vector<Term> trial = fit.terms;
      trial.push_back(pairs[j]);
      ++sel.checked;
      if (fitter.Check(trial) == ModelStatus::kOk) { chosen = j; break; }
      ++sel.refused;
    }
    if (!chosen) break;
    std::vector<Term> next = fit.terms;
    next.push_back(pairs[*chosen]);
    ModelFit f = fitter.Fit(next, false);
    if (f.status != ModelStatus::kOk) { ++sel.refused; break; }
    included[*chosen] = true;
    fit = std::move(f);
  }
  sel.fit = std::move(fit);
  sel.fits = fitter.fits();
  return sel;
}

}  // namespace

std::optional<std::vector<std::vector<Term>>> EnumerateHierarchical(int lists, int max_order,
                                                                     size_t cap) {
  std::vector<std::vector<Term>> out;
  if (max_order == 2) {
    const std::vector<Term> pairs = Pairs(lists);
    if (pairs.size() >= 40 || (uint64_t{1} << pairs.size()) > cap) return std::nullopt;
    const uint64_t n = uint64_t{1} << pairs.size();
    out.reserve(n);
    for (uint64_t m = 0; m < n; ++m) {
      std::vector<Term> terms;
      for (size_t i = 0; i < pairs.size(); ++i)
        if (m & (uint64_t{1} << i)) terms.push_back(pairs[i]);
      out.push_back(std::move(terms));
    }
    return out;
  }
  std::vector<Term> current;
  bool overflow = false;
  Enumerate(lists, 2, std::min(max_order, lists), current, out, cap, overflow);
  if (overflow) return std::nullopt;
  return out;
}

double CriterionValue(const ModelFit& fit, Criterion c, double observed) {
  double penalty = c == Criterion::kAic ? 2.0 : std::log(std::max(observed, 2.0));
  return -2.0 * fit.loglik + penalty * fit.num_params;
}

Selection SelectModel(const CountTable& table, const SelectionOptions& o) {
  switch (o.method) {
    case Method::kStepwise:
      return Stepwise(table, o);
    case Method::kExhaustive:
      return Exhaustive(table, o);
    case Method::kMain:
    case Method::kFixed: {
      Selection sel;
      Fitter fitter(table);
      ModelFit fit = fitter.Fit(o.method == Method::kMain ? std::vector<Term>{} : o.fixed_terms);
      sel.checked = 1;
      sel.fits = fitter.fits();
      if (fit.status == ModelStatus::kOk) {
        sel.fit = std::move(fit);
      } else {
        sel.refused = 1;
        sel.main_status = fit.status;
      }
      return sel;
    }
  }
  return {};
}

}  // namespace drieluik::stats
