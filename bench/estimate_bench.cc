// Benchmark of the MSE engine (issue 7), all in one run, side by side with its targets:
//   (a) exhaustive search over every two-list-interaction model of a 6-list table (UKdat,
//       2^15 models), target < 1 s;
//   (b) the same for a 5-list table (UKdat_5, 2^10 models) with 1,000 parametric bootstrap
//       replicates that each redo the search, target < 30 s;
//   (c) stepwise selection with a 1,000-replicate bootstrap on UKdat (6 lists), target < 5 s.
// Prints wall and CPU time (all threads), models fitted (IRLS runs; existence checks are
// not counted) and models fitted per wall-clock second. On a machine shared with other
// builds the wall time is inflated; the CPU time shows the work itself.
// Usage: estimate_bench [threads]   (default: 2, the CI machine's cores)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "stats/capture_csv.h"
#include "stats/mse.h"

namespace {

using drieluik::stats::CaptureTable;
using drieluik::stats::EstimateOptions;
using drieluik::stats::Method;

CaptureTable Load(const std::string& name) {
  std::ifstream in(std::string(DRIELUIK_BENCH_DATA) + "/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  auto csv = drieluik::stats::ParseCaptureCsv(s.str());
  if (!csv.ok()) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), csv.error().ToString().c_str());
    std::exit(1);
  }
  return csv->strata[0].second;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void Row(const char* name, const CaptureTable& t, const EstimateOptions& o, double target) {
  auto start = std::chrono::steady_clock::now();
  double cpu0 = CpuSeconds();
  auto e = drieluik::stats::EstimatePopulation(t, o);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double cpu = CpuSeconds() - cpu0;
  if (!e.ok() || !e->total) {
    std::fprintf(stderr, "%s: no estimate\n", name);
    std::exit(1);
  }
  std::printf("%-48s %8.3f s %8.3f s %6.0f s %6.2f %10lld %10.0f %9.0f\n", name, secs, cpu, target,
              secs / target, static_cast<long long>(e->models_fitted), e->models_fitted / secs, *e->total);
}

}  // namespace

int main(int argc, char** argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 2;
  CaptureTable uk6 = Load("UKdat.csv"), uk5 = Load("UKdat_5.csv");
  std::ifstream loadavg("/proc/loadavg");
  std::string load;
  std::getline(loadavg, load);
  std::printf("threads: %d, load average before: %s\n", threads, load.c_str());
  std::printf("%-48s %10s %10s %8s %6s %10s %10s %9s\n", "benchmark", "wall", "cpu", "target", "ratio",
              "models", "models/s", "estimate");
  EstimateOptions a;
  a.method = Method::kExhaustive;
  a.threads = threads;
  Row("(a) exhaustive 2-way, 6 lists (UKdat)", uk6, a, 1.0);
  EstimateOptions b = a;
  b.bootstrap = 1000;
  b.seed = 1;
  Row("(b) exhaustive 2-way, 5 lists, 1000 bootstrap", uk5, b, 30.0);
  EstimateOptions c;
  c.method = Method::kStepwise;
  c.threads = threads;
  c.bootstrap = 1000;
  c.seed = 1;
  Row("(c) stepwise, 6 lists (UKdat), 1000 bootstrap", uk6, c, 5.0);
  return 0;
}
