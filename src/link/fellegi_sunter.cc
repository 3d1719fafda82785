#include "link/fellegi_sunter.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <unordered_set>

#include <nlohmann/json.hpp>

namespace drieluik::link {
namespace {

using nlohmann::json;

Status SettingsError(const std::string& pointer, const std::string& key, std::string detail = "") {
  std::string message =
      "settings " + pointer + ": " + key + (detail.empty() ? "" : ": " + detail);
  FieldError field{pointer, key, {}};
  if (!detail.empty()) field.params.push_back({"detail", detail});
  return Status::InvalidArgument(std::move(message), {std::move(field)});
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), ::tolower);
  return s;
}

bool Has(const std::string& s, std::initializer_list<const char*> parts) {
  for (const char* p : parts) {
    if (s.find(p) != std::string::npos) return true;
  }
  return false;
}

std::string Prefix(const std::string& v, int n) {
  if (n <= 0) return v;
  // n characters, not bytes: stop before the n+1-th code point.
  std::size_t i = 0;
  int count = 0;
  while (i < v.size() && count < n) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    ++count;
  }
  return v.substr(0, std::min(i, v.size()));
}

std::uint64_t PairKey(std::uint32_t a, std::uint32_t b) {
  return (static_cast<std::uint64_t>(a) << 32) | b;
}

// Candidate pairs (a < b) agreeing on every key of `rule`; in link mode only across sources.
std::vector<std::pair<std::uint32_t, std::uint32_t>> BlockPairs(
    const RecordTable& table, LinkMode mode, const BlockingRule& rule,
    const std::vector<std::size_t>& key_columns) {
  std::unordered_map<std::string, std::vector<std::uint32_t>> groups;
  for (std::uint32_t r = 0; r < table.rows.size(); ++r) {
    std::string key;
    bool missing = false;
    for (std::size_t k = 0; k < rule.keys.size(); ++k) {
      std::string v = NormaliseValue(ComparisonKind::kString, table.rows[r][key_columns[k]]);
      if (v.empty()) {
        missing = true;
        break;
      }
      key += Prefix(v, rule.keys[k].prefix);
      key += '\x1f';
    }
    if (!missing) groups[key].push_back(r);
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (const auto& [key, members] : groups) {
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (std::size_t j = i + 1; j < members.size(); ++j) {
        std::uint32_t a = members[i], b = members[j];
        if (mode == LinkMode::kLinkOnly && table.source[a] == table.source[b]) continue;
        pairs.push_back({a, b});
      }
    }
  }
  return pairs;
}

// Pairs a rule would produce (within one source, an upper bound for link mode).
double ExpectedBlockPairs(const RecordTable& table, const BlockingRule& rule) {
  std::vector<std::size_t> cols;
  for (const auto& k : rule.keys) {
    cols.push_back(static_cast<std::size_t>(
        std::find(table.columns.begin(), table.columns.end(), k.column) - table.columns.begin()));
  }
  std::unordered_map<std::string, double> counts;
  for (const auto& row : table.rows) {
    std::string key;
    bool missing = false;
    for (std::size_t k = 0; k < cols.size() && !missing; ++k) {
      std::string v = NormaliseValue(ComparisonKind::kString, row[cols[k]]);
      missing = v.empty();
      key += Prefix(v, rule.keys[k].prefix) + '\x1f';
    }
    if (!missing) counts[key] += 1;
  }
  double pairs = 0;
  for (const auto& [v, c] : counts) pairs += c * (c - 1) / 2;
  return pairs;
}

}  // namespace

