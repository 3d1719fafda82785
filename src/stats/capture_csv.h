// Reader for the capture-pattern CSV of `drieluik estimate` (docs/formats/estimate.md):
// a header row, then one row per observed capture pattern with one 0/1 column per list
// (any names), a column `count` (a non-negative whole number) and optionally a stratum
// column (--by). Comma-separated, or semicolon-separated when the header has semicolons
// and no commas (Dutch spreadsheets); fields may be quoted with "..." ("" is a quote).
//
// Every error is InvalidArgument with one FieldError whose pointer is "line L, column C"
// (C the column's name, or its number when the header is at fault) and whose key is one of:
// empty_input, unterminated_quote, field_count {expected, got}, empty_column_name,
// duplicate_column, missing_count_column, missing_by_column, too_few_lists, too_many_lists,
// not_binary {value}, not_integer {value}, negative_count {value}, count_too_large {value},
// all_zero_pattern, duplicate_pattern {first_line}, no_rows. Params always include "line"
// and "column". Pure function; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "stats/mse.h"

namespace drieluik::stats {

struct CaptureCsv {
  std::vector<std::string> lists;
  /// One stratum named "" without a stratum column; else one per distinct value, in order
  /// of first appearance.
  std::vector<std::pair<std::string, CaptureTable>> strata;
};

/// Largest count accepted in one row.
inline constexpr int64_t kMaxCount = 1'000'000'000;

/// Parses the CSV text. `by_column` names the stratum column ("" for none).
Result<CaptureCsv> ParseCaptureCsv(std::string_view text, const std::string& by_column = "");

}  // namespace drieluik::stats
