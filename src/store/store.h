// Store: one database backend behind every repository interface the domain declares.
// The cli opens one with OpenStore(url, keys) and passes the repository references down; no
// other layer knows which backend runs. Implementations: store/sqlite (embedded, the
// default for a laptop) and store/postgres (a region). Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "domain/account.h"
#include "domain/compartment.h"
#include "domain/retention.h"
#include "crypto/key_ring.h"
#include "domain/drieluik/drieluik_repository.h"
#include "domain/link_keys.h"
#include "domain/signal_repository.h"
#include "store/table_dump.h"

namespace drieluik::store {

/// Progress of one ReencryptBatch call.
struct ReencryptProgress {
  std::int64_t signals = 0;    // signals re-encrypted (with their word indexes) in this batch
  std::int64_t additions = 0;  // additions re-encrypted in this batch
  std::int64_t compartments = 0;  // police and care compartments re-encrypted in this batch
  std::int64_t totp_secrets = 0;  // users' TOTP secrets re-encrypted in this batch
  std::int64_t drieluik_rows = 0;  // meetings, cases, log entries, actions, agenda items, assessments
  bool done = false;           // nothing is left under another key (or in plain text)
};

class Store : public domain::SignalRepository, public domain::LinkKeyRepository {
 public:
  /// Applies every numbered migration not yet applied, each in its own transaction.
  /// With keys, then checks them against the database (FailedPrecondition, nothing
  /// changed, when a key file does not match or lacks a key the data needs) and encrypts
  /// rows still in plain text from before migration 005.
  virtual Status Migrate() = 0;
  /// Highest applied migration number; 0 for a database never migrated.
  virtual Result<int> SchemaVersion() = 0;
  /// "sqlite 3.40.1" / "postgresql 15.20": for health output and logs (no secrets).
  virtual std::string Describe() = 0;

  /// Users, sessions, API tokens and role settings (migration 003).
  virtual domain::AccountRepository& accounts() = 0;
  /// The hash-chained audit trail (migration 003).
  virtual domain::AuditRepository& audit() = 0;
  /// The police and care compartments of signals (migration 006).
  virtual domain::CompartmentRepository& compartments() = 0;
  /// What retention needs beyond the signal repository (domain/retention.h).
  virtual domain::RetentionRepository& retention() = 0;

  /// Streams every row of every table in DumpTables() to `sink`, from one consistent
  /// snapshot (writers may continue meanwhile). Returns the sink's first error.
  virtual Status Export(const RowSink& sink) = 0;
  /// Starts a load of a whole dump into this store, in one transaction that holds off
  /// other writers. FailedPrecondition when the store already holds signals.
  /// Requires: the store is migrated, and outlives the BulkLoad.
  virtual Result<std::unique_ptr<BulkLoad>> BeginLoad() = 0;

  /// One step of `drieluik rotate-key`: in one transaction, re-encrypts up to `max_rows`
  /// rows whose key is not the current one (or that are plain text): signals (recomputing
  /// their word indexes and link keys), additions, compartments, TOTP secrets and the
  /// Drieluik's free text. Safe beside a running server (rows are locked, and
  /// nothing a writer changed meanwhile is overwritten); resumable, since each batch
  /// commits. The call that finds nothing left also forgets the check values of keys
  /// no longer used (done = true). FailedPrecondition without keys.
  virtual Result<ReencryptProgress> ReencryptBatch(int max_rows) = 0;
  /// Meetings, agenda, assessments, cases and actions (issue 5), in the same database.
  virtual domain::DrieluikRepository& drieluik() = 0;
};

/// Opens the store a URL names: "sqlite:PATH" (the file is created when missing), or
/// "postgresql://..." / "postgres://..." / a libpq conninfo ("host=... dbname=...").
/// `keys` encrypt and decrypt the identifying fields (docs/PRIVACY.md); without them the
/// store can migrate, export, load and back up (ciphertexts are copied as they are) but
/// every signal read or write is FailedPrecondition.
/// InvalidArgument for an unknown scheme; Unavailable when the database cannot be reached.
/// PostgreSQL: the environment variable DRIELUIK_PG_POOL_SIZE sets the most connections
/// the store opens (Default: 8).
Result<std::unique_ptr<Store>> OpenStore(const std::string& url,
                                         std::shared_ptr<const crypto::KeyRing> keys = nullptr);

}  // namespace drieluik::store
