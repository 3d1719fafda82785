#include "stats/loglinear.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include "stats/simplex.h"

namespace drieluik::stats {
namespace {

// f[S] <- sum of f[c] over all c containing S. Blocked by bit so the inner loop is
// branch-free and vectorises.
void SupersetSums(std::vector<double>& f, int k) {
  const size_t n = size_t{1} << k;
  double* d = f.data();
  for (int b = 0; b < k; ++b) {
    const size_t bit = size_t{1} << b;
    for (size_t base = 0; base < n; base += 2 * bit)
      for (size_t j = base; j < base + bit; ++j) d[j] += d[j + bit];
  }
}

// f[c] <- sum of f[S] over all S contained in c.
void SubsetSums(std::vector<double>& f, int k) {
  const size_t n = size_t{1} << k;
  double* d = f.data();
  for (int b = 0; b < k; ++b) {
    const size_t bit = size_t{1} << b;
    for (size_t base = 0; base < n; base += 2 * bit)
      for (size_t j = base; j < base + bit; ++j) d[j + bit] += d[j];
  }
}

constexpr double kMaxEta = 700;  // exp stays finite
constexpr int kMaxIterations = 100;

}  // namespace

CountTable MakeCountTable(int lists, std::vector<double> counts) {
  CountTable t;
  t.lists = lists;
  counts.resize(size_t{1} << lists, 0.0);
  counts[0] = 0;
  t.counts = std::move(counts);
  t.margins = t.counts;
  SupersetSums(t.margins, lists);
  t.observed = t.margins[0];
  return t;
}

bool IsHierarchical(const std::vector<Term>& terms) {
  for (Term t : terms) {
    if (std::popcount(t) <= 2) continue;
    for (Term rest = t; rest; rest &= rest - 1) {
      Term sub = t & ~(rest & -rest);
      if (std::find(terms.begin(), terms.end(), sub) == terms.end()) return false;
    }
  }
  return true;
}

std::string TermName(Term t, const std::vector<std::string>& names) {
  if (t == 0) return "(intercept)";
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (!(t & (Term{1} << i))) continue;
    if (!out.empty()) out += ':';
    out += names[i];
  }
  return out;
}

Fitter::Fitter(const CountTable& table) : table_(table) {
  const size_t n = size_t{1} << table.lists;
  w_.resize(n);
  wz_.resize(n);
  eta_.resize(n);
}

void Fitter::Build(const std::vector<Term>& terms, Structure& s) {
  const int k = table_.lists;
  const size_t n = size_t{1} << k;
  s.params.clear();
  s.empty.clear();
  s.params.push_back(0);
  for (int i = 0; i < k; ++i) s.params.push_back(Term{1} << i);
  for (Term t : terms) {
    if (table_.margins[t] <= 0) s.empty.push_back(t); else s.params.push_back(t);
  }
  s.keep.assign(n, 1);
  s.keep[0] = 0;
  for (Term e : s.empty) {
    for (size_t c = 0; c < n; ++c) {
      if ((c & e) == e) s.keep[c] = 0;
    }
  }
  s.kept_all_positive = true;
  for (size_t c = 1; c < n; ++c) {
    if (s.keep[c] && table_.counts[c] <= 0) { s.kept_all_positive = false; break; }
  }
}

bool Fitter::Identifiable(const Structure& s) {
  const int k = table_.lists;
  const size_t n = size_t{1} << k;
  const size_t p = s.params.size();
  for (size_t c = 0; c < n; ++c) w_[c] = s.keep[c];
  SupersetSums(w_, k);
  // Gram matrix of the 0/1 design on the kept cells; integer entries. Pivoted Cholesky:
  // a pivot that vanishes relative to the largest diagonal means rank deficiency.
  gram_.assign(p * p, 0.0);
  for (size_t i = 0; i < p; ++i)
    for (size_t j = 0; j < p; ++j) gram_[i * p + j] = w_[s.params[i] | s.params[j]];
  double maxdiag = 0;
  for (size_t i = 0; i < p; ++i) maxdiag = std::max(maxdiag, gram_[i * p + i]);
  if (maxdiag <= 0) return false;
  for (size_t j = 0; j < p; ++j) {
    size_t best = j;
    for (size_t i = j + 1; i < p; ++i)
      if (gram_[i * p + i] > gram_[best * p + best]) best = i;
    if (gram_[best * p + best] <= 1e-9 * maxdiag) return false;
    if (best != j) {
      for (size_t c = 0; c < p; ++c) std::swap(gram_[j * p + c], gram_[best * p + c]);
      for (size_t r = 0; r < p; ++r) std::swap(gram_[r * p + j], gram_[r * p + best]);
    }
    // Schur complement of the pivot, kept symmetric.
    double d = gram_[j * p + j];
    for (size_t i = j + 1; i < p; ++i) {
      double f = gram_[i * p + j] / d;
      if (f == 0) continue;
      for (size_t c = j + 1; c < p; ++c) gram_[i * p + c] -= f * gram_[j * p + c];
    }
    for (size_t i = j + 1; i < p; ++i) gram_[i * p + j] = gram_[j * p + i] = 0;
  }
  return true;
}