Result<BlockingRule> ParseBlockingRule(std::string_view text) {
  BlockingRule rule;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t amp = text.find('&', start);
    std::string_view part = text.substr(start, amp == std::string_view::npos ? amp : amp - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    BlockingKey key;
    std::size_t bracket = part.find("[:");
    if (bracket != std::string_view::npos) {
      if (part.back() != ']') {
        return Status::InvalidArgument("blocking rule \"" + std::string(text) + "\": expected ]",
                                       {FieldError{std::string(text), "blocking_rule", {}}});
      }
      std::string n(part.substr(bracket + 2, part.size() - bracket - 3));
      char* end = nullptr;
      long v = std::strtol(n.c_str(), &end, 10);
      if (n.empty() || *end != '\0' || v < 1 || v > 100) {
        return Status::InvalidArgument(
            "blocking rule \"" + std::string(text) + "\": bad prefix length \"" + n + "\"",
            {FieldError{std::string(text), "blocking_rule", {}}});
      }
      key.prefix = static_cast<int>(v);
      part = part.substr(0, bracket);
    }
    if (part.empty()) {
      return Status::InvalidArgument("blocking rule \"" + std::string(text) + "\": empty column",
                                     {FieldError{std::string(text), "blocking_rule", {}}});
    }
    key.column = std::string(part);
    rule.keys.push_back(key);
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return rule;
}

std::string BlockingRuleText(const BlockingRule& rule) {
  std::string out;
  for (const auto& k : rule.keys) {
    if (!out.empty()) out += "&";
    out += k.column;
    if (k.prefix > 0) out += "[:" + std::to_string(k.prefix) + "]";
  }
  return out;
}

Result<LinkSettings> ParseLinkSettings(std::string_view json_text,
                                       const std::vector<std::string>& columns) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    return SettingsError("/", "json_syntax", "byte " + std::to_string(e.byte));
  }
  if (!doc.is_object()) return SettingsError("/", "expected_object");
  auto known = [&](const std::string& c) {
    return std::find(columns.begin(), columns.end(), c) != columns.end();
  };
  LinkSettings s;
  try {
    if (!doc.contains("comparisons") || !doc["comparisons"].is_array()) {
      return SettingsError("/comparisons", "required");
    }
    for (std::size_t i = 0; i < doc["comparisons"].size(); ++i) {
      const json& c = doc["comparisons"][i];
      std::string at = "/comparisons/" + std::to_string(i);
      if (!c.is_object() || !c.contains("column") || !c["column"].is_string()) {
        return SettingsError(at + "/column", "required");
      }
      ComparisonSpec spec;
      spec.column = c["column"].get<std::string>();
      if (!known(spec.column)) return SettingsError(at + "/column", "unknown_column", spec.column);
      if (c.contains("kind")) {
        if (!c["kind"].is_string()) return SettingsError(at + "/kind", "expected_string");
        auto kind = ParseComparisonKind(c["kind"].get<std::string>());
        if (!kind.ok()) return SettingsError(at + "/kind", "enum", c["kind"].get<std::string>());
        spec.kind = *kind;
      }
      if (c.contains("termFrequency")) {
        if (!c["termFrequency"].is_boolean()) {
          return SettingsError(at + "/termFrequency", "expected_boolean");
        }
        spec.term_frequency = c["termFrequency"].get<bool>();
      }
      if (c.contains("swapColumn")) {
        if (!c["swapColumn"].is_string()) return SettingsError(at + "/swapColumn", "expected_string");
        spec.swap_column = c["swapColumn"].get<std::string>();
        if (!known(spec.swap_column)) {
          return SettingsError(at + "/swapColumn", "unknown_column", spec.swap_column);
        }
      }
      if (c.contains("thresholds")) {
        const json& t = c["thresholds"];
        if (!t.is_array()) return SettingsError(at + "/thresholds", "expected_array");
        for (std::size_t k = 0; k < t.size(); ++k) {
          if (!t[k].is_number() || t[k].get<double>() <= 0 || t[k].get<double>() > 1 ||
              (k > 0 && t[k].get<double>() >= t[k - 1].get<double>())) {
            return SettingsError(at + "/thresholds/" + std::to_string(k), "descending_in_0_1");
          }
          spec.thresholds.push_back(t[k].get<double>());
        }
        if (spec.thresholds.size() > 8) return SettingsError(at + "/thresholds", "max_items", "8");
      }
      s.comparisons.push_back(spec);
    }
    if (s.comparisons.empty()) return SettingsError("/comparisons", "min_items", "1");
    for (const char* name : {"blocking", "training"}) {
      if (!doc.contains(name)) continue;
      const json& rules = doc[name];
      if (!rules.is_array()) return SettingsError(std::string("/") + name, "expected_array");
      for (std::size_t i = 0; i < rules.size(); ++i) {
        std::string at = std::string("/") + name + "/" + std::to_string(i);
        if (!rules[i].is_string()) return SettingsError(at, "expected_string");
        auto rule = ParseBlockingRule(rules[i].get<std::string>());
        if (!rule.ok()) return SettingsError(at, "blocking_rule", rule.error().message());
        for (const auto& k : rule->keys) {
          if (!known(k.column)) return SettingsError(at, "unknown_column", k.column);
        }
        (std::string(name) == "blocking" ? s.blocking : s.training).push_back(*rule);
      }
    }
    if (s.blocking.empty()) return SettingsError("/blocking", "min_items", "1");
    if (doc.contains("threshold")) {
      if (!doc["threshold"].is_number()) return SettingsError("/threshold", "expected_number");
      s.threshold = doc["threshold"].get<double>();
      if (s.threshold <= 0 || s.threshold >= 1) return SettingsError("/threshold", "range_0_1");
    }
    if (doc.contains("uSamplePairs")) {
      if (!doc["uSamplePairs"].is_number_unsigned()) {
        return SettingsError("/uSamplePairs", "expected_positive_integer");
      }
      s.u_sample_pairs = doc["uSamplePairs"].get<std::size_t>();
    }
    if (doc.contains("emIterations")) {
      if (!doc["emIterations"].is_number_unsigned()) {
        return SettingsError("/emIterations", "expected_positive_integer");
      }
      s.em_iterations = doc["emIterations"].get<int>();
    }
    if (doc.contains("seed")) {
      if (!doc["seed"].is_number_unsigned()) return SettingsError("/seed", "expected_positive_integer");
      s.seed = doc["seed"].get<std::uint64_t>();
    }
  } catch (const json::exception& e) {
    return SettingsError("/", "json_type", e.what());
  }
  return s;
}

