// PasswordHasher with the MIN limits (about 1 ms a hash); one test checks the real
// INTERACTIVE settings once.
#include "crypto/password_hasher.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace drieluik::crypto {
namespace {

PasswordHasher& Fast() {
  static PasswordHasher h(PasswordHashOptions::Minimum());
  return h;
}

TEST(PasswordHasherTest, HashIsArgon2idWithTheConfiguredLimits) {
  Result<std::string> h = Fast().Hash("correct horse battery staple");
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->rfind("$argon2id$v=19$m=8,t=1,p=1$", 0), 0u) << *h;
}

TEST(PasswordHasherTest, VerifyAcceptsTheRightPasswordOnly) {
  std::string h = *Fast().Hash("Wachtwoord-2026!");
  EXPECT_TRUE(Fast().Verify("Wachtwoord-2026!", h));
  EXPECT_FALSE(Fast().Verify("wachtwoord-2026!", h));
  EXPECT_FALSE(Fast().Verify("Wachtwoord-2026", h));
  EXPECT_FALSE(Fast().Verify("", h));
}

TEST(PasswordHasherTest, SamePasswordGetsADifferentSaltEachTime) {
  EXPECT_NE(*Fast().Hash("geheim"), *Fast().Hash("geheim"));
}

TEST(PasswordHasherTest, VerifyRejectsGarbageAndTamperedHashes) {
  std::string h = *Fast().Hash("geheim");
  std::string tampered = h;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(Fast().Verify("geheim", tampered));
  EXPECT_FALSE(Fast().Verify("geheim", ""));
  EXPECT_FALSE(Fast().Verify("geheim", "not a hash"));
  EXPECT_FALSE(Fast().Verify("geheim", std::string(200, 'x')));
  EXPECT_FALSE(Fast().Verify("geheim", std::string("$argon2id\0x", 11)));
}

TEST(PasswordHasherTest, EmptyAndOverlongPasswordsAreFieldErrors) {
  Result<std::string> empty = Fast().Hash("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.error().fields(), (std::vector<FieldError>{{"/password", "required", {}}}));
  Result<std::string> longer = Fast().Hash(std::string(1025, 'a'));
  ASSERT_FALSE(longer.ok());
  EXPECT_EQ(longer.error().fields(), (std::vector<FieldError>{{"/password", "too_long", {{"max", "1024"}}}}));
  EXPECT_TRUE(Fast().Hash(std::string(1024, 'a')).ok());
}

TEST(PasswordHasherTest, NeedsRehashWhenLimitsDiffer) {
  std::string weak = *Fast().Hash("geheim");
  EXPECT_FALSE(Fast().NeedsRehash(weak));
  PasswordHasher stronger({2, 16384, 1});
  EXPECT_TRUE(stronger.NeedsRehash(weak));
  EXPECT_TRUE(stronger.Verify("geheim", weak));  // old hashes still verify
  EXPECT_FALSE(stronger.NeedsRehash(*stronger.Hash("geheim")));
  EXPECT_TRUE(Fast().NeedsRehash("garbage"));
  // An argon2i hash (another algorithm) must be upgraded.
  EXPECT_TRUE(Fast().NeedsRehash("$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                                 "l9/mYJmcw1w+GGQA/fSAYn3Kgv3yltO6tRPn0tRyH1s"));
}

TEST(PasswordHasherTest, UnknownUserVerificationIsAlwaysFalse) {
  EXPECT_FALSE(Fast().VerifyUnknownUser("geheim"));
  EXPECT_FALSE(Fast().VerifyUnknownUser(""));
}

TEST(PasswordHasherTest, ConcurrentHashesAreBounded) {
  PasswordHasher h({1, 8192, 2});
  std::vector<std::thread> threads;
  std::vector<bool> ok(8, false);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < 5; ++j) {
        std::string hash = *h.Hash("pw" + std::to_string(i));
        ok[i] = h.Verify("pw" + std::to_string(i), hash);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(ok.begin(), ok.end(), true), 8);
  EXPECT_GE(h.TEST_PeakConcurrent(), 1);
  EXPECT_LE(h.TEST_PeakConcurrent(), 2);
}

TEST(PasswordHasherTest, InteractiveDefaultsUse64MiBAndTwoPasses) {
  PasswordHasher h;  // the production settings, once (about 0.3 s)
  std::string hash = *h.Hash("geheim");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << hash;
  EXPECT_TRUE(h.Verify("geheim", hash));
}

}  // namespace
}  // namespace drieluik::crypto
