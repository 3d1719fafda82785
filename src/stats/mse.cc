#include "stats/mse.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <limits>
#include <mutex>
#include <random>
#include <thread>

#include "stats/distributions.h"
#include "stats/selection.h"

namespace drieluik::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

uint64_t Mix(uint64_t x) {  // SplitMix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

const char* StatusReason(ModelStatus s) {
  switch (s) {
    case ModelStatus::kOk: return "ok";
    case ModelStatus::kNotExist: return "not_exist";
    case ModelStatus::kNotIdentifiable: return "not_identifiable";
    case ModelStatus::kNotExistNotIdentifiable: return "not_exist_not_identifiable";
    case ModelStatus::kNotConverged: return "not_converged";
  }
  return "not_converged";
}

std::string MethodName(const EstimateOptions& o) {
  switch (o.method) {
    case Method::kMain: return "main";
    case Method::kStepwise: return "stepwise";
    case Method::kFixed: return "fixed";
    case Method::kExhaustive: return o.criterion == Criterion::kAic ? "exhaustive-aic" : "exhaustive-bic";
  }
  return "";
}

// The table restricted to informative lists (lists nobody was on are dropped), as a
// CountTable, with the kept list indices.
struct Reduced {
  CountTable table;
  std::vector<int> kept;  // original index of each kept list
};

Reduced Reduce(const std::vector<int64_t>& counts, int lists) {
  std::vector<int64_t> totals(lists, 0);
  for (size_t c = 1; c < counts.size(); ++c)
    for (int i = 0; i < lists; ++i)
      if (c & (size_t{1} << i)) totals[i] += counts[c];
  Reduced r;
  for (int i = 0; i < lists; ++i)
    if (totals[i] > 0) r.kept.push_back(i);
  const int k = static_cast<int>(r.kept.size());
  if (k < 2) return r;
  std::vector<double> reduced(size_t{1} << k, 0.0);
  for (size_t c = 1; c < counts.size(); ++c) {
    if (counts[c] == 0) continue;
    size_t m = 0;
    for (int j = 0; j < k; ++j)
      if (c & (size_t{1} << r.kept[j])) m |= size_t{1} << j;
    reduced[m] += static_cast<double>(counts[c]);
  }
  r.table = MakeCountTable(k, std::move(reduced));
  return r;
}

Term MapTerm(Term t, const std::vector<int>& kept, bool& ok) {
  Term out = 0;
  for (int i = 0; i < 32; ++i) {
    if (!(t & (Term{1} << i))) continue;
    auto it = std::find(kept.begin(), kept.end(), i);
    if (it == kept.end()) { ok = false; return 0; }
    out |= Term{1} << (it - kept.begin());
  }
  return out;
}

// Total estimate for a table of counts (used by the bootstrap and the jackknife); NaN when
// no model passes or fewer than two lists are informative.
double QuickTotal(const std::vector<int64_t>& counts, int lists, const SelectionOptions& so,
                  const std::vector<Term>& fixed_original, int64_t& fits) {
  Reduced r = Reduce(counts, lists);
  if (r.kept.size() < 2) return kNaN;
  SelectionOptions o = so;
  o.threads = 1;
  if (static_cast<int>(r.kept.size()) != lists) {
    o.space = nullptr;  // the shared enumeration is for the full number of lists
    if (o.method == Method::kFixed) {
      o.fixed_terms.clear();
      for (Term t : fixed_original) {
        bool ok = true;
        Term m = MapTerm(t, r.kept, ok);
        if (!ok) return kNaN;
        o.fixed_terms.push_back(m);
      }
    }
  }
  Selection sel = SelectModel(r.table, o);
  fits += sel.fits;
  if (!sel.fit) return kNaN;
  return r.table.observed + sel.fit->dark;
}

// Runs fn(i) for i in [0, n) on `threads` threads; fn must only write its own slot.
template <typename Fn>
void ParallelFor(int n, int threads, Fn fn, const std::function<void(int, int)>& progress,
                 int progress_total, int progress_offset) {
  std::atomic<int> next{0}, done{0};
  std::mutex mu;
  const int step = std::max(1, progress_total / 100);
  auto worker = [&] {
    for (int i = next++; i < n; i = next++) {
      fn(i);
      int d = ++done;
      if (progress && (d % step == 0 || d == n)) {
        std::lock_guard<std::mutex> lock(mu);
        progress(std::min(progress_total, progress_offset + d), progress_total);
      }
    }
  };
  threads = std::max(1, std::min(threads, n));
  if (threads == 1) { worker(); return; }
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& th : pool) th.join();
}