std::string LinkSettingsToJson(const LinkSettings& s) {
  json doc;
  json comps = json::array();
  for (const auto& c : s.comparisons) {
    json j = {{"column", c.column}, {"kind", ComparisonKindName(c.kind)}};
    if (c.term_frequency) j["termFrequency"] = true;
    if (!c.thresholds.empty()) j["thresholds"] = c.thresholds;
    if (!c.swap_column.empty()) j["swapColumn"] = c.swap_column;
    comps.push_back(j);
  }
  doc["comparisons"] = comps;
  doc["blocking"] = json::array();
  for (const auto& r : s.blocking) doc["blocking"].push_back(BlockingRuleText(r));
  if (!s.training.empty()) {
    doc["training"] = json::array();
    for (const auto& r : s.training) doc["training"].push_back(BlockingRuleText(r));
  }
  doc["threshold"] = s.threshold;
  doc["uSamplePairs"] = s.u_sample_pairs;
  doc["emIterations"] = s.em_iterations;
  doc["seed"] = s.seed;
  return doc.dump(2);
}

LinkSettings AutoLinkSettings(const RecordTable& table, const std::vector<std::string>& skip,
                              std::vector<std::string>* explanation) {
  LinkSettings s;
  const double n = static_cast<double>(table.rows.size());
  const double max_block_pairs = std::max(2e6, 50 * n);
  std::vector<std::string> whys;
  std::vector<BlockingRule> proposed;
  std::string first_name, last_name, date;
  for (std::size_t k = 0; k < table.columns.size(); ++k) {
    const std::string& column = table.columns[k];
    if (std::find(skip.begin(), skip.end(), column) != skip.end()) continue;
    const std::string name = Lower(column);
    std::size_t filled = 0, numeric = 0, datelike = 0;
    std::unordered_set<std::string> distinct;
    for (const auto& row : table.rows) {
      std::string v = NormaliseValue(ComparisonKind::kString, row[k]);
      if (v.empty()) continue;
      ++filled;
      distinct.insert(v);
      char* end = nullptr;
      std::strtod(v.c_str(), &end);
      if (*end == '\0') ++numeric;
      std::string d = NormaliseValue(ComparisonKind::kDate, v);
      if (d.size() == 8 && std::all_of(d.begin(), d.end(), ::isdigit) && v.size() >= 8 &&
          v.size() <= 10 && (d[0] == '1' || d[0] == '2')) {
        ++datelike;
      }
    }
    if (filled == 0) {
      if (explanation) explanation->push_back(column + ": skipped (no values)");
      continue;
    }
    ComparisonSpec spec;
    spec.column = column;
    std::string why;
    const double fill = static_cast<double>(filled);
    if (Has(name, {"email", "e-mail", "mail"})) {
      spec.kind = ComparisonKind::kEmail;
      why = "e-mail (exact, same user, Jaro-Winkler)";
    } else if (Has(name, {"dob", "birth", "geboorte", "date", "datum"}) || datelike >= 0.9 * fill) {
      spec.kind = ComparisonKind::kDate;
      why = "date (exact, typo, day-month swap, within 31 / 365 days, two typos)";
    } else if (Has(name, {"postcode", "zip", "post_code"})) {
      spec.kind = ComparisonKind::kPostcode;
      why = "postcode (exact, typo, same first half)";
    } else if (Has(name, {"phone", "telefoon", "mobile", "mobiel"})) {
      spec.kind = ComparisonKind::kPhone;
      why = "phone (digits exact, same last 7, typo)";
    } else if (Has(name, {"soc_sec", "ssn", "bsn", "passport", "paspoort"}) ||
               (numeric >= 0.9 * fill && distinct.size() >= 0.8 * fill)) {
      spec.kind = ComparisonKind::kIdentifier;
      why = "identifier (exact, one typo)";
    } else if (Has(name, {"name", "naam", "given", "first", "surname", "last", "voornaam",
                          "achternaam"})) {
      spec.kind = ComparisonKind::kName;
      spec.term_frequency = true;
      why = "name (exact, Jaro-Winkler 0.92 / 0.88 / 0.70), term frequencies";
    } else if (numeric >= 0.9 * fill) {
      spec.kind = ComparisonKind::kNumeric;
      why = "number (exact, within 1, within 10 %)";
    } else if (distinct.size() <= 20) {
      spec.kind = ComparisonKind::kExact;
      spec.term_frequency = true;
      why = "category (exact), term frequencies";
    } else {
      spec.kind = ComparisonKind::kString;
      spec.term_frequency = true;
      why = "text (exact, Jaro-Winkler 0.92 / 0.80), term frequencies";
    }
    s.comparisons.push_back(spec);
    whys.push_back(why);
    if (spec.kind != ComparisonKind::kExact && spec.kind != ComparisonKind::kNumeric &&
        distinct.size() > 20) {
      proposed.push_back({{{column, 0}}});
    }
    if (Has(name, {"first", "given", "voornaam", "fore"})) first_name = column;
    if (Has(name, {"surname", "last", "achternaam", "family"})) last_name = column;
    if (spec.kind == ComparisonKind::kDate) date = column;
  }
  // First name and surname written in each other's place get their own level.
  if (!first_name.empty() && !last_name.empty()) {
    for (std::size_t c = 0; c < s.comparisons.size(); ++c) {
      auto& spec = s.comparisons[c];
      if (spec.column == first_name || spec.column == last_name) {
        spec.swap_column = spec.column == first_name ? last_name : first_name;
        whys[c] += ", swapped with " + spec.swap_column;
      }
    }
    proposed.push_back({{{first_name, 2}, {last_name, 2}}});
  }
  if (!date.empty() && !first_name.empty()) proposed.push_back({{{date, 4}, {first_name, 1}}});
  if (!date.empty() && !last_name.empty()) proposed.push_back({{{date, 4}, {last_name, 1}}});
  if (explanation) {
    for (std::size_t c = 0; c < s.comparisons.size(); ++c) {
      explanation->push_back(s.comparisons[c].column + ": " + whys[c]);
    }
  }
  // Block on each proposed rule that gives a manageable number of pairs.
  for (const auto& rule : proposed) {
    double pairs = ExpectedBlockPairs(table, rule);
    if (pairs > max_block_pairs) {
      if (explanation) {
        explanation->push_back("not blocking on " + BlockingRuleText(rule) + " (" +
                               std::to_string(static_cast<long long>(pairs)) + " pairs)");
      }
      continue;
    }
    s.blocking.push_back(rule);
    if (explanation) {
      explanation->push_back("blocking: " + BlockingRuleText(rule) + " (" +
                             std::to_string(static_cast<long long>(pairs)) + " pairs)");
    }
  }
  if (s.blocking.empty() && !s.comparisons.empty()) {
    s.blocking.push_back({{{s.comparisons.front().column, 0}}});
    if (explanation) explanation->push_back("blocking: " + s.comparisons.front().column);
  }
  return s;
}

