// serve, init, demo and version as a user runs them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/run_command.h"

namespace drieluik::testing {
namespace {

namespace fs = std::filesystem;

CommandRun Drieluik(const std::string& args) { return RunCommand(DRIELUIK_BIN, args); }

class FoundationCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("drieluik-foundation-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(FoundationCommandsTest, EverySubcommandHasHelp) {
  for (const char* sub : {"serve", "init", "demo", "version", "estimate", "link", "backup", "restore", "migrate-store",
                          "rotate-key"}) {
    CommandRun r = Drieluik(std::string(sub) + " --help");
    EXPECT_EQ(r.exit_code, 0) << sub << ": " << r.output;
    EXPECT_NE(r.output.find("Usage"), std::string::npos) << sub;
  }
  CommandRun serve = Drieluik("serve --help");
  for (const char* opt : {"--data", "--database", "--key-file", "--bind", "--port", "--backlog"})
    EXPECT_NE(serve.output.find(opt), std::string::npos) << opt;
  EXPECT_EQ(Drieluik("version").output, "drieluik 0.1.0\n");
}

TEST_F(FoundationCommandsTest, InitThenDemoLoadsTheRegionOnce) {
  CommandRun init = Drieluik("init --data " + dir_.string());
  ASSERT_EQ(init.exit_code, 0) << init.output;
  EXPECT_NE(init.output.find("(schema "), std::string::npos) << init.output;
  // No key given: init made the key file for encryption at rest, readable by its owner only.
  EXPECT_NE(init.output.find("new key file " + (dir_ / "drieluik.keys").string() + " created"), std::string::npos)
      << init.output;
  ASSERT_TRUE(fs::exists(dir_ / "drieluik.keys"));
  EXPECT_EQ(fs::status(dir_ / "drieluik.keys").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  CommandRun demo = Drieluik("demo --data " + dir_.string() + " --signals 40 --seed 7");
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  EXPECT_NE(demo.output.find("40 meldingen / signals"), std::string::npos) << demo.output;
  // Demo logins for every role are printed (issue 3: make run prints them).
  for (const char* login : {"af.westerwolde", "zc.zvhg", "kr.zvhg", "politie.tmm", "handhaving.groningen",
                            "beleid.groningen", "fg.regio", "beheer"})
    EXPECT_NE(demo.output.find(login), std::string::npos) << login;
  CommandRun users = Drieluik("user list --format json --data " + dir_.string());
  ASSERT_EQ(users.exit_code, 0) << users.output;
  EXPECT_NE(users.output.find("\"username\": \"kr.zvhg\""), std::string::npos) << users.output;
  EXPECT_NE(users.output.find("\"role\": \"ketenregisseur\""), std::string::npos) << users.output;
  CommandRun again = Drieluik("demo --data " + dir_.string());
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_NE(again.output.find("database already has 40 signals"), std::string::npos) << again.output;
}

TEST_F(FoundationCommandsTest, RetentionRunAppliesTheTermsAndRefusesABadConfiguration) {
  ASSERT_EQ(Drieluik("demo --data " + dir_.string() + " --signals 30 --seed 3").exit_code, 0);
  CommandRun run = Drieluik("retention run --data " + dir_.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("signals anonymised"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("cases anonymised"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("meetings anonymised"), std::string::npos) << run.output;
  std::ofstream(dir_ / "kort.json")
      << R"({"signal_closed_days":730,"reporter_contact_days":365,"audit_days":10,"case_closed_days":1825})";
  CommandRun bad = Drieluik("retention run --data " + dir_.string() + " --retention-config " + (dir_ / "kort.json").string());
  EXPECT_EQ(bad.exit_code, 3) << bad.output;
  EXPECT_NE(bad.output.find("/audit_days must be at least 730"), std::string::npos) << bad.output;
  std::ofstream(dir_ / "oud.json") << R"({"signal_closed_days":730,"reporter_contact_days":365,"audit_days":1825})";
  CommandRun old = Drieluik("retention run --data " + dir_.string() + " --retention-config " + (dir_ / "oud.json").string());
  EXPECT_EQ(old.exit_code, 3) << old.output;
  EXPECT_NE(old.output.find("/case_closed_days must be a whole number of days"), std::string::npos) << old.output;
  CommandRun verify = Drieluik("audit verify --data " + dir_.string());
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

TEST_F(FoundationCommandsTest, UnknownDatabaseSchemeIsAClearError) {
  CommandRun r = Drieluik("init --database mysql://x");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("Unknown database type 'mysql'"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace drieluik::testing
