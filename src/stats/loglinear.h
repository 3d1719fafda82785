// Poisson log-linear models for a capture-recapture table, fitted by iteratively
// reweighted least squares (IRLS).
//
// Lists are numbered 0..k-1 and a capture pattern (a cell of the 2^k table) is a bit mask:
// bit i set means "on list i". A model term is also a mask: 0 is the intercept, a single
// bit a main effect, two bits a two-list interaction, and so on; cell c has a 1 in the
// design column of term S exactly when S is a subset of c. The unobserved (all-zero) cell
// has only the intercept, so the estimated dark figure is exp(intercept).
//
// A term whose lists were never seen together (its margin is zero; a "non-overlapping
// pair") is handled as in Chan, Silverman and Vincent (2021): its parameter is minus
// infinity, so the term is left out and every cell containing it is fixed at zero.
// Before fitting, a model is checked: identifiable (the design on the remaining cells has
// full column rank) and the maximum-likelihood estimate exists (the linear program of
// Fienberg and Rinaldo 2012: a strictly positive table with the same margins exists).
//
// The sums over the design use the subset lattice (zeta transforms over 2^k cells), so
// one IRLS step costs O(k 2^k + p^3) with p parameters. A Fitter owns scratch space and is
// not thread-safe; use one per thread. CountTable is immutable and shareable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drieluik::stats {

using Term = uint32_t;

/// Counts per capture pattern, with their margins. Requires: 2 <= lists <= kMaxFitLists.
struct CountTable {
  int lists = 0;
  std::vector<double> counts;   // size 2^lists; counts[0] (the dark cell) is 0
  std::vector<double> margins;  // margins[S] = sum of counts[c] over cells c containing S
  double observed = 0;
};

inline constexpr int kMaxFitLists = 12;

/// Builds a CountTable from counts indexed by pattern (counts[0] is ignored).
CountTable MakeCountTable(int lists, std::vector<double> counts);

/// Outcome of the existence and identifiability check, and of a fit. The first values
/// match SparseMSE's checkident error codes 0..3.
enum class ModelStatus {
  kOk = 0,
  kNotExist = 1,                // no finite maximum-likelihood estimate
  kNotIdentifiable = 2,         // the design is rank deficient
  kNotExistNotIdentifiable = 3,
  kNotConverged = 4,            // IRLS did not converge (or the estimate is infinite)
};

struct ModelFit {
  ModelStatus status = ModelStatus::kNotConverged;
  std::vector<Term> terms;        // the interaction terms asked for (sorted)
  std::vector<Term> empty_terms;  // of those, the ones with a zero margin (structural zeros)
  std::vector<Term> params;       // fitted parameters: 0, main effects, the other terms
  std::vector<double> beta;       // one per params entry
  std::vector<double> mu;         // fitted value per cell (size 2^k); mu[0] = dark figure
  double dark = 0;                // exp(intercept)
  double log_dark_se = 0;         // standard error of the intercept (from the information)
  double deviance = 0;
  double loglik = 0;              // Poisson log-likelihood over the cells that are not fixed
  int num_params = 0;             // params.size() + empty_terms.size() (as SparseMSE's AIC)
  int iterations = 0;
};

class Fitter {
 public:
  explicit Fitter(const CountTable& table);

  const CountTable& table() const { return table_; }

  /// Existence and identifiability of the model with main effects plus `terms`
  /// (interaction masks, each with at least two bits, below 2^k).
  ModelStatus Check(const std::vector<Term>& terms);

  /// Fits main effects plus `terms`. With `check`, a model failing Check is returned with
  /// that status and not fitted. With `fixed_log_dark`, the intercept is held at that
  /// value (for profile likelihood). status is kOk only when IRLS converged.
  ModelFit Fit(const std::vector<Term>& terms, bool check = true,
               std::optional<double> fixed_log_dark = std::nullopt);

  /// Number of Fit calls that ran IRLS (for benchmarks).
  int64_t fits() const { return fits_; }

 private:
  struct Structure {
    std::vector<Term> params;
    std::vector<Term> empty;
    std::vector<uint8_t> keep;  // per cell
    bool kept_all_positive = true;
  };
  void Build(const std::vector<Term>& terms, Structure& s);
  bool Identifiable(const Structure& s);
  bool Exists(const Structure& s);

  const CountTable& table_;
  int64_t fits_ = 0;
  // Scratch, sized 2^k or p*p.
  std::vector<double> w_, wz_, eta_, gram_;
};

/// True when every subset of each term is also in the model (main effects always are).
bool IsHierarchical(const std::vector<Term>& terms);

/// "A:B" from list names and a term mask; "(intercept)" for 0.
std::string TermName(Term t, const std::vector<std::string>& names);

}  // namespace drieluik::stats
