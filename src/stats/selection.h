// Model choice for multiple systems estimation: main effects, SparseMSE's stepwise
// selection, exhaustive search by AIC/BIC (with a greedy fallback), or a fixed model.
// Internal to drieluik_stats (the public entry point is stats/mse.h). Reentrant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "stats/loglinear.h"
#include "stats/mse.h"

namespace drieluik::stats {

struct SelectionOptions {
  Method method = Method::kStepwise;
  double threshold = 0.02;
  Criterion criterion = Criterion::kBic;
  int max_order = 2;
  std::vector<Term> fixed_terms;
  int threads = 1;  // for the exhaustive search only
  // Enumerated models for kExhaustive, shared between bootstrap replicates; built on
  // demand when null.
  const std::vector<std::vector<Term>>* space = nullptr;
};

struct Selection {
  std::optional<ModelFit> fit;  // the chosen, converged model; nullopt when none passes
  int64_t fits = 0;             // IRLS runs
  int64_t checked = 0;          // models considered
  int64_t refused = 0;          // of those, failing the check or IRLS
  ModelStatus main_status = ModelStatus::kOk;  // kMain/kFixed: why the model was refused
  bool fallback = false;        // kExhaustive used the greedy search
};

/// Every hierarchical model with interactions of order 2..max_order over `lists` lists,
/// in a fixed order (for order 2: by the bit pattern of the included pairs, pairs ordered
/// (0,1), (0,2), ..., (1,2), ...). nullopt when there would be more than `cap` models.
std::optional<std::vector<std::vector<Term>>> EnumerateHierarchical(int lists, int max_order,
                                                                     size_t cap);

/// Criterion value (smaller is better): -2 loglik + penalty * num_params, with penalty 2
/// (AIC) or log(observed) (BIC).
double CriterionValue(const ModelFit& fit, Criterion c, double observed);

/// Chooses and fits a model on `table`.
Selection SelectModel(const CountTable& table, const SelectionOptions& options);

/// Exhaustive enumeration cap used by SelectModel (2^15 two-way models of 6 lists fit).
inline constexpr size_t kMaxEnumeratedModels = size_t{1} << 16;

}  // namespace drieluik::stats