Interval WaldInterval(double observed, const ModelFit& fit, double level) {
  double z = NormalQuantile(0.5 + level / 2);
  double theta = std::log(fit.dark);
  return {level, observed + std::exp(theta - z * fit.log_dark_se),
          observed + std::exp(theta + z * fit.log_dark_se), "wald"};
}

// Profile-likelihood interval for the dark figure: the values of the intercept where the
// deviance, maximised over the other parameters, rises by the chi-square(1) quantile.
Interval ProfileInterval(const CountTable& table, const ModelFit& fit, double level,
                         std::vector<Warning>& warnings, int64_t& fits) {
  Fitter fitter(table);
  const double target = std::pow(NormalQuantile(0.5 + level / 2), 2);
  const double theta_hat = std::log(fit.dark);
  auto excess = [&](double theta) {
    ModelFit f = fitter.Fit(fit.terms, false, theta);
    if (f.status != ModelStatus::kOk) return std::numeric_limits<double>::infinity();
    return f.deviance - fit.deviance - target;
  };
  auto bound = [&](double dir, bool& open) {
    double step = std::max(0.05, 2 * fit.log_dark_se);
    double inside = theta_hat, outside = theta_hat + dir * step;
    while (excess(outside) < 0) {
      inside = outside;
      step *= 2;
      outside = theta_hat + dir * step;
      if (step > 30) { open = true; return outside; }
    }
    for (int i = 0; i < 50 && std::fabs(outside - inside) > 1e-7; ++i) {
      double mid = 0.5 * (inside + outside);
      if (excess(mid) < 0) inside = mid; else outside = mid;
    }
    return 0.5 * (inside + outside);
  };
  bool open_low = false, open_high = false;
  double lo = bound(-1, open_low), hi = bound(+1, open_high);
  fits += fitter.fits();
  Interval ci{level, table.observed + (open_low ? 0.0 : std::exp(lo)),
              open_high ? std::numeric_limits<double>::infinity() : table.observed + std::exp(hi),
              "profile"};
  if (open_low) warnings.push_back({"interval_open", {{"side", "low"}}});
  if (open_high) warnings.push_back({"interval_open", {{"side", "high"}}});
  return ci;
}