Result<LinkModel> LinkModel::Train(const RecordTable& table, LinkMode mode,
                                   const LinkSettings& settings) {
  if (settings.comparisons.empty()) {
    return Status::InvalidArgument("no comparisons", {FieldError{"comparisons", "min_items", {}}});
  }
  auto column_index = [&](const std::string& name) -> Result<std::size_t> {
    for (std::size_t k = 0; k < table.columns.size(); ++k) {
      if (table.columns[k] == name) return k;
    }
    return Status::InvalidArgument("unknown column \"" + name + "\"",
                                   {FieldError{name, "unknown_column", {}}});
  };
  LinkModel model;
  model.settings_ = settings;
  model.columns_ = table.columns;
  model.rows_ = table.rows.size();
  const std::size_t nc = settings.comparisons.size();
  const std::size_t n = table.rows.size();
  for (const auto& c : settings.comparisons) {
    auto k = column_index(c.column);
    if (!k.ok()) return k.error();
    model.column_of_.push_back(*k);
  }
  for (const auto& c : settings.comparisons) {
    int found = -1;
    if (!c.swap_column.empty()) {
      for (std::size_t k = 0; k < nc; ++k) {
        if (settings.comparisons[k].column == c.swap_column) found = static_cast<int>(k);
      }
      if (found < 0) {
        return Status::InvalidArgument(
            "swap column \"" + c.swap_column + "\" of " + c.column + " is not compared",
            {FieldError{c.column, "swap_column_not_compared", {}}});
      }
    }
    model.swap_of_.push_back(found);
  }
  std::vector<std::uint32_t> left, right;  // link mode: rows of source 0 and 1
  if (mode == LinkMode::kLinkOnly) {
    if (table.source.size() != n) {
      return Status::InvalidArgument("link mode needs a source per record",
                                     {FieldError{"source", "required", {}}});
    }
    for (std::uint32_t r = 0; r < n; ++r) (table.source[r] == 0 ? left : right).push_back(r);
    if (left.empty() || right.empty()) {
      return Status::InvalidArgument("link mode needs records from two sources",
                                     {FieldError{"source", "two_sources", {}}});
    }
  }

  // Normal forms and term frequencies.
  model.normal_.assign(nc, std::vector<std::string>(n));
  model.tf_.assign(nc, {});
  model.tf_floor_.assign(nc, 1.0);
  for (std::size_t c = 0; c < nc; ++c) {
    std::size_t filled = 0;
    for (std::size_t r = 0; r < n; ++r) {
      model.normal_[c][r] =
          NormaliseValue(settings.comparisons[c].kind, table.rows[r][model.column_of_[c]]);
      if (!model.normal_[c][r].empty()) {
        ++filled;
        if (settings.comparisons[c].term_frequency) model.tf_[c][model.normal_[c][r]] += 1;
      }
    }
    if (filled > 0) {
      for (auto& [v, count] : model.tf_[c]) count /= static_cast<double>(filled);
      model.tf_floor_[c] = 1.0 / static_cast<double>(filled);
    }
  }
  auto levels_of = [&](std::uint32_t a, std::uint32_t b, std::vector<std::uint8_t>& out) {
    out.resize(nc);
    for (std::size_t c = 0; c < nc; ++c) {
      out[c] = model.Level(c, a, b);
    }
  };

  // u from random pairs (all pairs when there are fewer than the sample size).
  std::vector<std::vector<double>> u_count(nc), m(nc), u(nc);
  for (std::size_t c = 0; c < nc; ++c) {
    u_count[c].assign(LevelCount(settings.comparisons[c]), 0.0);
  }
  const double total_pairs = mode == LinkMode::kDedupe
                                 ? static_cast<double>(n) * (n - 1) / 2
                                 : static_cast<double>(left.size()) * right.size();
  std::vector<std::uint8_t> levels;
  std::size_t sampled = 0;
  auto count_pair = [&](std::uint32_t a, std::uint32_t b) {
    levels_of(a, b, levels);
    for (std::size_t c = 0; c < nc; ++c) {
      if (levels[c] != kMissingLevel) u_count[c][levels[c]] += 1;
    }
    ++sampled;
  };
  if (total_pairs <= static_cast<double>(settings.u_sample_pairs)) {
    if (mode == LinkMode::kDedupe) {
      for (std::uint32_t a = 0; a < n; ++a) {
        for (std::uint32_t b = a + 1; b < n; ++b) count_pair(a, b);
      }
    } else {
      for (auto a : left) {
        for (auto b : right) count_pair(a, b);
      }
    }
  } else {
    std::mt19937_64 rng(settings.seed);
    for (std::size_t s = 0; s < settings.u_sample_pairs; ++s) {
      std::uint32_t a, b;
      if (mode == LinkMode::kDedupe) {
        a = static_cast<std::uint32_t>(rng() % n);
        b = static_cast<std::uint32_t>(rng() % n);
        if (a == b) continue;
      } else {
        a = left[rng() % left.size()];
        b = right[rng() % right.size()];
      }
      count_pair(a, b);
    }
  }
  for (std::size_t c = 0; c < nc; ++c) {
    double total = std::accumulate(u_count[c].begin(), u_count[c].end(), 0.0);
    u[c].resize(u_count[c].size());
    for (std::size_t l = 0; l < u[c].size(); ++l) {
      // Half a count for levels never seen among random pairs keeps log(m/u) finite.
      u[c][l] = (std::max(u_count[c][l], 0.5)) / std::max(total, 1.0);
    }
  }

  // Candidate pairs: union of the blocking rules.
  auto rule_pairs = [&](const BlockingRule& rule)
      -> Result<std::vector<std::pair<std::uint32_t, std::uint32_t>>> {
    std::vector<std::size_t> key_columns;
    for (const auto& k : rule.keys) {
      auto col = column_index(k.column);
      if (!col.ok()) return col.error();
      key_columns.push_back(*col);
    }
    return BlockPairs(table, mode, rule, key_columns);
  };
  {
    std::unordered_set<std::uint64_t> seen;
    for (const auto& rule : settings.blocking) {
      auto pairs = rule_pairs(rule);
      if (!pairs.ok()) return pairs.error();
      for (const auto& [a, b] : *pairs) {
        if (seen.insert(PairKey(a, b)).second) model.candidates_.push_back({a, b});
      }
    }
    std::sort(model.candidates_.begin(), model.candidates_.end());
  }

  // m by EM, one session per training rule, on level patterns (pattern -> count).
  std::vector<std::vector<double>> m_sum(nc);
  std::vector<int> m_sessions(nc, 0);
  for (std::size_t c = 0; c < nc; ++c) m_sum[c].assign(u[c].size(), 0.0);
  const auto& training = settings.training.empty() ? settings.blocking : settings.training;
  for (const auto& rule : training) {
    auto pairs = rule_pairs(rule);
    if (!pairs.ok()) return pairs.error();
    if (pairs->empty()) continue;
    std::vector<bool> use(nc, true);
    for (std::size_t c = 0; c < nc; ++c) {
      for (const auto& k : rule.keys) {
        if (k.column == settings.comparisons[c].column) use[c] = false;
      }
    }
    // Level patterns as strings of level bytes (one byte per comparison).
    std::map<std::string, double> patterns;
    for (const auto& [a, b] : *pairs) {
      levels_of(a, b, levels);
      for (std::size_t c = 0; c < nc; ++c) {
        if (!use[c]) levels[c] = kMissingLevel;
      }
      patterns[std::string(levels.begin(), levels.end())] += 1;
    }
    std::vector<std::vector<double>> mm(nc);
    for (std::size_t c = 0; c < nc; ++c) {
      const std::size_t L = u[c].size();
      mm[c].resize(L);
      double z = 0;
      for (std::size_t l = 0; l < L; ++l) z += mm[c][l] = std::pow(static_cast<double>(L - l), 3);
      for (auto& x : mm[c]) x /= z;
    }
    double lambda = 0.1;
    for (int it = 0; it < settings.em_iterations; ++it) {
      std::vector<std::vector<double>> acc(nc);
      for (std::size_t c = 0; c < nc; ++c) acc[c].assign(u[c].size(), 0.0);
      double matches = 0, total = 0;
      for (const auto& [key, count] : patterns) {
        const auto* pattern = reinterpret_cast<const std::uint8_t*>(key.data());
        double lm = std::log(lambda), lu = std::log(1 - lambda);
        for (std::size_t c = 0; c < nc; ++c) {
          if (pattern[c] == kMissingLevel) continue;
          lm += std::log(mm[c][pattern[c]]);
          lu += std::log(u[c][pattern[c]]);
        }
        double p = 1.0 / (1.0 + std::exp(lu - lm));
        matches += p * count;
        total += count;
        for (std::size_t c = 0; c < nc; ++c) {
          if (pattern[c] != kMissingLevel) acc[c][pattern[c]] += p * count;
        }
      }
      lambda = std::clamp(matches / total, 1e-6, 1 - 1e-6);
      for (std::size_t c = 0; c < nc; ++c) {
        double z = std::accumulate(acc[c].begin(), acc[c].end(), 0.0);
        if (z <= 0) continue;
        for (std::size_t l = 0; l < acc[c].size(); ++l) {
          mm[c][l] = std::max(acc[c][l] / z, 1e-6);
        }
      }
    }
    for (std::size_t c = 0; c < nc; ++c) {
      if (!use[c]) continue;
      for (std::size_t l = 0; l < mm[c].size(); ++l) m_sum[c][l] += mm[c][l];
      ++m_sessions[c];
    }
    model.report_.notes.push_back("EM session " + BlockingRuleText(rule) + ": " +
                                  std::to_string(pairs->size()) + " pairs, match share " +
                                  std::to_string(lambda));
  }
  for (std::size_t c = 0; c < nc; ++c) {
    m[c].resize(u[c].size());
    if (m_sessions[c] == 0) {
      // Never estimated (every session blocked on it): a conservative default.
      const std::size_t L = m[c].size();
      for (std::size_t l = 0; l < L; ++l) m[c][l] = l == 0 ? 0.9 : 0.1 / static_cast<double>(L - 1);
      model.report_.notes.push_back("m of " + settings.comparisons[c].column +
                                    " not estimated (all training rules block on it): default");
    } else {
      for (std::size_t l = 0; l < m[c].size(); ++l) m[c][l] = m_sum[c][l] / m_sessions[c];
    }
  }

  model.log2_bf_.assign(nc, {});
  model.log2_u_exact_.assign(nc, 0);
  for (std::size_t c = 0; c < nc; ++c) {
    for (std::size_t l = 0; l < m[c].size(); ++l) {
      model.log2_bf_[c].push_back(std::log2(m[c][l] / u[c][l]));
    }
    model.log2_u_exact_[c] = std::log2(u[c][0]);
  }

  // Prior: EM over the candidate pairs with m and u fixed; expected matches / all pairs.
  {
    std::map<std::string, double> patterns;
    for (const auto& [a, b] : model.candidates_) {
      levels_of(a, b, levels);
      patterns[std::string(levels.begin(), levels.end())] += 1;
    }
    std::vector<std::pair<double, double>> weighted;  // (log2 BF sum, count)
    for (const auto& [key, count] : patterns) {
      const auto* pattern = reinterpret_cast<const std::uint8_t*>(key.data());
      double w = 0;
      for (std::size_t c = 0; c < nc; ++c) {
        if (pattern[c] != kMissingLevel) w += model.log2_bf_[c][pattern[c]];
      }
      weighted.push_back({w, count});
    }
    double lambda = 0.1;
    const double cand = static_cast<double>(model.candidates_.size());
    for (int it = 0; it < 50 && cand > 0; ++it) {
      double odds = std::log2(lambda / (1 - lambda));
      double matches = 0;
      for (const auto& [w, count] : weighted) matches += count / (1 + std::exp2(-(odds + w)));
      lambda = std::clamp(matches / cand, 1e-9, 1 - 1e-9);
    }
    double prior = std::clamp(lambda * cand / std::max(total_pairs, 1.0), 1e-12, 0.5);
    model.log2_prior_odds_ = std::log2(prior / (1 - prior));
    model.report_.prior = prior;
  }
  model.report_.u_pairs_sampled = sampled;
  model.report_.candidate_pairs = model.candidates_.size();
  model.report_.m = m;
  model.report_.u = u;
  return model;
}

