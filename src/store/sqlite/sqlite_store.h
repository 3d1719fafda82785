// SqliteStore: the embedded store, one SQLite file in WAL mode with a small pool of
// connections (readers run beside the single writer). Writes take BEGIN IMMEDIATE;
// each repository call is one transaction. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <functional>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_accounts.h"
#include "store/sqlite/sqlite_compartments.h"
#include "store/sqlite/sqlite_retention.h"
#include "store/drieluik_sql.h"
#include "store/signal_codec.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace drieluik::store::sqlite {

class SqliteStore final : public Store {
 public:
  /// Opens or creates the database file. Does not migrate. `keys`: see OpenStore.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, int pool_size = 4,
                                                   std::shared_ptr<const crypto::KeyRing> keys = nullptr);

  Status Migrate() override;
  Result<int> SchemaVersion() override;
  std::string Describe() override;
  domain::AccountRepository& accounts() override { return accounts_; }
  domain::AuditRepository& audit() override { return accounts_; }
  domain::CompartmentRepository& compartments() override { return compartments_; }
  domain::RetentionRepository& retention() override { return retention_; }
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

  /// Copies the whole database into a new file with SQLite's online backup API, while
  /// the store stays in use. Conflict when the target exists.
  Status BackupTo(const std::string& target_path);

  /// The Drieluik repository (sqlite_drieluik.cc), created on first use.
  domain::DrieluikRepository& drieluik() override;

 private:
  friend class SqliteAccounts;
  friend class SqliteCompartments;
  friend class SqliteRetention;
  class Lease;
  class Load;
  SqliteStore(std::string path, std::shared_ptr<const crypto::KeyRing> keys)
      : path_(std::move(path)), protector_(std::move(keys)), accounts_(*this), compartments_(*this), retention_(*this) {}
  Lease Acquire();
  void Release(std::unique_ptr<Connection> c);
  Result<domain::Signal> LoadSignal(Connection& c, domain::SignalId id);
  Result<domain::Signal> RowToSignal(Statement& st);
  // Inside a write transaction: records the current key's check value once.
  Status EnsureKeyCheck(Connection& c);
  Status CheckKeys(Connection& c);
  Result<ReencryptProgress> Reencrypt(int max_rows, bool plain_only);
  /// Recomputes the link keys of up to `max_rows` signals queued in link_key_rebuild, in one
  /// transaction; the number taken from the queue (0: it is empty).
  Result<int> RebuildLinkKeys(int max_rows);

  std::string path_;
  SignalProtector protector_;
  std::atomic<bool> key_check_written_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
  SqliteAccounts accounts_;
  SqliteCompartments compartments_;
  SqliteRetention retention_;
  std::once_flag drieluik_once_;
  std::unique_ptr<domain::DrieluikRepository> drieluik_;
};

// A connection borrowed from the pool, returned when the lease ends.
class SqliteStore::Lease {
 public:
  Lease(SqliteStore* s, std::unique_ptr<Connection> c) : store_(s), c_(std::move(c)) {}
  Lease(Lease&& o) noexcept = default;
  ~Lease() {
    if (c_) store_->Release(std::move(c_));
  }
  Connection& operator*() { return *c_; }
  Connection* operator->() { return c_.get(); }

 private:
  SqliteStore* store_;
  std::unique_ptr<Connection> c_;
};

/// The shared SQL's transaction (store/drieluik_sql.h) over `c`, in a transaction the caller
/// began and ends.
std::unique_ptr<SqlTx> MakeSqlTx(Connection& c);

}  // namespace drieluik::store::sqlite
