// The national-size demo (issue 6 point 7): a million signals over ten years across every
// municipality of the Netherlands, to show that list, filter and search stay paginated and
// indexed at that size, and to feed bench/store_bench.
//
// The municipalities: all 342 of the Netherlands (situation of 1 January 2025) with their real
// CBS codes and names from the embedded reference list (domain/municipality_list.h,
// data/reference/). No population figures are sourced yet: the municipalities of the region
// file keep theirs, every other one gets the same weight, the rest of a country of about
// 17.9 million spread evenly. Every person, text and reference in the signals is invented.
// Deterministic for a seed. Thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/catalog.h"
#include "domain/municipality_list.h"
#include "domain/signal.h"

namespace drieluik::demo {

struct NationalMunicipality {
  std::string code;
  std::string name;
  std::string province;
  int population = 0;  // a weight: the region file's figure, else the even share (see above)
};

/// Every municipality of `list` (Default: the embedded national list), in its order, with the
/// populations of `catalog`'s municipalities where the code matches.
std::vector<NationalMunicipality> NationalMunicipalities(
    const domain::Catalog& catalog,
    const std::vector<domain::ReferenceMunicipality>& list = domain::NetherlandsMunicipalities());

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
