// The connection pool of PostgresStore and the transaction runner every repository call
// goes through. Internal to store/postgres (it includes libpqxx). Thread-safe.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <random>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "store/drieluik_sql.h"
#include "store/postgres/postgres_store.h"

namespace drieluik::store::postgres {

/// The password of a URL ("postgresql://user:PASS@host") or conninfo ("password=PASS"),
/// or empty.
std::string PasswordOf(const std::string& conninfo);
/// The message with every occurrence of the password replaced by "***".
std::string Scrub(std::string message, const std::string& password);
/// Statements (name, SQL) prepared on every connection of the pool.
const std::vector<std::pair<const char*, std::string>>& PreparedStatements();

inline bool IsRetryable(const pqxx::sql_error& e) { return e.sqlstate() == "40001" || e.sqlstate() == "40P01"; }

// The connection pool: opens connections lazily up to the pool size, hands each to one
// call at a time, and forgets a connection that broke (the next Acquire opens a new one).
class PostgresStore::Pool {
 public:
  Pool(std::string conninfo, PostgresOptions options)
      : conninfo_(std::move(conninfo)), password_(PasswordOf(conninfo_)), options_(options) {
    options_.pool_size = std::max(1, options_.pool_size);
    options_.max_attempts = std::max(1, options_.max_attempts);
  }

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<pqxx::connection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&& o) noexcept = default;
    ~Lease() {
      if (pool_ && c_) pool_->Release(std::move(c_), broken_);
    }
    pqxx::connection& operator*() { return *c_; }
    pqxx::connection* operator->() { return c_.get(); }
    void MarkBroken() { broken_ = true; }

   private:
    Pool* pool_;
    std::unique_ptr<pqxx::connection> c_;
    bool broken_ = false;
  };

  Result<Lease> Acquire() {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return !idle_.empty() || open_ < options_.pool_size; });
      if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(c));
      }
      ++open_;
    }
    auto c = Connect();
    if (!c.ok()) {
      {
        std::lock_guard lock(mu_);
        --open_;
      }
      cv_.notify_one();
      return c.status();
    }
    return Lease(this, std::move(c).value());
  }

  Result<std::unique_ptr<pqxx::connection>> Connect() {
    try {
      auto c = std::make_unique<pqxx::connection>(conninfo_);
      for (const auto& [name, sql] : PreparedStatements()) c->prepare(name, sql);
      return c;
    } catch (const std::exception& e) {
      return Status::Unavailable("cannot connect to PostgreSQL at " + RedactConninfo(conninfo_) + ": " +
                                 Scrub(e.what(), password_));
    }
  }

  void Release(std::unique_ptr<pqxx::connection> c, bool broken) {
    {
      std::lock_guard lock(mu_);
      if (broken || !c->is_open()) {
        --open_;
        c.reset();
      } else {
        idle_.push_back(std::move(c));
      }
    }
    cv_.notify_one();
  }

  // Runs fn(tx) in one transaction of isolation L, committing when fn returns OK.
  // fn returns Status or Result<T>. Retries serialization failures, deadlocks and lost
  // connections (before COMMIT) up to max_attempts; maps other failures to a Status.
  template <pqxx::isolation_level L = pqxx::read_committed, pqxx::readwrite_policy RW = pqxx::read_write,
            typename F>
  auto Run(F&& fn) -> std::invoke_result_t<F, pqxx::transaction_base&> {
    Status last = Status::Unavailable("PostgreSQL: no attempt made");
    for (int attempt = 1; attempt <= options_.max_attempts; ++attempt) {
      if (attempt > 1) Backoff(attempt);
      auto lease = Acquire();
      if (!lease.ok()) {
        last = lease.status();
        continue;
      }
      try {
        pqxx::transaction<L, RW> tx(**lease);
        auto r = fn(static_cast<pqxx::transaction_base&>(tx));
        if (!r.ok()) return r;  // tx rolls back on destruction
        tx.commit();
        return r;
      } catch (const pqxx::in_doubt_error& e) {
        lease->MarkBroken();
        return Status::Unavailable("PostgreSQL: connection lost during commit; outcome unknown");
      } catch (const pqxx::broken_connection& e) {
        lease->MarkBroken();
        last = Status::Unavailable("PostgreSQL: connection lost: " + Scrub(e.what(), password_));
      } catch (const pqxx::unique_violation& e) {
        return Status::Conflict("duplicate key: " + Scrub(e.what(), password_));
      } catch (const pqxx::foreign_key_violation& e) {
        return Status::NotFound("referenced row missing: " + Scrub(e.what(), password_));
      } catch (const pqxx::sql_error& e) {
        if (!IsRetryable(e)) {
          if (!(*lease)->is_open()) lease->MarkBroken();
          // 57P01 admin shutdown, 08xxx connection exceptions: the server went away.
          if (e.sqlstate().rfind("08", 0) == 0 || e.sqlstate().rfind("57P", 0) == 0) {
            lease->MarkBroken();
            last = Status::Unavailable("PostgreSQL: " + Scrub(e.what(), password_));
            continue;
          }
          return Status::Internal("PostgreSQL " + e.sqlstate() + ": " + Scrub(e.what(), password_));
        }
        last = Status::Unavailable("PostgreSQL: gave up after repeated serialization failures or deadlocks");
      } catch (const std::exception& e) {
        if (!(*lease)->is_open()) {
          lease->MarkBroken();
          last = Status::Unavailable("PostgreSQL: " + Scrub(e.what(), password_));
          continue;
        }
        return Status::Internal("PostgreSQL: " + Scrub(e.what(), password_));
      }
    }
    return last;
  }

  std::vector<int> BackendPids() {
    std::lock_guard lock(mu_);
    std::vector<int> pids;
    for (auto& c : idle_) pids.push_back(c->backendpid());
    return pids;
  }
  int open() {
    std::lock_guard lock(mu_);
    return open_;
  }
  const std::string& conninfo() const { return conninfo_; }
  const std::string& password() const { return password_; }

 private:
  static void Backoff(int attempt) {
    thread_local std::mt19937 rng{std::random_device{}()};
    int cap = std::min(200, 5 << attempt);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(1, cap)(rng)));
  }

  std::string conninfo_, password_;
  PostgresOptions options_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;  // guarded by mu_
  int open_ = 0;                                          // idle + leased; guarded by mu_
};

/// The shared SQL's transaction (store/drieluik_sql.h) over `tx`, which the caller owns.
std::unique_ptr<SqlTx> MakeSqlTx(pqxx::transaction_base& tx);

}  // namespace drieluik::store::postgres
