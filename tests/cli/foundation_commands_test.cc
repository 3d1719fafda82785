// serve, init, demo and version as a user runs them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

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
  for (const char* sub : {"serve", "init", "demo", "version", "estimate", "link", "backup", "restore", "migrate-store"}) {
    CommandRun r = Drieluik(std::string(sub) + " --help");
    EXPECT_EQ(r.exit_code, 0) << sub << ": " << r.output;
    EXPECT_NE(r.output.find("Usage"), std::string::npos) << sub;
  }
  CommandRun serve = Drieluik("serve --help");
  for (const char* opt : {"--data", "--database", "--bind", "--port", "--backlog"})
    EXPECT_NE(serve.output.find(opt), std::string::npos) << opt;
  EXPECT_EQ(Drieluik("version").output, "drieluik 0.1.0\n");
}

TEST_F(FoundationCommandsTest, InitThenDemoLoadsTheRegionOnce) {
  CommandRun init = Drieluik("init --data " + dir_.string());
  ASSERT_EQ(init.exit_code, 0) << init.output;
  EXPECT_NE(init.output.find("(schema "), std::string::npos) << init.output;
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

TEST_F(FoundationCommandsTest, UnknownDatabaseSchemeIsAClearError) {
  CommandRun r = Drieluik("init --database mysql://x");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("Unknown database type 'mysql'"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace drieluik::testing
