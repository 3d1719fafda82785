// API tokens: format, hash (known answer), verification, the bearer header.
#include "crypto/api_token.h"

#include <gtest/gtest.h>

#include <set>

namespace drieluik::crypto {
namespace {

const std::string kAllA = "dlk_" + std::string(52, 'A');

TEST(ApiTokenTest, CreatedTokensHaveTheDocumentedForm) {
  NewApiToken t = CreateApiToken();
  ASSERT_EQ(t.token.size(), 56u);
  EXPECT_EQ(t.token.substr(0, 4), "dlk_");
  EXPECT_EQ(t.token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 4), std::string::npos) << t.token;
  EXPECT_EQ(t.hash, *HashApiToken(t.token));
  EXPECT_EQ(t.hint, t.token.substr(0, 8) + "\xE2\x80\xA6" + t.token.substr(52));
  EXPECT_EQ(t.hash.find(t.token.substr(4)), std::string::npos);
}

TEST(ApiTokenTest, TokensAreUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(CreateApiToken().token);
  EXPECT_EQ(seen.size(), 100u);
}

TEST(ApiTokenTest, HashIsSha256OfTheWholeToken) {
  // python3: hashlib.sha256(b"dlk_" + b"A" * 52).hexdigest()
  EXPECT_EQ(*HashApiToken(kAllA), "sha256:f3d2c1df81997b3e9618f5d1aa4b9bf24843daa9c9ad94fa0558008dd0d8bb27");
}

TEST(ApiTokenTest, MalformedTokensAreRejectedBeforeHashing) {
  for (std::string bad : {std::string(""), std::string("dlk_"), "dlk_" + std::string(51, 'A'),
                          "dlk_" + std::string(53, 'A'), "dlk_" + std::string(51, 'A') + "a",
                          "dlk_" + std::string(51, 'A') + "1", "xyz_" + std::string(52, 'A')}) {
    Result<std::string> r = HashApiToken(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().message(), "api token: malformed");
  }
}

TEST(ApiTokenTest, VerifyMatchesOnlyTheRightToken) {
  NewApiToken t = CreateApiToken();
  EXPECT_TRUE(VerifyApiToken(t.token, t.hash));
  std::string other = t.token;
  other[10] = other[10] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyApiToken(other, t.hash));
  EXPECT_FALSE(VerifyApiToken(t.token, t.hash.substr(0, 40)));
  EXPECT_FALSE(VerifyApiToken(t.token, ""));
  EXPECT_FALSE(VerifyApiToken("garbage", *HashApiToken(kAllA)));
}

TEST(ApiTokenTest, BearerHeader) {
  EXPECT_EQ(BearerToken("Bearer " + kAllA), kAllA);
  EXPECT_EQ(BearerToken("bearer   abc  "), "abc");
  EXPECT_EQ(BearerToken("BEARER abc"), "abc");
  EXPECT_FALSE(BearerToken("Basic dXNlcjpwdw=="));
  EXPECT_FALSE(BearerToken("Bearer"));
  EXPECT_FALSE(BearerToken("Bearer    "));
  EXPECT_FALSE(BearerToken("Bearerabc"));
  EXPECT_FALSE(BearerToken(""));
}

}  // namespace
}  // namespace drieluik::crypto
