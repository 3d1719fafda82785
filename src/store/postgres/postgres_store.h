// PostgresStore: the store of a region, on a PostgreSQL server (libpqxx 6.4).
//
// A pool of connections (opened lazily up to pool_size) serves the repository calls;
// each call is one transaction. Writes run at READ COMMITTED: updates carry the
// optimistic check `WHERE id = $ AND version = $`, so a stale writer gets Conflict and
// no update is lost; the unique reference code turns a duplicate insert into Conflict.
// Serialization failures and deadlocks (SQLSTATE 40001, 40P01) are retried a bounded
// number of times. A lost connection is dropped from the pool and the call retried on a
// fresh one; when the server stays away the call returns Unavailable. A commit whose
// outcome is unknown (the connection broke during COMMIT) is Unavailable, never retried.
//
// Error messages and logs never contain the password of the connection string.
// Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store/signal_codec.h"
#include "store/store.h"

namespace drieluik::store::postgres {

class PostgresAccounts;
class PostgresCompartments;
class PostgresRetention;

struct PostgresOptions {
  int pool_size = 8;     // most connections open at once; Default: 8
  int max_attempts = 5;  // tries of one call on serialization failure, deadlock or lost connection
};

class PostgresStore final : public Store {
 public:
  /// Connects to the server a URL ("postgresql://user@host:port/db?...") or libpq
  /// conninfo ("host=... dbname=...") names. Unavailable when it cannot be reached
  /// (the message names the server without the password). Does not migrate.
  /// `keys`: see OpenStore.
  static Result<std::unique_ptr<PostgresStore>> Open(const std::string& conninfo, PostgresOptions options = {},
                                                     std::shared_ptr<const crypto::KeyRing> keys = nullptr);
  ~PostgresStore() override;

  Status Migrate() override;
  Result<int> SchemaVersion() override;
  std::string Describe() override;
  domain::AccountRepository& accounts() override;
  domain::AuditRepository& audit() override;
  domain::CompartmentRepository& compartments() override;
  domain::RetentionRepository& retention() override;
  Status Export(const RowSink& sink) override;
  Result<std::unique_ptr<BulkLoad>> BeginLoad() override;
  Result<ReencryptProgress> ReencryptBatch(int max_rows) override;

  Result<domain::Signal> Insert(const domain::NewSignal& s) override;
  Result<domain::Signal> Get(domain::SignalId id) override;
  Result<domain::Signal> FindByReference(std::string_view reference_code) override;
  Result<domain::Signal> Update(const domain::Signal& s, std::int64_t expected_version, const std::string& urgency,
                                const domain::HistoryEntry& entry,
                                const std::vector<domain::StoredLinkKey>* link_keys = nullptr) override;
  Result<domain::SignalPage> List(const domain::SignalFilter& filter) override;
  Result<std::vector<domain::HistoryEntry>> History(domain::SignalId id) override;
  Status AddAddition(domain::SignalId id, const domain::Addition& addition, const domain::HistoryEntry& entry,
                     const domain::AuditIntent* audit = nullptr) override;
  Result<std::string> PublicSecretHash(domain::SignalId id) override;
  Result<std::int64_t> Count() override;

  Result<std::string> HashLinkKey(const domain::LinkKey& k) override;
  Result<std::vector<std::string>> SearchHashesOf(const domain::LinkKey& k) override;
  Status ReplaceLinkKeys(domain::SignalId id, const std::vector<domain::StoredLinkKey>& keys) override;
  Result<std::vector<domain::LinkHit>> FindByHashes(const std::vector<std::string>& hashes,
                                                    domain::SignalId exclude) override;
  Result<std::vector<domain::Hotspot>> Hotspots(domain::LinkKind kind, int min_signals, int limit) override;

  /// Test hook: the server process ids of the pool's open connections (to kill them).
  std::vector<int> TEST_BackendPids();
  /// Connections currently open (idle or in use).
  int open_connections();

  /// The Drieluik repository (postgres_drieluik.cc), created on first use.
  domain::DrieluikRepository& drieluik() override;

  class Pool;

 private:
  PostgresStore(std::unique_ptr<Pool> pool, std::shared_ptr<const crypto::KeyRing> keys);
  Result<ReencryptProgress> Reencrypt(int max_rows, bool plain_only);
  /// Recomputes the link keys of up to `max_rows` signals queued in link_key_rebuild, in one
  /// transaction; the number taken from the queue (0: it is empty).
  Result<int> RebuildLinkKeys(int max_rows);
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<PostgresAccounts> accounts_;
  std::unique_ptr<PostgresCompartments> compartments_;
  std::unique_ptr<PostgresRetention> retention_;
  SignalProtector protector_;
  std::atomic<bool> key_check_written_{false};
  std::once_flag drieluik_once_;
  std::unique_ptr<domain::DrieluikRepository> drieluik_;
};

/// The conninfo or URL with its password replaced by "***" (for messages and logs).
std::string RedactConninfo(const std::string& conninfo);

/// The conninfo or URL without its password, and the password (decoded), e.g. to run
/// pg_dump with the password in PGPASSWORD rather than on its command line.
std::pair<std::string, std::string> SplitPassword(const std::string& conninfo);

}  // namespace drieluik::store::postgres
