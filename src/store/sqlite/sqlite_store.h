// SqliteStore: the embedded store, one SQLite file in WAL mode with a small pool of
// connections (readers run beside the single writer). Writes take BEGIN IMMEDIATE;
// each repository call is one transaction. Thread-safe.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_accounts.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace drieluik::store::sqlite {

class SqliteStore final : public Store {
 public:
  /// Opens or creates the database file. Does not migrate.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, int pool_size = 4);

  Status Migrate() override;
  Result<int> SchemaVersion() override;
  std::string Describe() override;
  domain::AccountRepository& accounts() override { return accounts_; }
  domain::AuditRepository& audit() override { return accounts_; }
  Status Export(const RowSink& sink) override;
  Result<std::unique_ptr<BulkLoad>> BeginLoad() override;

  Result<domain::Signal> Insert(const domain::NewSignal& s) override;
  Result<domain::Signal> Get(domain::SignalId id) override;
  Result<domain::Signal> FindByReference(std::string_view reference_code) override;
  Result<domain::Signal> Update(const domain::Signal& s, std::int64_t expected_version, const std::string& urgency,
                                const domain::HistoryEntry& entry,
                                const std::vector<domain::StoredLinkKey>* link_keys = nullptr) override;
  Result<domain::SignalPage> List(const domain::SignalFilter& filter) override;
  Result<std::vector<domain::HistoryEntry>> History(domain::SignalId id) override;
  Status AddAddition(domain::SignalId id, const domain::Addition& addition,
                     const domain::HistoryEntry& entry) override;
  Result<std::string> PublicSecretHash(domain::SignalId id) override;
  Result<std::int64_t> Count() override;

  Status ReplaceLinkKeys(domain::SignalId id, const std::vector<domain::StoredLinkKey>& keys) override;
  Result<std::vector<domain::LinkHit>> FindByHashes(const std::vector<std::string>& hashes,
                                                    domain::SignalId exclude) override;
  Result<std::vector<domain::Hotspot>> Hotspots(domain::LinkKind kind, int min_signals, int limit) override;

  /// Copies the whole database into a new file with SQLite's online backup API, while
  /// the store stays in use. Conflict when the target exists.
  Status BackupTo(const std::string& target_path);

 private:
  friend class SqliteAccounts;
  class Lease;
  class Load;
  explicit SqliteStore(std::string path) : path_(std::move(path)), accounts_(*this) {}
  Lease Acquire();
  void Release(std::unique_ptr<Connection> c);
  Result<domain::Signal> LoadSignal(Connection& c, domain::SignalId id);

  std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mu_
  SqliteAccounts accounts_;
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

}  // namespace drieluik::store::sqlite
