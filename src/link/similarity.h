// String similarity and distance measures used by the comparison levels of probabilistic
// linkage: Jaro-Winkler, Levenshtein and optimal-string-alignment Damerau-Levenshtein.
// They work on Unicode code points (UTF-8 input). Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace drieluik::link {

/// Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4); 1 for equal strings,
/// 0 when either is empty.
double JaroWinkler(std::string_view a, std::string_view b);

/// Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute,
/// swap of two adjacent characters).
int DamerauLevenshtein(std::string_view a, std::string_view b);

}  // namespace drieluik::link
