// drieluik backup, restore and migrate-store, run as a user runs them: each copy is
// compared with its source table by table, row by row, on both backends.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>

#include "support/sample_signal.h"
#include "support/table_rows.h"
#include "support/test_store.h"

namespace drieluik {
namespace {

namespace fs = std::filesystem;

struct CommandRun {
  int exit_code;
  std::string output;  // stdout and stderr
};

CommandRun Drieluik(const std::string& args) {
  std::string cmd = std::string(DRIELUIK_BIN) + " " + args + " 2>&1";
  CommandRun r{-1, ""};
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) r.output.append(buf, n);
  int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string Q(const std::string& s) { return "'" + s + "'"; }

class StoreCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("drieluik-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  testing::TableRows Rows(store::Store& s) {
    auto r = testing::ReadAllRows(s);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : testing::TableRows{};
  }
  static bool HavePostgres() { return std::getenv("DRIELUIK_TEST_PG") && *std::getenv("DRIELUIK_TEST_PG"); }
  fs::path dir_;
};

TEST_F(StoreCommandsTest, SqliteBackupRestoresIntoSqliteAndPostgres) {
  testing::TestStore src("sqlite");
  ASSERT_TRUE(testing::FillSample(*src.store()).ok());
  std::string backup = (dir_ / "backup.db").string();
  CommandRun b = Drieluik("backup --database " + Q(src.url()) + " --output " + Q(backup));
  ASSERT_EQ(b.exit_code, 0) << b.output;
  EXPECT_EQ(b.output, "Back-up geschreven naar " + backup + "\n");

  std::string restored = "sqlite:" + (dir_ / "restored.db").string();
  CommandRun r = Drieluik("restore --lang en --input " + Q(backup) + " --database " + Q(restored));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "Restored: 2 signals\n");
  auto copy = store::OpenStore(restored);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(Rows(**copy), Rows(*src.store()));

  if (!HavePostgres()) GTEST_SKIP() << "DRIELUIK_TEST_PG is not set";
  testing::TestStore pg("postgres", /*migrate=*/false);
  CommandRun p = Drieluik("restore --input " + Q(backup) + " --database " + Q(pg.url()));
  ASSERT_EQ(p.exit_code, 0) << p.output;
  ASSERT_TRUE(pg.Reopen().ok());
  EXPECT_EQ(Rows(*pg.store()), Rows(*src.store()));
}

TEST_F(StoreCommandsTest, PostgresBackupRestoresThroughPgDump) {
  if (!HavePostgres()) GTEST_SKIP() << "DRIELUIK_TEST_PG is not set";
  testing::TestStore src("postgres");
  ASSERT_TRUE(testing::FillSample(*src.store()).ok());
  std::string backup = (dir_ / "backup.pgdump").string();
  CommandRun b = Drieluik("backup --database " + Q(src.url()) + " --output " + Q(backup));
  ASSERT_EQ(b.exit_code, 0) << b.output;
  testing::TestStore target("postgres", /*migrate=*/false);
  CommandRun r = Drieluik("restore --input " + Q(backup) + " --database " + Q(target.url()));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "Teruggezet: 2 meldingen\n");
  ASSERT_TRUE(target.Reopen().ok());
  EXPECT_EQ(Rows(*target.store()), Rows(*src.store()));
  // Restoring again into the now filled database is refused.
  CommandRun again = Drieluik("restore --input " + Q(backup) + " --database " + Q(target.url()));
  EXPECT_EQ(again.exit_code, 5) << again.output;
}

TEST_F(StoreCommandsTest, MigrateStoreSqliteToPostgresAndBack) {
  if (!HavePostgres()) GTEST_SKIP() << "DRIELUIK_TEST_PG is not set";
  testing::TestStore lite("sqlite");
  ASSERT_TRUE(testing::FillSample(*lite.store()).ok());
  // Accounts and an audit trail come along (user add and token create are audited).
  CommandRun user = Drieluik("user add --username kr.migratie --role ketenregisseur --organisation zvhg --database " +
                             Q(lite.url()));
  ASSERT_EQ(user.exit_code, 0) << user.output;
  CommandRun token = Drieluik("token create --user kr.migratie --database " + Q(lite.url()));
  ASSERT_EQ(token.exit_code, 0) << token.output;
  testing::TestStore pg("postgres");
  CommandRun there = Drieluik("migrate-store --lang en --from " + Q(lite.url()) + " --to " + Q(pg.url()));
  ASSERT_EQ(there.exit_code, 0) << there.output;
  for (const char* line : {"signals                       2 rows copied and verified\n",
                           "signal_forms                  3 rows copied and verified\n",
                           "signal_history                4 rows copied and verified\n",
                           "signal_additions              1 rows copied and verified\n",
                           "signal_link_keys              3 rows copied and verified\n",
                           "users                         1 rows copied and verified\n",
                           "api_tokens                    1 rows copied and verified\n",
                           "audit_log                     2 rows copied and verified\n"})
    EXPECT_NE(there.output.find(line), std::string::npos) << line << there.output;
  EXPECT_EQ(Rows(*pg.store()), Rows(*lite.store()));
  // The audit chain is intact on the target (issue 6 point 6).
  CommandRun verify = Drieluik("audit verify --database " + Q(pg.url()));
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("intact: 2"), std::string::npos) << verify.output;

  std::string back = "sqlite:" + (dir_ / "back.db").string();
  CommandRun home = Drieluik("migrate-store --from " + Q(pg.url()) + " --to " + Q(back));
  ASSERT_EQ(home.exit_code, 0) << home.output;
  auto copy = store::OpenStore(back);
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(Rows(**copy), Rows(*lite.store()));

  // A target that holds signals is refused and left as it was.
  CommandRun again = Drieluik("migrate-store --from " + Q(lite.url()) + " --to " + Q(back));
  EXPECT_EQ(again.exit_code, 5) << again.output;
  EXPECT_NE(again.output.find("already holds signals"), std::string::npos) << again.output;
  EXPECT_EQ(*(*copy)->Count(), 2);
}

TEST_F(StoreCommandsTest, RefusalsSayWhyAndNeverShowThePassword) {
  std::string existing = (dir_ / "exists.db").string();
  std::fclose(std::fopen(existing.c_str(), "w"));
  testing::TestStore src("sqlite");
  CommandRun b = Drieluik("backup --database " + Q(src.url()) + " --output " + Q(existing));
  EXPECT_EQ(b.exit_code, 3) << b.output;
  EXPECT_NE(b.output.find("--output"), std::string::npos) << b.output;

  CommandRun r = Drieluik("restore --input " + Q(existing) + " --database sqlite:" + Q((dir_ / "x.db").string()));
  EXPECT_EQ(r.exit_code, 3) << r.output;  // an empty file is no backup
  EXPECT_NE(r.output.find("not_a_backup"), std::string::npos) << r.output;

  CommandRun m = Drieluik("migrate-store --from 'postgresql://app:Geheim123@127.0.0.1:1/drieluik' --to sqlite:" +
                   Q((dir_ / "y.db").string()));
  EXPECT_EQ(m.exit_code, 6) << m.output;
  EXPECT_EQ(m.output.find("Geheim123"), std::string::npos) << m.output;
}

}  // namespace
}  // namespace drieluik
