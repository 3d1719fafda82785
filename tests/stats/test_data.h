// Helpers for the stats tests: reading the shipped capture-recapture data sets.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "stats/capture_csv.h"

namespace drieluik::stats::testing {

inline std::string ReadTestFile(const std::string& name) {
  std::ifstream in(std::string(DRIELUIK_STATS_TESTDATA) + "/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The single table of a shipped data set (e.g. "UKdat_5.csv"); aborts the test on error.
inline CaptureTable LoadTable(const std::string& name) {
  Result<CaptureCsv> csv = ParseCaptureCsv(ReadTestFile(name));
  if (!csv.ok()) throw std::runtime_error(name + ": " + csv.error().ToString());
  return csv->strata.at(0).second;
}

}  // namespace drieluik::stats::testing
