// PostgreSQL-only behaviour: the pool under concurrency, retries, lost connections and
// what error messages may say. Skips when DRIELUIK_TEST_PG is unset.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "store/postgres/postgres_store.h"
#include "support/sample_signal.h"
#include "support/test_keys.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

using namespace domain;
using store::postgres::PostgresOptions;
using store::postgres::PostgresStore;
using testing::At;
using testing::SampleSignal;

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ts_ = std::make_unique<testing::TestStore>("postgres");
    if (!ts_->store()) GTEST_SKIP() << ts_->skip_reason();
  }
  std::unique_ptr<PostgresStore> OpenPool(int size) {
    PostgresOptions o;
    o.pool_size = size;
    auto s = PostgresStore::Open(ts_->url(), o, testing::TestKeys());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s).value() : nullptr;
  }
  std::unique_ptr<testing::TestStore> ts_;
};

TEST(PostgresRedactTest, PasswordsNeverShow) {
  using store::postgres::RedactConninfo;
  EXPECT_EQ(RedactConninfo("postgresql://drieluik:Geheim123@db.regio.nl:5432/drieluik"),
            "postgresql://drieluik:***@db.regio.nl:5432/drieluik");
  EXPECT_EQ(RedactConninfo("host=db dbname=drieluik user=app password=Geheim123 sslmode=require"),
            "host=db dbname=drieluik user=app password=*** sslmode=require");
  EXPECT_EQ(RedactConninfo("host=db password = 'Ge heim' user=app"), "host=db password = '***' user=app");
  EXPECT_EQ(RedactConninfo("postgres://app@db/drieluik"), "postgres://app@db/drieluik");
  EXPECT_EQ(RedactConninfo("postgresql://db/drieluik?user=app&password=Geheim123&sslmode=require"),
            "postgresql://db/drieluik?user=app&password=***&sslmode=require");
}

TEST(PostgresRedactTest, SplitPasswordDropsItFromTheConnectionString) {
  using store::postgres::SplitPassword;
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(SplitPassword("postgresql://app:Ge%40heim@db:5432/drieluik"), P("postgresql://app@db:5432/drieluik", "Ge@heim"));
  EXPECT_EQ(SplitPassword("postgresql://db/d?password=x1&sslmode=require"), P("postgresql://db/d?sslmode=require", "x1"));
  EXPECT_EQ(SplitPassword("postgresql://db/d?sslmode=require&password=x1"), P("postgresql://db/d?sslmode=require", "x1"));
  EXPECT_EQ(SplitPassword("postgresql://db/d?password=x1"), P("postgresql://db/d", "x1"));
  EXPECT_EQ(SplitPassword("host=db password='a b' user=app"), P("host=db user=app", "a b"));
  EXPECT_EQ(SplitPassword("host=db user=app password=x1"), P("host=db user=app", "x1"));
  EXPECT_EQ(SplitPassword("host=db user=app"), P("host=db user=app", ""));
}

TEST(PostgresOpenTest, UnreachableServerIsUnavailableWithoutThePassword) {
  auto s = store::OpenStore("postgresql://drieluik:Geheim123@127.0.0.1:1/drieluik?connect_timeout=2");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), StatusCode::kUnavailable);
  EXPECT_EQ(s.error().message().find("Geheim123"), std::string::npos) << s.error().message();
  EXPECT_NE(s.error().message().find("postgresql://drieluik:***@127.0.0.1:1/drieluik"), std::string::npos)
      << s.error().message();
}

TEST_F(PostgresStoreTest, PoolSizeComesFromTheEnvironment) {
  ::setenv("DRIELUIK_PG_POOL_SIZE", "0", 1);
  auto bad = store::OpenStore(ts_->url());
  ::setenv("DRIELUIK_PG_POOL_SIZE", "3", 1);
  auto three = store::OpenStore(ts_->url(), testing::TestKeys());
  ::unsetenv("DRIELUIK_PG_POOL_SIZE");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.error().fields()[0].pointer, "DRIELUIK_PG_POOL_SIZE");
  ASSERT_TRUE(three.ok()) << three.status().ToString();
  auto* pg = dynamic_cast<PostgresStore*>(three->get());
  ASSERT_NE(pg, nullptr);
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) EXPECT_TRUE(pg->Count().ok());
    });
  for (auto& th : threads) th.join();
  EXPECT_LE(pg->open_connections(), 3);
}

TEST_F(PostgresStoreTest, DescribeNamesTheServerVersion) {
  EXPECT_EQ(ts_->store()->Describe().rfind("postgresql 1", 0), 0u) << ts_->store()->Describe();
}

