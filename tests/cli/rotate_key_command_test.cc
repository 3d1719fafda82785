// drieluik rotate-key and the key options (--key-file, DATA/drieluik.keys) as a user runs
// them: a wrong or missing key is refused with a clear message and changes nothing; after a
// rotation only the new key file opens the database.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crypto/key_ring.h"
#include "support/run_command.h"

namespace drieluik::testing {
namespace {

namespace fs = std::filesystem;

CommandRun Drieluik(const std::string& args) { return RunCommand(DRIELUIK_BIN, args); }

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class RotateKeyCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // These tests are about where keys come from: no keys in the environment.
    ::unsetenv(crypto::kKeysEnvironmentVariable);
    ::unsetenv(crypto::kKeyEnvironmentVariableAlias);
    dir_ = fs::temp_directory_path() / ("drieluik-rotate-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    data_ = " --data " + dir_.string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  void WriteKeyFile(const fs::path& p, const std::string& text, mode_t mode = 0600) {
    std::ofstream(p) << text;
    ::chmod(p.c_str(), mode);
  }
  fs::path dir_;
  std::string data_;
};

TEST_F(RotateKeyCommandTest, RotatesEverySignalToTheNewKeyFile) {
  ASSERT_EQ(Drieluik("demo" + data_ + " --signals 30 --seed 3").exit_code, 0);
  fs::path next = dir_ / "next.keys";
  CommandRun r = Drieluik("rotate-key" + data_ + " --batch 7 --new-key-file " + next.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("new key file: " + next.string()), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("30 signals and 0 additions re-encrypted under key k"), std::string::npos) << r.output;
  // The new file: the old key, then the new current one; owner-only.
  EXPECT_EQ(fs::status(next).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  std::string text = Read(next);
  EXPECT_NE(text.find("k1="), std::string::npos);
  EXPECT_NE(text.find("\nk2"), std::string::npos) << "a timestamped id k2026...";

  // The new file opens it; the old one (without the new key) is refused.
  CommandRun with_new = Drieluik("init" + data_ + " --key-file " + next.string());
  EXPECT_EQ(with_new.exit_code, 0) << with_new.output;
  CommandRun with_old = Drieluik("init" + data_);
  EXPECT_EQ(with_old.exit_code, 5) << with_old.output;
  EXPECT_NE(with_old.output.find("which is not in the key ring; nothing was changed"), std::string::npos)
      << with_old.output;

  // Running it again finds nothing left to do (resumable, idempotent).
  CommandRun again = Drieluik("rotate-key" + data_ + " --key-file " + next.string() + " --new-key-file " + next.string());
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("0 signals and 0 additions re-encrypted"), std::string::npos) << again.output;
}

TEST_F(RotateKeyCommandTest, AWrongKeyFileIsRefusedAndChangesNothing) {
  ASSERT_EQ(Drieluik("demo" + data_ + " --signals 5 --seed 3").exit_code, 0);
  std::string before = Read(dir_ / "drieluik.db");
  fs::path wrong = dir_ / "wrong.keys";
  WriteKeyFile(wrong, crypto::KeyRing::GenerateKeyLine("k1") + "\n");
  CommandRun r = Drieluik("demo" + data_ + " --force --signals 5 --key-file " + wrong.string());
  EXPECT_EQ(r.exit_code, 5) << r.output;
  EXPECT_NE(r.output.find("key \"k1\" of the key file is not the key this database was encrypted with"),
            std::string::npos)
      << r.output;
  CommandRun rot = Drieluik("rotate-key" + data_ + " --key-file " + wrong.string() + " --new-key-file " +
                            (dir_ / "n.keys").string());
  EXPECT_EQ(rot.exit_code, 5) << rot.output;
  EXPECT_EQ(Read(dir_ / "drieluik.db"), before);
  CommandRun count = Drieluik("demo" + data_);
  EXPECT_NE(count.output.find("already has 5 signals"), std::string::npos) << count.output;
}

TEST_F(RotateKeyCommandTest, KeyFilesReadableByOthersOrMissingAreRefused) {
  fs::path open = dir_ / "open.keys";
  WriteKeyFile(open, crypto::KeyRing::GenerateKeyLine("k1") + "\n", 0644);
  CommandRun r = Drieluik("init" + data_ + " --key-file " + open.string());
  EXPECT_EQ(r.exit_code, 5) << r.output;
  EXPECT_NE(r.output.find("may be read or written by group or others; run chmod 600 on it"), std::string::npos)
      << r.output;
  CommandRun missing = Drieluik("serve" + data_ + " --port 0");
  EXPECT_EQ(missing.exit_code, 5) << missing.output;
  EXPECT_NE(missing.output.find("no keys: give --key-file, set DRIELUIK_KEYS"), std::string::npos) << missing.output;
  EXPECT_FALSE(fs::exists(dir_ / "drieluik.keys"));  // serve never makes a key up
}

}  // namespace
}  // namespace drieluik::testing
