// The national-size demo (issue 6 point 7): a million signals over ten years across every
// municipality of the Netherlands, to show that list, filter and search stay paginated and
// indexed at that size, and to feed bench/store_bench.
//
// The municipalities: no complete, trustworthy list of the CBS codes, names and populations
// of all Dutch municipalities is available to this project (no Debian package or stored
// source holds one), so none is committed. NationalMunicipalities() keeps the real ones it
// has — the province of Groningen from the region file — and fills up to the 342
// municipalities of 2024 with clearly labelled synthetic ones: code "GM9001".."GM9332" (not
// CBS codes; CBS does not use GM9xxx), name "Synthetische gemeente 001", a population drawn
// from a Zipf-like curve so that the total is about 17.9 million. Every person, text and
// reference in the signals is invented. Deterministic for a seed. Thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/catalog.h"
#include "domain/signal.h"

namespace drieluik::demo {

struct NationalMunicipality {
  std::string code;
  std::string name;
  int population = 0;
  bool synthetic = false;  // true: invented (see the header comment), false: from the region file
};

/// The real municipalities of `catalog`, then synthetic ones up to `total` (Default: 342).
std::vector<NationalMunicipality> NationalMunicipalities(const domain::Catalog& catalog, int total = 342);

struct NationalOptions {
  std::int64_t signals = 1000000;
  int years = 10;           // received over this many years up to `end`
  std::uint64_t seed = 342;
  TimePoint end;            // the newest possible received_at
};

/// One generated signal: what the store keeps beside the content.
struct NationalSignal {
  domain::SignalId id = 0;  // 1..signals, rising with received_at
  std::string reference_code;
  domain::SignalStatus status = domain::SignalStatus::kNew;
  std::string urgency;
  TimePoint received_at;
  domain::SignalContent content;
};

/// Calls `sink` for every signal, oldest first; stops at the first error it returns.
/// Municipalities are chosen by population; forms, statuses, words of the free text and
/// parties vary so that filters and searches have realistic selectivity.
Status GenerateNational(const std::vector<NationalMunicipality>& municipalities, const NationalOptions& options,
                        const std::function<Status(const NationalSignal&)>& sink);

/// Words that occur in about 1 in 15 descriptions each (for searches in benchmarks).
const std::vector<std::string>& NationalSearchWords();

}  // namespace drieluik::demo