// 16 writers × 50 read-modify-write updates of one signal: every update that succeeded
// is counted in the version (none lost), and every failure is a Conflict.
TEST_F(PostgresStoreTest, ManyWritersOnOneSignalLoseNoUpdate) {
  auto pool = OpenPool(8);
  ASSERT_TRUE(pool);
  auto s = pool->Insert(SampleSignal("MH-2026-CONC01"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::atomic<int> ok{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto cur = pool->Get(s->id);
        if (!cur.ok()) {
          ++other;
          continue;
        }
        Signal next = *cur;
        next.content.summary = "writer " + std::to_string(t) + " round " + std::to_string(i);
        next.content.forms = {i % 2 ? "SEKS" : "ARBEID"};
        auto r = pool->Update(next, cur->version, "normal", {At("2026-03-02T09:00:00Z"), "updated", "w", {"summary"}});
        if (r.ok()) ++ok;
        else if (r.error().code() == StatusCode::kConflict) ++conflicts;
        else ++other;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(ok.load() + conflicts.load(), 16 * 50);
  EXPECT_GT(ok.load(), 0);
  auto final_signal = pool->Get(s->id);
  ASSERT_TRUE(final_signal.ok());
  EXPECT_EQ(final_signal->version, ok.load() + 1);
  EXPECT_EQ(pool->History(s->id)->size(), static_cast<std::size_t>(ok.load() + 1));
  EXPECT_LE(pool->open_connections(), 8);
}

// Updates and public additions on one signal at once: both bump the version, neither
// deadlocks nor loses the other's change.
TEST_F(PostgresStoreTest, AdditionsBesideUpdatesKeepEveryVersion) {
  auto pool = OpenPool(8);
  ASSERT_TRUE(pool);
  auto s = pool->Insert(SampleSignal("MH-2026-CONC02"));
  ASSERT_TRUE(s.ok());
  std::atomic<int> updates{0}, additions{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        if (t % 2) {
          Status st = pool->AddAddition(s->id, {At("2026-03-03T08:00:00Z"), "aanvulling"},
                                        {At("2026-03-03T08:00:00Z"), "addition", "public", {"additions"}});
          if (st.ok()) ++additions;
          else ++other;
          continue;
        }
        auto cur = pool->Get(s->id);
        if (!cur.ok()) {
          ++other;
          continue;
        }
        auto r = pool->Update(*cur, cur->version, "normal", {At("2026-03-02T09:00:00Z"), "updated", "w", {}});
        if (r.ok()) ++updates;
        else if (r.error().code() != StatusCode::kConflict) ++other;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(additions.load(), 4 * 25);
  auto got = pool->Get(s->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->version, 1 + updates.load() + additions.load());
  EXPECT_EQ(got->additions.size(), 100u);
}

// Writers racing for the same reference codes: each code is stored exactly once.
TEST_F(PostgresStoreTest, ConcurrentInsertsNeverDuplicateAReferenceCode) {
  auto pool = OpenPool(8);
  ASSERT_TRUE(pool);
  std::atomic<int> ok{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 40; ++i) {
        char ref[32];
        std::snprintf(ref, sizeof ref, "MH-2026-R%05d", i);
        auto r = pool->Insert(SampleSignal(ref));
        if (r.ok()) ++ok;
        else if (r.error().code() == StatusCode::kConflict) ++conflicts;
        else ++other;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(ok.load(), 40);
  EXPECT_EQ(conflicts.load(), 7 * 40);
  EXPECT_EQ(*pool->Count(), 40);
  SignalFilter f;
  f.limit = 200;
  std::set<std::string> refs;
  for (auto& s : pool->List(f)->items) refs.insert(s.reference_code);
  EXPECT_EQ(refs.size(), 40u);
}

TEST_F(PostgresStoreTest, KilledConnectionsAreReplaced) {
  auto pool = OpenPool(4);
  ASSERT_TRUE(pool);
  auto s = pool->Insert(SampleSignal("MH-2026-KILL01"));
  ASSERT_TRUE(s.ok());
  std::vector<int> before = pool->TEST_BackendPids();
  ASSERT_FALSE(before.empty());
  {
    pqxx::connection admin(std::getenv("DRIELUIK_TEST_PG"));
    pqxx::nontransaction tx(admin);
    for (int pid : before) tx.exec_params("SELECT pg_terminate_backend($1)", pid);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // The next calls find the dead connection, drop it and succeed on a new one.
  auto got = pool->Get(s->id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->reference_code, "MH-2026-KILL01");
  auto ins = pool->Insert(SampleSignal("MH-2026-KILL02"));
  ASSERT_TRUE(ins.ok()) << ins.status().ToString();
  EXPECT_EQ(*pool->Count(), 2);
  for (int pid : pool->TEST_BackendPids()) EXPECT_EQ(std::count(before.begin(), before.end(), pid), 0);
}

TEST_F(PostgresStoreTest, PoolNeverOpensMoreThanItsSize) {
  auto pool = OpenPool(2);
  ASSERT_TRUE(pool);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i)
        if (!pool->Count().ok()) ++failures;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(pool->open_connections(), 2);
}

}  // namespace
}  // namespace drieluik
