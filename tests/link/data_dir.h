// Where the shared linkage data with known truth lives (CMake cache variable
// DRIELUIK_LINKAGE_DATA), and a helper to skip a test when it is missing.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace drieluik::link::testing {

inline std::string DataPath(const std::string& relative) {
  return std::string(DRIELUIK_LINKAGE_DATA) + "/" + relative;
}

}  // namespace drieluik::link::testing

/// Skips the current test when a data file is missing (a fresh clone without shared/).
#define DRIELUIK_REQUIRE_DATA(relative)                                                    \
  do {                                                                                     \
    if (!std::filesystem::exists(::drieluik::link::testing::DataPath(relative))) {         \
      GTEST_SKIP() << "linkage data missing: " << ::drieluik::link::testing::DataPath(relative); \
    }                                                                                      \
  } while (0)