Result<Estimate> EstimateImpl(const CaptureTable& in, const EstimateOptions& o, uint64_t salt) {
  const int lists = static_cast<int>(in.lists.size());
  if (lists < 2) return Status::Invalid({"lists", "too_few_lists", {{"count", std::to_string(lists)}}});
  if (lists > kMaxLists)
    return Status::Invalid({"lists", "too_many_lists", {{"max", std::to_string(kMaxLists)}}});
  if (in.counts.size() != (size_t{1} << lists))
    return Status::InvalidArgument("counts must have 2^lists entries");
  if (!(o.threshold > 0 && o.threshold <= 1))
    return Status::Invalid({"threshold", "out_of_range", {{"min", "0"}, {"max", "1"}}});
  if (!(o.level > 0 && o.level < 1))
    return Status::Invalid({"level", "out_of_range", {{"min", "0"}, {"max", "1"}}});
  if (o.bootstrap < 0 || o.bootstrap > 1000000)
    return Status::Invalid({"bootstrap", "out_of_range", {{"min", "0"}, {"max", "1000000"}}});
  if (o.max_order < 2 || o.max_order > lists)
    return Status::Invalid({"max_order", "out_of_range", {{"min", "2"}, {"max", std::to_string(lists)}}});
  if (o.method == Method::kFixed && !IsHierarchical(o.fixed_terms))
    return Status::Invalid({"model", "not_hierarchical", {}});

  Estimate est;
  est.method = MethodName(o);
  Reduced r = Reduce(in.counts, lists);
  for (int i = 0; i < lists; ++i) {
    if (std::find(r.kept.begin(), r.kept.end(), i) == r.kept.end())
      est.warnings.push_back({"list_empty", {{"list", in.lists[i]}}});
  }
  if (r.kept.size() < 2) {
    // The table is well-formed but at most one list saw anyone (a sparse stratum): no
    // estimate, said as a warning, so that the other strata still get theirs.
    for (int i : r.kept) est.lists.push_back(in.lists[i]);
    est.observed = in.Observed();
    est.warnings.push_back({"too_few_informative_lists", {{"count", std::to_string(r.kept.size())}}});
    est.warnings.push_back({"no_estimable_model", {}});
    return est;
  }
  for (int i : r.kept) est.lists.push_back(in.lists[i]);
  const CountTable& table = r.table;
  est.observed = static_cast<int64_t>(std::llround(table.observed));

  SelectionOptions so;
  so.method = o.method;
  so.threshold = o.threshold;
  so.criterion = o.criterion;
  so.max_order = std::min(o.max_order, table.lists);
  const int threads = o.threads > 0 ? o.threads
                                    : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  so.threads = threads;
  for (Term t : o.fixed_terms) {
    bool ok = true;
    Term m = MapTerm(t, r.kept, ok);
    if (!ok || std::popcount(m) < 2)
      return Status::Invalid({"model", "term_on_empty_list", {{"term", TermName(t, in.lists)}}});
    so.fixed_terms.push_back(m);
  }
  int64_t overlap = 0;
  for (size_t c = 1; c < table.counts.size(); ++c)
    if (std::popcount(c) >= 2) overlap += static_cast<int64_t>(table.counts[c]);
  if (overlap < 10) est.warnings.push_back({"few_overlaps", {{"count", std::to_string(overlap)}}});

  Selection sel = SelectModel(table, so);
  est.models_fitted += sel.fits;
  if (sel.fallback) {
    est.warnings.push_back({"exhaustive_fallback", {{"lists", std::to_string(table.lists)},
                                                    {"models", std::to_string(sel.checked)}}});
  }
  if (sel.refused > 0 && (o.method == Method::kExhaustive || o.method == Method::kStepwise)) {
    est.warnings.push_back({"models_refused", {{"count", std::to_string(sel.refused)},
                                               {"of", std::to_string(sel.checked)}}});
  }
  if (!sel.fit) {
    if (o.method == Method::kMain || o.method == Method::kFixed || sel.checked == 1) {
      std::string model = "main";
      if (o.method == Method::kFixed) {
        model.clear();
        for (Term t : so.fixed_terms) model += (model.empty() ? "" : "+") + TermName(t, est.lists);
      }
      est.warnings.push_back({"model_refused", {{"model", model}, {"reason", StatusReason(sel.main_status)}}});
    }
    est.warnings.push_back({"no_estimable_model", {}});
    return est;
  }
  const ModelFit& fit = *sel.fit;
  est.total = table.observed + fit.dark;
  est.dark = fit.dark;
  for (const std::string& l : est.lists) est.terms.push_back(l);
  // Shown by order, then by list order: A:B, A:C, B:C, A:B:C (as SparseMSE lists pairs).
  std::vector<Term> shown = fit.terms;
  std::sort(shown.begin(), shown.end(), [](Term a, Term b) {
    if (std::popcount(a) != std::popcount(b)) return std::popcount(a) < std::popcount(b);
    for (Term x = a, y = b; x && y; x &= x - 1, y &= y - 1) {
      int ia = std::countr_zero(x), ib = std::countr_zero(y);
      if (ia != ib) return ia < ib;
    }
    return false;
  });
  for (Term t : shown) {
    est.terms.push_back(TermName(t, est.lists));
    Term orig = 0;
    for (int j = 0; j < table.lists; ++j)
      if (t & (Term{1} << j)) orig |= Term{1} << r.kept[j];
    est.interactions.push_back(orig);
  }
  for (Term t : fit.empty_terms)
    est.warnings.push_back({"empty_overlap", {{"term", TermName(t, est.lists)}}});
  est.wald = WaldInterval(table.observed, fit, o.level);
  if (o.interval == IntervalKind::kProfile && o.bootstrap == 0) {
    est.ci = ProfileInterval(table, fit, o.level, est.warnings, est.models_fitted);
  } else {
    est.ci = est.wald;
  }
  if (o.bootstrap == 0) return est;

  // Bootstrap: every replicate redoes the model choice. Replicate i draws from a
  // generator seeded from (seed, salt, i) only, so results do not depend on threads.
  std::optional<std::vector<std::vector<Term>>> space;
  if (o.method == Method::kExhaustive && table.lists <= kMaxExhaustiveLists) {
    space = EnumerateHierarchical(table.lists, so.max_order, kMaxEnumeratedModels);
  }
  so.space = space ? &*space : nullptr;
  std::vector<int64_t> full(size_t{1} << table.lists, 0);
  for (size_t c = 1; c < full.size(); ++c) full[c] = static_cast<int64_t>(table.counts[c]);
  std::vector<size_t> jack_cells;
  for (size_t c = 1; c < full.size(); ++c)
    if (full[c] > 0) jack_cells.push_back(c);
  const int boots = o.bootstrap;
  const int tasks = boots + static_cast<int>(jack_cells.size());
  std::vector<double> results(tasks, kNaN);
  std::vector<int64_t> task_fits(tasks, 0);
  std::vector<double> probs(full.size(), 0.0);
  for (size_t c = 1; c < full.size(); ++c) probs[c] = table.counts[c];
  ParallelFor(
      tasks, threads,
      [&](int i) {
        std::vector<int64_t> counts(full.size(), 0);
        if (i < boots) {
          std::mt19937_64 rng(Mix(o.seed ^ Mix(salt ^ Mix(static_cast<uint64_t>(i) + 1))));
          if (o.bootstrap_kind == BootstrapKind::kParametric) {
            for (size_t c = 1; c < counts.size(); ++c) {
              if (fit.mu[c] > 0) counts[c] = std::poisson_distribution<int64_t>(fit.mu[c])(rng);
            }
          } else {
            int64_t left = est.observed;
            double mass = table.observed;
            for (size_t c = 1; c < counts.size() && left > 0; ++c) {
              if (probs[c] <= 0) continue;
              double p = std::min(1.0, probs[c] / mass);
              counts[c] = p >= 1 ? left : std::binomial_distribution<int64_t>(left, p)(rng);
              left -= counts[c];
              mass -= probs[c];
            }
          }
        } else {
          counts = full;
          counts[jack_cells[i - boots]] -= 1;
        }
        results[i] = QuickTotal(counts, table.lists, so, so.fixed_terms, task_fits[i]);
      },
      o.progress, tasks, 0);
  for (int64_t f : task_fits) est.models_fitted += f;
  est.bootstrap_totals.assign(results.begin(), results.begin() + boots);
  std::vector<double> ok;
  for (int i = 0; i < boots; ++i)
    if (std::isfinite(results[i])) ok.push_back(results[i]);
  if (static_cast<int>(ok.size()) < boots) {
    est.warnings.push_back({"bootstrap_failures", {{"count", std::to_string(boots - ok.size())},
                                                   {"of", std::to_string(boots)}}});
  }
  if (ok.size() < 2) return est;  // keep the Wald interval
  std::sort(ok.begin(), ok.end());
  // Acceleration from the jackknife over cases (each case of cell c counts y_c times).
  double ahat = 0;
  bool jack_ok = true;
  double wsum = 0, wmean = 0;
  for (size_t j = 0; j < jack_cells.size(); ++j) {
    double v = results[boots + j];
    if (!std::isfinite(v)) { jack_ok = false; break; }
    wsum += table.counts[jack_cells[j]];
    wmean += table.counts[jack_cells[j]] * v;
  }
  if (jack_ok && wsum > 0) {
    wmean /= wsum;
    double s2 = 0, s3 = 0;
    for (size_t j = 0; j < jack_cells.size(); ++j) {
      double d = wmean - results[boots + j];
      double w = table.counts[jack_cells[j]];
      s2 += w * d * d;
      s3 += w * d * d * d;
    }
    if (s2 > 0) ahat = s3 / (6 * std::pow(s2, 1.5));
  }
  double below = 0;
  for (double v : ok) below += v < *est.total ? 1 : 0;
  double z0 = NormalQuantile(below / static_cast<double>(ok.size()));
  const double alpha = (1 - o.level) / 2;
  Interval ci{o.level, 0, 0, "bootstrap-bca"};
  if (!std::isfinite(z0)) {
    ci.kind = "bootstrap-percentile";
    ci.low = QuantileType8(ok, alpha);
    ci.high = QuantileType8(ok, 1 - alpha);
  } else {
    auto adjusted = [&](double a) {
      double za = NormalQuantile(a) + z0;
      return NormalCdf(z0 + za / (1 - ahat * za));
    };
    ci.low = QuantileType8(ok, adjusted(alpha));
    ci.high = QuantileType8(ok, adjusted(1 - alpha));
  }
  est.ci = ci;
  return est;
}

}  // namespace

