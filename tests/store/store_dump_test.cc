// Export and load between every pair of backends: a copy holds the same rows, works as
// a store (search, new ids), and a load refuses a target that already has data.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <pqxx/pqxx>
#include <set>

#include "support/sample_signal.h"
#include "support/table_rows.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

using namespace domain;
using testing::At;
using testing::SampleSignal;

void Fill(store::Store& db) { ASSERT_TRUE(testing::FillSample(db).ok()); }

class StoreDumpTest : public ::testing::TestWithParam<std::tuple<const char*, const char*>> {
 protected:
  void SetUp() override {
    from_ = std::make_unique<testing::TestStore>(std::get<0>(GetParam()));
    if (!from_->store()) GTEST_SKIP() << from_->skip_reason();
    to_ = std::make_unique<testing::TestStore>(std::get<1>(GetParam()));
    if (!to_->store()) GTEST_SKIP() << to_->skip_reason();
  }
  std::unique_ptr<testing::TestStore> from_, to_;
};

TEST_P(StoreDumpTest, CopyHoldsEveryRowAndWorks) {
  Fill(*from_->store());
  ASSERT_TRUE(testing::CopyAllRows(*from_->store(), *to_->store()).ok());
  auto src = testing::ReadAllRows(*from_->store());
  auto dst = testing::ReadAllRows(*to_->store());
  ASSERT_TRUE(src.ok() && dst.ok());
  EXPECT_EQ(src->at("signals").size(), 2u);
  EXPECT_EQ(src->at("signal_forms").size(), 3u);
  EXPECT_EQ(src->at("signal_history").size(), 4u);
  EXPECT_EQ(src->at("signal_additions").size(), 1u);
  EXPECT_EQ(*src, *dst);

  store::Store& db = *to_->store();
  auto got = db.FindByReference("MH-2026-DUMP02");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->content.description, "Meisje van vijftien bij een loverboy; \"aanhalingstekens\" en é ü ß 🙂");
  EXPECT_EQ(got->additions.size(), 1u);
  EXPECT_EQ(*db.PublicSecretHash(got->id), "argon2id:$v=19$abc");
  SignalFilter f;
  f.text = "LOVERBOY";  // the word indexes were copied (whole words, any case)
  ASSERT_EQ(db.List(f)->items.size(), 1u);
  auto fresh = db.Insert(SampleSignal("MH-2026-DUMP03"));
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_GT(fresh->id, got->id);  // id sequences continue after the copied rows
}

TEST_P(StoreDumpTest, LoadRefusesATargetWithData) {
  Fill(*from_->store());
  ASSERT_TRUE(to_->store()->Insert(SampleSignal("MH-2026-THERE1")).ok());
  auto load = to_->store()->BeginLoad();
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(*to_->store()->Count(), 1);
}

TEST_P(StoreDumpTest, AnUncommittedLoadLeavesNothing) {
  Fill(*from_->store());
  {
    auto load = to_->store()->BeginLoad();
    ASSERT_TRUE(load.ok());
    Status exported = from_->store()->Export([&](const store::TableSpec& t, const store::Row& r) {
      return (*load)->Append(t, r);
    });
    ASSERT_TRUE(exported.ok()) << exported.ToString();
  }  // destroyed without Commit
  EXPECT_EQ(*to_->store()->Count(), 0);
  EXPECT_TRUE(to_->store()->Insert(SampleSignal("MH-2026-AFTER1")).ok());
}

INSTANTIATE_TEST_SUITE_P(Pairs, StoreDumpTest,
                         ::testing::Combine(::testing::ValuesIn(testing::kBackends),
                                            ::testing::ValuesIn(testing::kBackends)));

// The tables and columns each backend's schema has, minus bookkeeping and derived data.
std::map<std::string, std::set<std::string>> SqliteSchema(const std::string& path) {
  std::map<std::string, std::set<std::string>> out;
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' "
                     "AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'signal_search%' "
                     "AND m.name <> 'schema_migrations'",
                     -1, &st, nullptr);
  while (sqlite3_step(st) == SQLITE_ROW)
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))].insert(
        reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

std::map<std::string, std::set<std::string>> PostgresSchema(const std::string& conninfo) {
  std::map<std::string, std::set<std::string>> out;
  pqxx::connection c(conninfo);
  pqxx::nontransaction tx(c);
  for (const auto& r : tx.exec("SELECT table_name, column_name FROM information_schema.columns "
                               "WHERE table_schema = 'public' AND table_name <> 'schema_migrations' "
                               "AND is_generated = 'NEVER'"))
    out[r[0].as<std::string>()].insert(r[1].as<std::string>());
  return out;
}

TEST(DumpTablesTest, CoverEveryTableAndColumnOfBothBackends) {
  std::map<std::string, std::set<std::string>> spec;
  for (const auto& t : store::DumpTables()) spec[t.name] = {t.columns.begin(), t.columns.end()};
  testing::TestStore lite("sqlite");
  EXPECT_EQ(SqliteSchema(lite.url().substr(7)), spec);
  testing::TestStore pg("postgres");
  if (!pg.store()) GTEST_SKIP() << pg.skip_reason();
  EXPECT_EQ(PostgresSchema(pg.url()), spec);
}

}  // namespace
}  // namespace drieluik
