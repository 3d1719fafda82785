// libFuzzer target for the capture-pattern CSV reader of `drieluik estimate`
// (stats/capture_csv.h). Any input must either parse into well-formed tables or fail with
// an InvalidArgument naming a line and column; never crash, hang or read out of bounds.
// Small valid tables are also run through the main-effects estimate.
// Build: CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DDRIELUIK_FUZZ=ON
//        cmake --build build-fuzz --target estimate_csv_fuzz
// Run:   build-fuzz/fuzz/estimate_csv_fuzz -max_total_time=60 fuzz/corpus/estimate_csv
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "stats/capture_csv.h"
#include "stats/mse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const char* by : {"", "y"}) {
    auto r = drieluik::stats::ParseCaptureCsv(text, by);
    if (!r.ok()) {
      if (r.error().fields().empty() || r.error().fields()[0].pointer.rfind("line ", 0) != 0) std::abort();
      continue;
    }
    const size_t k = r->lists.size();
    if (k < 2 || k > static_cast<size_t>(drieluik::stats::kMaxLists)) std::abort();
    for (const auto& [name, table] : r->strata) {
      if (table.counts.size() != (size_t{1} << k) || table.counts[0] != 0) std::abort();
      for (int64_t c : table.counts)
        if (c < 0 || c > drieluik::stats::kMaxCount) std::abort();
      if (k <= 4) {
        drieluik::stats::EstimateOptions o;
        o.method = drieluik::stats::Method::kMain;
        o.threads = 1;
        auto e = drieluik::stats::EstimatePopulation(table, o);
        if (e.ok() && e->total && !(*e->total >= static_cast<double>(e->observed))) std::abort();
      }
    }
  }
  return 0;
}