int64_t CaptureTable::Observed() const {
  int64_t n = 0;
  for (int64_t c : counts) n += c;
  return n;
}

Result<CaptureTable> MakeCaptureTable(std::vector<std::string> lists,
                                      const std::vector<std::pair<uint32_t, int64_t>>& rows) {
  const int k = static_cast<int>(lists.size());
  if (k < 2) return Status::Invalid({"lists", "too_few_lists", {{"count", std::to_string(k)}}});
  if (k > kMaxLists)
    return Status::Invalid({"lists", "too_many_lists", {{"max", std::to_string(kMaxLists)}}});
  CaptureTable t;
  t.lists = std::move(lists);
  t.counts.assign(size_t{1} << k, 0);
  std::vector<bool> seen(size_t{1} << k, false);
  for (const auto& [pattern, count] : rows) {
    std::string where = "pattern " + std::to_string(pattern);
    if (pattern == 0) return Status::Invalid({where, "all_zero_pattern", {}});
    if (pattern >= (uint32_t{1} << k)) return Status::Invalid({where, "pattern_out_of_range", {}});
    if (count < 0) return Status::Invalid({where, "negative_count", {}});
    if (seen[pattern]) return Status::Invalid({where, "duplicate_pattern", {}});
    seen[pattern] = true;
    t.counts[pattern] = count;
  }
  return t;
}

