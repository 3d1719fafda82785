// The retention job, shared by `drieluik retention run` and the daily run inside `serve`.
#pragma once

#include <string>

#include "base/clock.h"
#include "domain/retention.h"
#include "domain/signal_service.h"
#include "store/store.h"

namespace drieluik::cli {

/// The terms of a configuration file, or the compiled-in defaults when path is empty.
Result<domain::RetentionTerms> LoadRetentionTerms(const std::string& path);

/// One retention run on the store, recorded in the audit trail (counts only).
Result<domain::RetentionReport> RunRetention(store::Store& db, domain::SignalService& signals, const Clock& clock,
                                             const domain::RetentionTerms& terms);

}  // namespace drieluik::cli
