// KeyRing: key-file parsing, its errors (with file and line), permissions, the environment.
#include "crypto/key_ring.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "crypto/test_keys.h"

namespace drieluik::crypto {
namespace {

using namespace test_keys;

std::string ErrorOf(std::string_view text) {
  Result<KeyRing> r = KeyRing::Parse(text, "keys.txt");
  return r.ok() ? "ok" : r.error().message();
}

// A key file with the given mode, removed when the test process ends.
std::string TempFile(const std::string& content, mode_t mode) {
  static int counter = 0;
  std::string path = ::testing::TempDir() + "drieluik_keys_" + std::to_string(::getpid()) + "_" +
                     std::to_string(++counter);
  std::ofstream(path) << content;
  ::chmod(path.c_str(), mode);
  struct Cleanup {
    std::vector<std::string> paths;
    ~Cleanup() {
      for (const std::string& p : paths) ::unlink(p.c_str());
    }
  };
  static Cleanup cleanup;
  cleanup.paths.push_back(path);
  return path;
}

TEST(KeyRingTest, LastKeyIsCurrentAndAllAreKept) {
  Result<KeyRing> r = KeyRing::Parse(std::string("# drieluik keys\n\n") + kK1 + "  " + kK2, "keys.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->current_id(), "k2");
  EXPECT_EQ(r->ids(), (std::vector<std::string>{"k1", "k2"}));
  EXPECT_TRUE(r->Has("k1"));
  EXPECT_FALSE(r->Has("k3"));
}

TEST(KeyRingTest, ParseErrorsNameFileLineAndNeverTheKey) {
  EXPECT_EQ(ErrorOf(""), "keys.txt: no keys");
  EXPECT_EQ(ErrorOf("# only a comment\n"), "keys.txt: no keys");
  EXPECT_EQ(ErrorOf(std::string(kK1) + "just text\n"), "keys.txt:2: expected id=base64key");
  EXPECT_EQ(ErrorOf("k:1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n"),
            "keys.txt:1: key id must be 1-32 characters of A-Z a-z 0-9 _ -");
  EXPECT_EQ(ErrorOf("=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=\n"),
            "keys.txt:1: key id must be 1-32 characters of A-Z a-z 0-9 _ -");
  EXPECT_EQ(ErrorOf(std::string(kK1) + kK1), "keys.txt:2: duplicate key id \"k1\"");
  EXPECT_EQ(ErrorOf("k1=not*base64\n"), "keys.txt:1: key \"k1\" is not valid base64");
  EXPECT_EQ(ErrorOf("k1=c2hvcnQga2V5IG9mIDE2Yg==\n"), "keys.txt:1: key \"k1\" has 16 bytes; at least 32 are required");
}

TEST(KeyRingTest, LongerKeysAreAccepted) {
  EXPECT_EQ(ErrorOf("long=eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4\n"), "ok");
  EXPECT_EQ(ErrorOf("k1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY\n"), "ok");  // without padding
}

TEST(KeyRingTest, GeneratedLinesParse) {
  std::string line = KeyRing::GenerateKeyLine("2026-11");
  EXPECT_EQ(line.rfind("2026-11=", 0), 0u);
  EXPECT_EQ(line.size(), 8u + 44u);
  Result<KeyRing> r = KeyRing::Parse(line, "generated");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->current_id(), "2026-11");
  EXPECT_NE(KeyRing::GenerateKeyLine("a"), KeyRing::GenerateKeyLine("a"));
}

TEST(KeyRingTest, KeyFileMustBePrivate) {
  std::string open = TempFile(kK1, 0644);
  Result<KeyRing> r = KeyRing::LoadFile(open);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message(), "key file " + open + " may be read or written by group or others; run chmod 600 on it");
  EXPECT_FALSE(KeyRing::LoadFile(TempFile(kK1, 0640)).ok());

  std::string priv = TempFile(std::string(kK1) + kK2, 0600);
  Result<KeyRing> ok = KeyRing::LoadFile(priv);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->current_id(), "k2");
  EXPECT_TRUE(KeyRing::LoadFile(TempFile(kK1, 0400)).ok());

  Result<KeyRing> missing = KeyRing::LoadFile("/nonexistent/drieluik.keys");
  EXPECT_EQ(missing.error().code(), StatusCode::kNotFound);
  EXPECT_EQ(KeyRing::LoadFile("/").error().message(), "key file / is not a regular file");
}

TEST(KeyRingTest, EnvironmentValueUsesSeparators) {
  Result<KeyRing> r = KeyRing::FromEnvironmentValue(
      "k1=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=;k2=ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->current_id(), "k2");
  EXPECT_EQ(KeyRing::FromEnvironmentValue("k1=c2hvcnQ=").error().message(),
            "DRIELUIK_KEYS:1: key \"k1\" has 5 bytes; at least 32 are required");
}

TEST(KeyRingTest, LoadPrefersTheFileThenTheEnvironment) {
  ::unsetenv(kKeysEnvironmentVariable);
  ::unsetenv(kKeyEnvironmentVariableAlias);
  Result<KeyRing> none = KeyRing::Load("");
  EXPECT_EQ(none.error().message(), "no keys: give a key file (--key-file) or set DRIELUIK_KEYS");
  EXPECT_FALSE(KeyRing::EnvironmentHasKeys());
  ::setenv(kKeyEnvironmentVariableAlias, kK1, 1);  // DRIELUIK_KEY, when DRIELUIK_KEYS is unset
  EXPECT_TRUE(KeyRing::EnvironmentHasKeys());
  EXPECT_EQ(KeyRing::Load("")->current_id(), "k1");
  ::setenv(kKeysEnvironmentVariable, kK2, 1);
  EXPECT_EQ(KeyRing::Load("")->current_id(), "k2");
  EXPECT_EQ(KeyRing::Load(TempFile(kK1, 0600))->current_id(), "k1");
  ::unsetenv(kKeysEnvironmentVariable);
  ::unsetenv(kKeyEnvironmentVariableAlias);
}

TEST(KeyRingTest, MergeKeepsOldKeysAndMakesTheNewCurrent) {
  Result<KeyRing> old = KeyRing::Parse(kK1, "old");
  Result<KeyRing> next = KeyRing::Parse(std::string(kK1) + kK2, "new");
  ASSERT_TRUE(old.ok() && next.ok());
  Result<KeyRing> merged = old->Merge(*next);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->ids(), (std::vector<std::string>{"k1", "k2"}));
  EXPECT_EQ(merged->current_id(), "k2");
  // The same id with another key is refused.
  Result<KeyRing> clash = KeyRing::Parse("k1=ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=\n", "clash");
  ASSERT_TRUE(clash.ok());
  EXPECT_EQ(old->Merge(*clash).error().message(), "key id \"k1\" differs between the old and the new keys");
}

TEST(KeyRingTest, DerivedKeysDifferPerKeyContextAndSubkey) {
  KeyRing ring = *KeyRing::Parse(std::string(kK1) + kK2, "t");
  EXPECT_NE(ring.DeriveKey("k1", "dlkfield", 1), ring.DeriveKey("k2", "dlkfield", 1));
  EXPECT_NE(ring.DeriveKey("k1", "dlkfield", 1), ring.DeriveKey("k1", "dlkbidx_", 1));
  EXPECT_NE(ring.DeriveKey("k1", "dlkbidx_", 1), ring.DeriveKey("k1", "dlkbidx_", 2));
  EXPECT_EQ(ring.DeriveKey("k1", "dlkfield", 1), ring.DeriveKey("k1", "dlkfield", 1));
}

}  // namespace
}  // namespace drieluik::crypto