Result<Estimate> EstimatePopulation(const CaptureTable& table, const EstimateOptions& options) {
  return EstimateImpl(table, options, 0);
}

Result<StrataEstimate> EstimateStrata(const std::vector<std::pair<std::string, CaptureTable>>& strata,
                                      const EstimateOptions& options) {
  StrataEstimate out;
  bool all = !strata.empty();
  double total = 0, dark = 0, var_dark = 0;
  for (size_t s = 0; s < strata.size(); ++s) {
    Result<Estimate> e = EstimateImpl(strata[s].second, options, Mix(s + 1));
    if (!e.ok()) {
      Status st = e.error();
      return Status::InvalidArgument("stratum " + strata[s].first + ": " + st.message(), st.fields());
    }
    out.observed += e->observed;
    if (e->total && e->wald) {
      total += *e->total;
      dark += *e->dark;
      double se = (std::log(e->wald->high - e->observed) - std::log(*e->dark)) /
                  NormalQuantile(0.5 + options.level / 2);
      var_dark += std::pow(*e->dark * se, 2);
    } else {
      all = false;
    }
    out.strata.push_back({strata[s].first, std::move(e).value()});
  }
  if (!all) {
    out.warnings.push_back({"no_estimable_model", {}});
    return out;
  }
  out.total = total;
  out.dark = dark;
  if (options.bootstrap > 0) {
    std::vector<double> sums;
    for (int i = 0; i < options.bootstrap; ++i) {
      double sum = 0;
      for (const auto& s : out.strata) sum += s.estimate.bootstrap_totals[i];
      if (std::isfinite(sum)) sums.push_back(sum);
    }
    if (sums.size() >= 2) {
      std::sort(sums.begin(), sums.end());
      double alpha = (1 - options.level) / 2;
      out.ci = Interval{options.level, QuantileType8(sums, alpha), QuantileType8(sums, 1 - alpha),
                        "bootstrap-percentile"};
      return out;
    }
  }
  // Independent strata: the variances of the dark figures add (delta method); the interval
  // is taken on the log scale of the summed dark figure, like the per-stratum ones.
  double z = NormalQuantile(0.5 + options.level / 2);
  double sigma = dark > 0 ? std::sqrt(var_dark) / dark : 0;
  out.ci = Interval{options.level, out.observed + dark * std::exp(-z * sigma),
                    out.observed + dark * std::exp(z * sigma), "wald-sum"};
  return out;
}

Result<std::vector<Term>> ParseTerms(const std::string& text, const std::vector<std::string>& lists) {
  std::vector<Term> terms;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    start = end + 1;
    if (item.find_first_not_of(" \t") == std::string::npos) {
      if (end == text.size()) break;
      continue;
    }
    Term t = 0;
    size_t p = 0;
    while (p <= item.size()) {
      size_t q = item.find(':', p);
      if (q == std::string::npos) q = item.size();
      std::string name = item.substr(p, q - p);
      name.erase(0, name.find_first_not_of(" \t"));
      name.erase(name.find_last_not_of(" \t") + 1);
      auto it = std::find(lists.begin(), lists.end(), name);
      if (it == lists.end()) return Status::Invalid({"model", "unknown_list", {{"name", name}}});
      t |= Term{1} << (it - lists.begin());
      p = q + 1;
    }
    if (std::popcount(t) < 2) return Status::Invalid({"model", "not_interaction", {{"term", item}}});
    if (std::find(terms.begin(), terms.end(), t) == terms.end()) terms.push_back(t);
  }
  return terms;
}

}  // namespace drieluik::stats
