// Probabilistic record linkage within one organisation (Fellegi-Sunter, as Splink and
// fastLink do it), on plain records: rows of strings under named columns. Nothing here knows
// of signals or cases.
//
// Flow: LinkSettings say how each column is compared (comparison.h) and which blocking rules
// produce the candidate pairs. LinkModel::Train then, without labels,
//   - estimates u (probability of each level among non-matches) from random record pairs,
//   - estimates m (probability of each level among matches) by expectation-maximisation, one
//     session per training blocking rule, leaving out the columns that rule blocks on,
//   - estimates the prior match probability by EM over the candidate pairs with m, u fixed,
//   - keeps term frequencies for columns with term_frequency (the exact level of a common
//     value weighs less: its u becomes the value's frequency).
// A pair's match weight is log2(prior odds) + the sum over columns of log2(m/u) at the
// pair's level; its match probability is 2^w / (1 + 2^w). Predict scores the candidate pairs;
// ClusterPairs joins pairs above a threshold into entities (connected components).
//
// In-process use (e.g. GET /api/v1/signals/{id}/links): train once on the organisation's
// records, then call LinkModel::ScoreAgainst(probe, candidates, min_probability) with plain
// value rows in the model's column order; each ScoredPair carries every column's level and
// weight, which is the "why" to show a person:
//
//   RecordTable table{{"id", "name", "dob", "city"}, rows, std::vector<std::uint8_t>(rows.size())};
//   std::vector<std::string> how;
//   LinkSettings settings = AutoLinkSettings(table, {"id"}, &how);   // or ParseLinkSettings
//   Result<LinkModel> model = LinkModel::Train(table, LinkMode::kDedupe, settings);
//   for (const ScoredPair& p : model->ScoreAgainst(rows[i], rows, 0.5))
//     for (const FieldContribution& f : p.fields) ...  // f.column, f.level, f.weight
//
// (ScoreAgainst compares with every candidate given; pick candidates cheaply first, e.g. by
// a blocking key, when there are many. The probe itself, if among the candidates, scores too.)
//
// A trained LinkModel is immutable and may be shared between threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "link/comparison.h"

namespace drieluik::link {

/// Records to link: `rows[i][k]` is the value of `columns[k]`; `source[i]` says which file a
/// record came from (all 0 for deduplication; 0 and 1 for linking two files).
struct RecordTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::uint8_t> source;
};

enum class LinkMode {
  kDedupe,    // every pair of records
  kLinkOnly,  // only pairs of records from different sources
};

/// One part of a blocking key: a column's normalised value, or its first `prefix` characters.
struct BlockingKey {
  std::string column;
  int prefix = 0;  // 0: the whole value
};
/// Pairs agreeing on every key of the rule (and no key missing) are candidates.
struct BlockingRule {
  std::vector<BlockingKey> keys;
};

/// "surname[:3]&dob" <-> rule; InvalidArgument (key "blocking_rule") on a malformed text.
Result<BlockingRule> ParseBlockingRule(std::string_view text);
std::string BlockingRuleText(const BlockingRule& rule);

struct LinkSettings {
  std::vector<ComparisonSpec> comparisons;
  std::vector<BlockingRule> blocking;  // candidate pairs for prediction
  std::vector<BlockingRule> training;  // EM sessions; empty = the blocking rules
  double threshold = 0.5;              // match probability for linked pairs and clusters
  std::size_t u_sample_pairs = 1'000'000;  // random pairs for u; all pairs when fewer
  int em_iterations = 25;
  std::uint64_t seed = 1;
};

/// Reads settings JSON (docs/formats/linkage.md):
/// {"comparisons": [{"column": "surname", "kind": "name", "termFrequency": true,
///   "thresholds": [0.92, 0.88], "swapColumn": "first_name"}], "blocking": ["surname", "dob[:4]&postcode"],
///  "training": [...], "threshold": 0.5, "uSamplePairs": 1000000, "emIterations": 25,
///  "seed": 1}.
/// InvalidArgument with the JSON pointer of the problem, also when a column is not in
/// `columns` (key "unknown_column").
Result<LinkSettings> ParseLinkSettings(std::string_view json_text,
                                       const std::vector<std::string>& columns);