std::uint8_t LinkModel::Level(std::size_t c, std::uint32_t a, std::uint32_t b) const {
  const int s = swap_of_[c];
  return CompareValues(settings_.comparisons[c], normal_[c][a], normal_[c][b],
                       s < 0 ? std::string_view() : normal_[s][a],
                       s < 0 ? std::string_view() : normal_[s][b]);
}

ScoredPair LinkModel::ScoreLevels(std::uint32_t a, std::uint32_t b,
                                  const std::vector<std::uint8_t>& levels,
                                  const std::vector<std::string_view>& exact_values) const {
  ScoredPair pair;
  pair.a = a;
  pair.b = b;
  double w = log2_prior_odds_;
  for (std::size_t c = 0; c < levels.size(); ++c) {
    const auto& spec = settings_.comparisons[c];
    double fw = 0;
    if (levels[c] != kMissingLevel) {
      fw = log2_bf_[c][levels[c]];
      if (levels[c] == 0 && spec.term_frequency) {
        // Exact agreement on a value of frequency tf: u becomes tf (Splink's adjustment).
        auto it = tf_[c].find(std::string(exact_values[c]));
        double tf = it == tf_[c].end() ? tf_floor_[c] : it->second;
        fw += log2_u_exact_[c] - std::log2(tf);
      }
    }
    w += fw;
    pair.fields.push_back({spec.column, LevelLabel(spec, levels[c]), fw});
  }
  pair.match_weight = w;
  pair.probability = 1.0 / (1.0 + std::exp2(-w));
  return pair;
}