bool Fitter::Exists(const Structure& s) {
  // A strictly positive table with the same margins as the data exists iff the MLE does
  // (Fienberg and Rinaldo 2012). The data themselves are one when no kept cell is zero.
  if (s.kept_all_positive) return true;
  const size_t n = size_t{1} << table_.lists;
  std::vector<size_t> cells;
  for (size_t c = 1; c < n; ++c)
    if (s.keep[c]) cells.push_back(c);
  const size_t p = s.params.size(), nv = cells.size() + 1;
  // Variables: x_c = u_c + s, u >= 0, s >= 0; maximise s subject to the margins.
  std::vector<double> a(p * nv, 0.0), b(p), obj(nv, 0.0);
  obj[nv - 1] = 1.0;
  double scale = std::max(1.0, table_.observed);
  for (size_t j = 0; j < p; ++j) {
    Term t = s.params[j];
    double cnt = 0;
    for (size_t v = 0; v < cells.size(); ++v) {
      if ((cells[v] & t) == t) { a[j * nv + v] = 1.0; cnt += 1; }
    }
    a[j * nv + nv - 1] = cnt;
    b[j] = table_.margins[t] / scale;
  }
  LpResult r = MaximizeStandardForm(a, b, obj);
  return r.outcome == LpOutcome::kOptimal && r.objective > 1e-9;
}

ModelStatus Fitter::Check(const std::vector<Term>& terms) {
  Structure s;
  Build(terms, s);
  int code = 0;
  if (!Exists(s)) code |= 1;
  if (!Identifiable(s)) code |= 2;
  return static_cast<ModelStatus>(code);
}