std::string LinkSettingsToJson(const LinkSettings& settings);

/// Chooses comparisons and blocking rules from column names and values, for all columns
/// except `skip` (id and truth columns). Appends one line per choice to `explanation`
/// ("surname: name (Jaro-Winkler), term frequencies", "blocking: surname (~1,234 pairs)").
LinkSettings AutoLinkSettings(const RecordTable& table, const std::vector<std::string>& skip,
                              std::vector<std::string>* explanation);

/// One column's part in a pair's match weight.
struct FieldContribution {
  std::string column;
  std::string level;   // LevelLabel
  double weight = 0;   // log2(m/u) at that level, term-frequency adjustment included
};

struct ScoredPair {
  std::uint32_t a = 0;  // row indices (into the table, or into ScoreAgainst's candidates)
  std::uint32_t b = 0;
  double match_weight = 0;
  double probability = 0;
  std::vector<FieldContribution> fields;
};

/// What training found, for people and for tests.
struct TrainingReport {
  std::size_t u_pairs_sampled = 0;
  std::size_t candidate_pairs = 0;
  double prior = 0;  // probability that two random records match
  std::vector<std::vector<double>> m, u;  // [comparison][level]
  std::vector<std::string> notes;
};

class LinkModel {
 public:
  /// Trains on `table`. InvalidArgument when a comparison or blocking column is not in the
  /// table, when there are no comparisons, or when link mode has not two sources.
  static Result<LinkModel> Train(const RecordTable& table, LinkMode mode,
                                 const LinkSettings& settings);

  /// The candidate pairs of the training table with probability >= min_probability, sorted by
  /// (a, b), each with its field contributions.
  std::vector<ScoredPair> Predict(double min_probability) const;

  /// Scores `probe` against each candidate (rows of values in columns() order) and returns
  /// those with probability >= min_probability, best first; ScoredPair::a is 0, b the
  /// candidate's index. No blocking: every candidate is compared.
  std::vector<ScoredPair> ScoreAgainst(const std::vector<std::string>& probe,
                                       const std::vector<std::vector<std::string>>& candidates,
                                       double min_probability) const;

  const std::vector<std::string>& columns() const { return columns_; }
  const LinkSettings& settings() const { return settings_; }
  const TrainingReport& report() const { return report_; }
  std::size_t size() const { return rows_; }

 private:
  LinkModel() = default;
  std::uint8_t Level(std::size_t comparison, std::uint32_t a, std::uint32_t b) const;
  ScoredPair ScoreLevels(std::uint32_t a, std::uint32_t b, const std::vector<std::uint8_t>& levels,
                         const std::vector<std::string_view>& exact_values) const;

  LinkSettings settings_;
  std::vector<std::string> columns_;
  std::size_t rows_ = 0;
  std::vector<std::size_t> column_of_;  // comparison -> column index
  std::vector<int> swap_of_;            // comparison -> comparison of its swap column, or -1
  std::vector<std::vector<std::string>> normal_;  // [comparison][row]
  std::vector<std::unordered_map<std::string, double>> tf_;  // [comparison] value -> frequency
  std::vector<double> tf_floor_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates_;
  std::vector<std::vector<double>> log2_bf_;  // [comparison][level] log2(m/u)
  std::vector<double> log2_u_exact_;
  double log2_prior_odds_ = 0;
  TrainingReport report_;
};

/// Entities from linked pairs (probability >= threshold). Pairs are taken by descending
/// probability; the entities of a pair's records merge when at least `min_link_share` of all
/// record pairs between them are linked (0: plain connected components, as Splink does).
/// Returns for each of `n` records the index of the first record of its entity.
/// Default: min_link_share 0.5.
std::vector<std::uint32_t> ClusterPairs(std::size_t n, const std::vector<ScoredPair>& pairs,
                                        double threshold, double min_link_share = 0.5);

}  // namespace drieluik::link
