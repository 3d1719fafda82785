#include "store_bench_data.h"

#include <fmt/core.h>

#include <random>

#include "domain/catalog.h"
#include "demo/national.h"
#include "store/bulk_insert.h"
#include "store/signal_codec.h"
#include "support/test_keys.h"

namespace drieluik::bench {

using namespace domain;

int MunicipalityCount() { return static_cast<int>(Catalog::Embedded().municipalities().size()); }
std::string MunicipalityCode(int i) { return Catalog::Embedded().municipalities()[i % MunicipalityCount()].code; }

const std::vector<std::string>& SearchWords() { return demo::NationalSearchWords(); }

Status GenerateSignals(store::Store& s, std::int64_t n, unsigned seed) {
  // The national demo's generator (demo/national.h), encrypted as the store writes it
  // under the test key the benchmark's server also gets.
  auto municipalities = demo::NationalMunicipalities(Catalog::Embedded());
  demo::NationalOptions o;
  o.signals = n;
  o.years = 10;
  o.seed = seed;
  o.end = TimePoint(std::chrono::milliseconds(1451606400000 + 315532800000));  // 2016..2026
  return store::BulkInsertSignals(s, testing::TestKeys(), [&](const auto& sink) {
    return demo::GenerateNational(municipalities, o, [&](const demo::NationalSignal& g) {
      NewSignal ns;
      ns.signal.id = g.id;
      ns.signal.reference_code = g.reference_code;
      ns.signal.status = g.status;
      ns.signal.received_at = ns.signal.created_at = ns.signal.updated_at = g.received_at;
      ns.signal.content = g.content;
      ns.urgency = g.urgency;
      ns.created = {g.received_at, "created", "demo", {}};
      return sink(ns);
    });
  });
}

}  // namespace drieluik::bench
