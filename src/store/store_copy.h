// Whole-store copy and comparison on top of Store::Export and Store::BeginLoad: what
// `drieluik migrate-store` and `drieluik restore` run, backend to backend.
// Stateless functions; as thread-safe as the stores given.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace drieluik::store {

/// One table of a store: its row count and a digest of every row (canonical values in
/// dump order), equal for two stores exactly when they hold the same rows.
struct TableSummary {
  std::string table;
  std::int64_t rows = 0;
  std::uint64_t digest = 0;

  bool operator==(const TableSummary&) const = default;
};

/// Every table of DumpTables(), summarized from one consistent snapshot.
Result<std::vector<TableSummary>> SummarizeStore(Store& store);

/// Copies every row of `from` into `to` in one transaction on `to`, then checks that
/// `to` holds exactly what was read. FailedPrecondition when `to` already holds signals
/// (nothing is written then); Internal when the check fails (the copy stays committed:
/// the caller reports it). Returns the summary of what was copied.
/// Requires: both stores are migrated to the same schema version.
Result<std::vector<TableSummary>> CopyStore(Store& from, Store& to);

}  // namespace drieluik::store
