// Synthetic signals for the store benchmark, written straight through Store::BeginLoad
// (one transaction, no HTTP), so a large dataset is ready in minutes: N signals over ten
// years (2016-2025), the region's municipalities (the embedded catalog), realistic mixes of status and exploitation
// form, Dutch free text for search. Deterministic for a seed.
#pragma once

#include <cstdint>

#include "store/store.h"

namespace drieluik::bench {

/// Loads n signals (with their forms and "created" history entries) into an empty store.
Status GenerateSignals(store::Store& store, std::int64_t n, unsigned seed = 42);

/// The municipalities the generator spreads signals over (the catalog's region).
int MunicipalityCount();
std::string MunicipalityCode(int i);

/// Words the generator puts in descriptions (for search queries).
const std::vector<std::string>& SearchWords();

}  // namespace drieluik::bench
