// Multiple systems estimation (MSE): how many people no list saw, from the overlap between
// several organisations' lists. This is the library API the CLI (`drieluik estimate`) and
// the regional monitor call; it takes plain counts per capture pattern and never sees
// personal data.
//
// Method (see docs/formats/estimate.md): Poisson log-linear models with main effects and
// interactions (stats/loglinear.h), chosen by
//   - kMain: independence of the lists (main effects only);
//   - kStepwise: SparseMSE (Chan, Silverman and Vincent 2021): from main effects, add the
//     two-list interaction with the smallest one-sided Poisson p-value while it is below
//     the threshold, skipping interactions whose model fails the existence or
//     identifiability check;
//   - kExhaustive: every hierarchical model up to max_order, smallest AIC or BIC among
//     those that pass the check; beyond 6 lists (or too many models) a greedy forward
//     search by the same criterion (the documented fallback);
//   - kFixed: the given terms.
// Intervals: Wald on the log scale of the dark figure (as SparseMSE), profile likelihood,
// or a bootstrap that redoes the model choice on every replicate (BCa, with the
// acceleration from a jackknife over cases). The bootstrap is reproducible for a seed and
// independent of the number of threads: replicate r draws from its own generator.
//
// Thread-safety: the functions are reentrant; `progress` may be called from worker
// threads (never concurrently).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "stats/loglinear.h"

namespace drieluik::stats {

/// Counts per capture pattern. counts has 2^lists.size() entries; pattern bit i means
/// "on list i"; counts[0] (nobody saw them) must be 0.
struct CaptureTable {
  std::vector<std::string> lists;
  std::vector<int64_t> counts;

  int64_t Observed() const;
};

/// Builds a table from (pattern, count) pairs. InvalidArgument (keys "too_few_lists",
/// "too_many_lists", "all_zero_pattern", "pattern_out_of_range", "negative_count",
/// "duplicate_pattern") with the pointer "pattern <n>" on bad input.
Result<CaptureTable> MakeCaptureTable(std::vector<std::string> lists,
                                      const std::vector<std::pair<uint32_t, int64_t>>& rows);

/// Most lists a table may have (the fitter enumerates 2^lists cells).
inline constexpr int kMaxLists = kMaxFitLists;
/// Most lists for which kExhaustive enumerates every model.
inline constexpr int kMaxExhaustiveLists = 6;

enum class Method { kMain, kStepwise, kExhaustive, kFixed };
enum class Criterion { kAic, kBic };
enum class IntervalKind { kWald, kProfile };
enum class BootstrapKind {
  kParametric,     // Poisson counts from the fitted model's expected cells
  kNonparametric,  // multinomial resampling of the observed cases (SparseMSE)
};

struct EstimateOptions {
  Method method = Method::kStepwise;
  double threshold = 0.02;                // kStepwise. Default: 0.02 (SparseMSE)
  Criterion criterion = Criterion::kBic;  // kExhaustive. Default: BIC
  int max_order = 2;                      // kExhaustive: highest interaction order
  std::vector<Term> fixed_terms;          // kFixed: interaction masks
  double level = 0.95;                    // confidence level
  IntervalKind interval = IntervalKind::kWald;  // when bootstrap == 0
  int bootstrap = 0;                      // replicates; 0 = no bootstrap
  BootstrapKind bootstrap_kind = BootstrapKind::kParametric;
  uint64_t seed = 1;
  int threads = 0;                        // 0 = std::thread::hardware_concurrency()
  std::function<void(int done, int total)> progress;  // bootstrap progress
};

/// A remark about the estimate; the edge turns code and params into Dutch or English.
/// Codes: "list_empty" {list}, "model_refused" {model, reason: not_exist|not_identifiable|
/// not_exist_not_identifiable|not_converged}, "models_refused" {count, of}, "empty_overlap"
/// {term}, "no_estimable_model", "exhaustive_fallback" {lists, models},
/// "bootstrap_failures" {count, of}, "few_overlaps" {count}, "interval_open" {side},
/// "too_few_informative_lists" {count}.
struct Warning {
  std::string code;
  std::vector<std::pair<std::string, std::string>> params;

  bool operator==(const Warning&) const = default;
};

struct Interval {
  double level = 0.95;
  double low = 0;
  double high = 0;
  std::string kind;  // "wald", "profile", "bootstrap-bca", "bootstrap-percentile", "wald-sum"
};

struct Estimate {
  std::vector<std::string> lists;  // the lists used (empty lists are dropped)
  int64_t observed = 0;
  std::optional<double> total;     // absent when no model could be estimated
  std::optional<double> dark;      // total - observed
  std::vector<std::string> terms;  // model terms, e.g. "A", "B", "A:B"
  std::vector<Term> interactions;  // the chosen model's interaction masks (over `lists`)
  std::string method;              // "main", "stepwise", "exhaustive-bic", ...
  std::optional<Interval> ci;
  std::optional<Interval> wald;    // always given when an estimate exists
  std::vector<Warning> warnings;
  int64_t models_fitted = 0;       // IRLS fits, including the bootstrap's
  std::vector<double> bootstrap_totals;  // per replicate; NaN where no model was found
};

/// Estimates the population size. InvalidArgument for fewer than two lists or invalid
/// options; otherwise an Estimate, which has no numbers (and a warning) when fewer than two
/// lists saw anyone or no model passes the existence and identifiability check.
Result<Estimate> EstimatePopulation(const CaptureTable& table, const EstimateOptions& options);

struct StratumEstimate {
  std::string stratum;
  Estimate estimate;
};

struct StrataEstimate {
  std::vector<StratumEstimate> strata;
  int64_t observed = 0;
  std::optional<double> total;  // sum over strata; absent if any stratum has none
  std::optional<double> dark;
  std::optional<Interval> ci;   // bootstrap: percentiles of summed replicates; else wald-sum
  std::vector<Warning> warnings;
};

/// Estimates each stratum on its own (replicate r of stratum s uses its own generator),
/// and their sum. The first error of a stratum is returned with its name in the message.
Result<StrataEstimate> EstimateStrata(const std::vector<std::pair<std::string, CaptureTable>>& strata,
                                      const EstimateOptions& options);

/// Parses "A:B,B:C" (names joined by ':', separated by ',') into interaction masks.
/// InvalidArgument "unknown_list" {name} or "not_interaction" for main effects.
Result<std::vector<Term>> ParseTerms(const std::string& text, const std::vector<std::string>& lists);

}  // namespace drieluik::stats