std::vector<ScoredPair> LinkModel::Predict(double min_probability) const {
  const std::size_t nc = settings_.comparisons.size();
  std::vector<ScoredPair> out;
  std::vector<std::uint8_t> levels(nc);
  std::vector<std::string_view> values(nc);
  for (const auto& [a, b] : candidates_) {
    for (std::size_t c = 0; c < nc; ++c) {
      levels[c] = Level(c, a, b);
      values[c] = normal_[c][a];
    }
    ScoredPair p = ScoreLevels(a, b, levels, values);
    if (p.probability >= min_probability) out.push_back(std::move(p));
  }
  return out;
}

std::vector<ScoredPair> LinkModel::ScoreAgainst(
    const std::vector<std::string>& probe, const std::vector<std::vector<std::string>>& candidates,
    double min_probability) const {
  const std::size_t nc = settings_.comparisons.size();
  auto normalise = [&](const std::vector<std::string>& row) {
    std::vector<std::string> out(nc);
    for (std::size_t c = 0; c < nc; ++c) {
      std::size_t k = column_of_[c];
      out[c] = k < row.size() ? NormaliseValue(settings_.comparisons[c].kind, row[k]) : "";
    }
    return out;
  };
  const std::vector<std::string> probe_normal = normalise(probe);
  std::vector<ScoredPair> out;
  std::vector<std::uint8_t> levels(nc);
  std::vector<std::string_view> values(nc);
  for (std::uint32_t i = 0; i < candidates.size(); ++i) {
    const std::vector<std::string> other = normalise(candidates[i]);
    for (std::size_t c = 0; c < nc; ++c) {
      const int s = swap_of_[c];
      levels[c] = CompareValues(settings_.comparisons[c], probe_normal[c], other[c],
                                s < 0 ? std::string_view() : probe_normal[s],
                                s < 0 ? std::string_view() : other[s]);
      values[c] = probe_normal[c];
    }
    ScoredPair p = ScoreLevels(0, i, levels, values);
    if (p.probability >= min_probability) out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(), [](const ScoredPair& x, const ScoredPair& y) {
    return x.match_weight > y.match_weight;
  });
  return out;
}

