// The demo region: realistic, entirely synthetic signals for the province of Groningen,
// spread over the municipalities (by population), the forms of exploitation, channels,
// statuses and a period of years, with indicators, parties and vulnerable groups that
// fit each form. Deterministic for a seed, so tests and screenshots are repeatable.
// Every name, address, phone number and plate is invented.
#pragma once

#include <cstdint>
#include <functional>

#include "base/status.h"
#include "domain/signal_service.h"

namespace drieluik::demo {

struct DemoOptions {
  int signals = 200;
  int years = 2;               // spread over this many years before now
  std::uint64_t seed = 1950;   // Westerwolde's CBS code
};

/// Generates and stores the signals through the service (so every rule applies).
/// `progress` (may be empty) is called with the number done so far.
Status LoadDemoRegion(domain::SignalService& signals, const domain::Catalog& catalog, const Clock& clock,
                      const DemoOptions& options, const std::function<void(int)>& progress = {});

}  // namespace drieluik::demo
