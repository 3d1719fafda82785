// Encodings files: CSV with an id column and a base64 column, `id,clk` by default (anonlink's
// `row,clk_base64` with other column names). Reading checks that every encoding decodes and
// that all have the same length. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "link/dice.h"

namespace drieluik::link {

/// One party's encodings: ids in file order and the packed filters.
struct ClkFile {
  std::string source;
  std::vector<std::string> ids;
  ClkSet clks;
};

/// Reads `path`. InvalidArgument naming file, line and column when: the CSV is malformed, a
/// column is missing, a value is not base64 (key "base64_invalid"), the encodings differ in
/// length (key "clk_length": "<file>:<line>: encoding has 512 bits, expected 1024 as on line 2"),
/// or an id repeats (key "duplicate_id"). `expected_bits` 0 takes the first row's length.
Result<ClkFile> ReadClkFile(const std::string& path, const std::string& id_column = "id",
                            const std::string& clk_column = "clk", int expected_bits = 0);

}  // namespace drieluik::link
