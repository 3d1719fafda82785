// Store: one database backend behind every repository interface the domain declares.
// The cli opens one with OpenStore(url) and passes the repository references down; no
// other layer knows which backend runs. Implementations: store/sqlite (embedded, the
// default for a laptop) and store/postgres (a region). Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "domain/account.h"
#include "domain/link_keys.h"
#include "domain/signal_repository.h"
#include "store/table_dump.h"

namespace drieluik::store {

class Store : public domain::SignalRepository, public domain::LinkKeyRepository {
 public:
  /// Applies every numbered migration not yet applied, each in its own transaction.
  virtual Status Migrate() = 0;
  /// Highest applied migration number; 0 for a database never migrated.
  virtual Result<int> SchemaVersion() = 0;
  /// "sqlite 3.40.1" / "postgresql 15.20": for health output and logs (no secrets).
  virtual std::string Describe() = 0;

  /// Users, sessions, API tokens and role settings (migration 003).
  virtual domain::AccountRepository& accounts() = 0;
  /// The hash-chained audit trail (migration 003).
  virtual domain::AuditRepository& audit() = 0;

  /// Streams every row of every table in DumpTables() to `sink`, from one consistent
  /// snapshot (writers may continue meanwhile). Returns the sink's first error.
  virtual Status Export(const RowSink& sink) = 0;
  /// Starts a load of a whole dump into this store, in one transaction that holds off
  /// other writers. FailedPrecondition when the store already holds signals.
  /// Requires: the store is migrated, and outlives the BulkLoad.
  virtual Result<std::unique_ptr<BulkLoad>> BeginLoad() = 0;
};

/// Opens the store a URL names: "sqlite:PATH" (the file is created when missing), or
/// "postgresql://..." / "postgres://..." / a libpq conninfo ("host=... dbname=...").
/// InvalidArgument for an unknown scheme; Unavailable when the database cannot be reached.
/// PostgreSQL: the environment variable DRIELUIK_PG_POOL_SIZE sets the most connections
/// the store opens (Default: 8).
Result<std::unique_ptr<Store>> OpenStore(const std::string& url);

}  // namespace drieluik::store
