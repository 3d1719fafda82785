// Bulk insert of many generated signals (the national demo, benchmarks) into an empty
// store: one BulkLoad (one transaction, rows sent in large batches), with every row
// encrypted, word-indexed and link-keyed exactly as Store::Insert writes it, so the server
// reads, searches and links the result as any other data. Thread-compatible.
#pragma once

#include <functional>
#include <memory>

#include "base/status.h"
#include "crypto/key_ring.h"
#include "domain/signal_repository.h"
#include "store/store.h"

namespace drieluik::store {

/// Receives the signals to load; each NewSignal's signal.id must be set (1, 2, ...) and
/// unique. Returns the first error of the sink.
using SignalProducer = std::function<Status(const std::function<Status(const domain::NewSignal&)>& sink)>;

/// Loads what `produce` gives. FailedPrecondition when the store already holds signals.
/// The link keys of every signal are computed here (keyed, as the service stores them).
Status BulkInsertSignals(Store& store, std::shared_ptr<const crypto::KeyRing> keys, const SignalProducer& produce);

}  // namespace drieluik::store