ModelFit Fitter::Fit(const std::vector<Term>& terms, bool check,
                     std::optional<double> fixed_log_dark) {
  ModelFit fit;
  fit.terms = terms;
  std::sort(fit.terms.begin(), fit.terms.end());
  Structure s;
  Build(fit.terms, s);
  fit.empty_terms = s.empty;
  fit.num_params = static_cast<int>(s.params.size() + s.empty.size());
  // Existence is settled before fitting only when cheap: with no zero cell left the data
  // are their own positive table. Otherwise a converged fit whose fitted values are all
  // clearly positive and reproduce the margins is itself the positive table of Fienberg
  // and Rinaldo's criterion, and the linear program runs only when that certificate fails.
  bool need_lp = false;
  if (check) {
    if (!Identifiable(s)) {
      fit.status = Exists(s) ? ModelStatus::kNotIdentifiable : ModelStatus::kNotExistNotIdentifiable;
      fit.params = s.params;
      return fit;
    }
    need_lp = !s.kept_all_positive;
  }
  auto refuse_if_not_exists = [&](ModelFit& f) {
    if (need_lp && !Exists(s)) f.status = ModelStatus::kNotExist;
    return f;
  };
  ++fits_;
  const int k = table_.lists;
  const size_t n = size_t{1} << k;
  const auto& y = table_.counts;
  // Parameters actually solved for: all but the intercept when it is held fixed.
  std::vector<Term> solve = s.params;
  double offset = 0;
  if (fixed_log_dark) {
    solve.erase(solve.begin());
    offset = *fixed_log_dark;
  }
  const size_t p = solve.size();
  std::vector<double> mu(n, 0.0), eta(n, 0.0);
  for (size_t c = 1; c < n; ++c) {
    if (!s.keep[c]) continue;
    mu[c] = y[c] + 0.1;  // as R's poisson()$initialize
    eta[c] = std::log(mu[c]);
  }
  // Deviance 2 sum[y log(y/mu) - (y - mu)] = 2 sum[y log y - y - y eta + mu]; the y log y
  // part is a constant, so an iteration needs no logarithms.
  double ylogy = 0;
  for (size_t c = 1; c < n; ++c)
    if (s.keep[c] && y[c] > 0) ylogy += y[c] * std::log(y[c]) - y[c];
  auto deviance_of = [&](const std::vector<double>& m, const std::vector<double>& e) {
    double dev = ylogy;
    for (size_t c = 1; c < n; ++c) {
      if (!s.keep[c]) continue;
      dev += m[c] - y[c] * e[c];
    }
    return 2 * dev;
  };
  Eigen::MatrixXd info(p, p);
  Eigen::VectorXd rhs(p), beta(p), beta_old(p);
  Eigen::LLT<Eigen::MatrixXd> llt(static_cast<Eigen::Index>(p));
  auto build_system = [&](const std::vector<double>& m, const std::vector<double>& e) {
    for (size_t c = 0; c < n; ++c) {
      if (c == 0 || !s.keep[c]) { w_[c] = 0; wz_[c] = 0; continue; }
      w_[c] = m[c];
      wz_[c] = m[c] * (e[c] - offset) + (y[c] - m[c]);  // w * z, z = eta + (y - mu)/mu
    }
    SupersetSums(w_, k);
    SupersetSums(wz_, k);
    for (size_t i = 0; i < p; ++i) {
      rhs[static_cast<Eigen::Index>(i)] = wz_[solve[i]];
      for (size_t j = 0; j <= i; ++j) {
        double v = w_[solve[i] | solve[j]];
        info(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v;
        info(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)) = v;
      }
    }
    llt.compute(info);
    return llt.info() == Eigen::Success;
  };
  auto predict = [&](const Eigen::VectorXd& b, std::vector<double>& m, std::vector<double>& e) {
    std::fill(eta_.begin(), eta_.end(), 0.0);
    for (size_t i = 0; i < p; ++i) eta_[solve[i]] = b[static_cast<Eigen::Index>(i)];
    SubsetSums(eta_, k);
    for (size_t c = 1; c < n; ++c) {
      if (!s.keep[c]) { m[c] = 0; e[c] = 0; continue; }
      e[c] = std::clamp(eta_[c] + offset, -kMaxEta, kMaxEta);
      m[c] = std::exp(e[c]);
    }
  };
  double dev_old = deviance_of(mu, eta);
  bool converged = false;
  bool have_beta = false;
  std::vector<double> mu_new(n, 0.0), eta_new(n, 0.0);
  int it = 0;
  for (it = 1; it <= kMaxIterations; ++it) {
    if (!build_system(mu, eta)) break;
    beta = llt.solve(rhs);
    predict(beta, mu_new, eta_new);
    double dev = deviance_of(mu_new, eta_new);
    // Step halving when the deviance is not finite or rises (R's glm.fit halves on the
    // former; the latter guards the rare oscillation with near-zero fitted cells).
    for (int h = 0; have_beta && h < 30 && (!std::isfinite(dev) || dev > dev_old * (1 + 1e-12) + 1e-9);
         ++h) {
      beta = 0.5 * (beta + beta_old);
      predict(beta, mu_new, eta_new);
      dev = deviance_of(mu_new, eta_new);
    }
    if (!std::isfinite(dev)) break;
    mu.swap(mu_new);
    eta.swap(eta_new);
    beta_old = beta;
    have_beta = true;
    bool done = std::fabs(dev - dev_old) / (std::fabs(dev) + 0.1) < 1e-10;
    dev_old = dev;
    if (done) { converged = true; break; }
  }
  fit.iterations = it;
  fit.params = s.params;
  fit.deviance = dev_old;
  if (!converged || !build_system(mu, eta)) {
    fit.status = ModelStatus::kNotConverged;
    return refuse_if_not_exists(fit);
  }
  // Standard error of the intercept from the inverse information at the fitted values.
  fit.beta.assign(s.params.size(), 0.0);
  if (fixed_log_dark) {
    fit.beta[0] = offset;
    for (size_t i = 0; i < p; ++i) fit.beta[i + 1] = beta[static_cast<Eigen::Index>(i)];
    fit.log_dark_se = 0;
  } else {
    for (size_t i = 0; i < p; ++i) fit.beta[i] = beta[static_cast<Eigen::Index>(i)];
    Eigen::VectorXd e0 = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(p));
    e0[0] = 1;
    fit.log_dark_se = std::sqrt(std::max(0.0, llt.solve(e0)[0]));
  }
  double loglik = 0;
  for (size_t c = 1; c < n; ++c) {
    if (!s.keep[c]) continue;
    loglik += (y[c] > 0 ? y[c] * std::log(mu[c]) : 0.0) - mu[c] - std::lgamma(y[c] + 1);
  }
  fit.loglik = loglik;
  fit.dark = std::exp(fit.beta[0]);
  mu[0] = fit.dark;
  fit.mu = std::move(mu);
  fit.status = std::isfinite(fit.dark) && fit.beta[0] < 50 ? ModelStatus::kOk
                                                            : ModelStatus::kNotConverged;
  if (need_lp && fit.status == ModelStatus::kOk) {
    // Certificate: min fitted value of a kept cell, and the margins of the fit.
    double min_mu = std::numeric_limits<double>::infinity();
    for (size_t c = 1; c < n; ++c)
      if (s.keep[c]) min_mu = std::min(min_mu, fit.mu[c]);
    bool certified = min_mu > 1e-3;
    if (certified) {
      for (size_t c = 0; c < n; ++c) w_[c] = c == 0 ? 0.0 : fit.mu[c];
      SupersetSums(w_, k);
      for (Term t : s.params) {
        if (std::fabs(w_[t] - table_.margins[t]) > 1e-6 * std::max(1.0, table_.margins[t])) {
          certified = false;
          break;
        }
      }
    }
    if (!certified) return refuse_if_not_exists(fit);
  }
  return fit;
}

}  // namespace drieluik::stats