std::vector<std::uint32_t> ClusterPairs(std::size_t n, const std::vector<ScoredPair>& pairs,
                                        double threshold, double min_link_share) {
  // Linked pairs by descending probability; two entities merge when enough of the pairs
  // between them are linked. With min_link_share 0 this is connected components; a share
  // stops one wrong link from chaining two large entities together.
  std::vector<const ScoredPair*> linked;
  std::unordered_set<std::uint64_t> is_linked;
  for (const auto& p : pairs) {
    if (p.probability < threshold) continue;
    linked.push_back(&p);
    is_linked.insert(PairKey(std::min(p.a, p.b), std::max(p.a, p.b)));
  }
  std::stable_sort(linked.begin(), linked.end(), [](const ScoredPair* x, const ScoredPair* y) {
    return x->probability > y->probability;
  });
  std::vector<std::uint32_t> entity(n);
  std::iota(entity.begin(), entity.end(), 0u);
  std::vector<std::vector<std::uint32_t>> members(n);
  for (std::uint32_t i = 0; i < n; ++i) members[i] = {i};
  for (const ScoredPair* p : linked) {
    std::uint32_t x = entity[p->a], y = entity[p->b];
    if (x == y) continue;
    if (min_link_share > 0) {
      std::size_t count = 0;
      for (auto a : members[x]) {
        for (auto b : members[y]) count += is_linked.count(PairKey(std::min(a, b), std::max(a, b)));
      }
      double share = static_cast<double>(count) /
                     (static_cast<double>(members[x].size()) * members[y].size());
      if (share < min_link_share) continue;
    }
    if (members[x].size() < members[y].size()) std::swap(x, y);
    for (auto m : members[y]) entity[m] = x;
    members[x].insert(members[x].end(), members[y].begin(), members[y].end());
    members[y].clear();
  }
  // Name each entity by its first record.
  std::vector<std::uint32_t> first(n, static_cast<std::uint32_t>(n));
  for (std::uint32_t i = 0; i < n; ++i) first[entity[i]] = std::min(first[entity[i]], i);
  std::vector<std::uint32_t> out(n);
  for (std::uint32_t i = 0; i < n; ++i) out[i] = first[entity[i]];
  return out;
}

}  // namespace drieluik::link
