// Field comparisons of probabilistic linkage: how two values of one column are compared and
// into which level (exact, close, ..., else) the pair falls. Level 0 is always the best
// ("exact"); the last level is "else"; a missing value on either side gives kMissingLevel,
// which contributes nothing to the match weight. Values are normalised first (trimmed, lower
// case, inner spaces collapsed). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace drieluik::link {

enum class ComparisonKind {
  kExact,       // exact | else
  kName,        // exact | JW >= t1 | JW >= t2 | JW >= t3 | else   (default t = .92 .88 .70)
  kString,      // exact | JW >= t1 | JW >= t2 | else              (default t = .92 .80)
  kDate,        // exact | one typo or adjacent swap | day-month swap | <= 31 days | <= 365 days
                //   | two typos | else
  kNumeric,     // exact | |a-b| <= 1 | |a-b| <= 10 % | else
  kPostcode,    // exact | one typo | same first half | else
  kEmail,       // exact | same user part | JW >= .88 | else
  kPhone,       // exact digits | same last 7 digits | one typo | else
  kIdentifier,  // exact | one typo or adjacent swap | else
};

/// "exact", "name", ... (as in settings JSON); ParseComparisonKind is its inverse.
const char* ComparisonKindName(ComparisonKind kind);
Result<ComparisonKind> ParseComparisonKind(std::string_view name);

inline constexpr std::uint8_t kMissingLevel = 255;

/// How one column is compared.
struct ComparisonSpec {
  std::string column;
  ComparisonKind kind = ComparisonKind::kString;
  std::vector<double> thresholds;  // Jaro-Winkler thresholds; empty = the kind's defaults
  bool term_frequency = false;     // adjust the exact level for how common the value is
  /// Another column whose value may have been written here (first name and surname
  /// swapped): when set, level 1 is "swapped" (this value equals the other record's value of
  /// swap_column) and the kind's other levels move up by one.
  std::string swap_column;
};

/// Number of levels of a comparison (without the missing level).
int LevelCount(const ComparisonSpec& spec);
/// Label of a level ("exact", "jw>=0.92", "date<=31d", "else", "missing").
std::string LevelLabel(const ComparisonSpec& spec, std::uint8_t level);

/// The normal form of a value for a kind: trimmed, lower case, spaces collapsed; dates as
/// YYYYMMDD digits when they parse (YYYY-MM-DD, YYYYMMDD, DD-MM-YYYY, DD/MM/YYYY); phone
/// numbers as digits only. Empty means missing.
std::string NormaliseValue(ComparisonKind kind, std::string_view value);

/// The level of two normalised values; `a_swap`, `b_swap` are the records' normalised values
/// of spec.swap_column (ignored when it is empty).
std::uint8_t CompareValues(const ComparisonSpec& spec, std::string_view a, std::string_view b,
                           std::string_view a_swap = {}, std::string_view b_swap = {});

}  // namespace drieluik::link
