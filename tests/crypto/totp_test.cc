// TOTP against RFC 6238 Appendix B and RFC 4648 section 10, and the window and replay rules.
#include "crypto/totp.h"

#include <gtest/gtest.h>

#include "crypto/base32.h"
#include "support/fake_clock.h"

namespace drieluik::crypto {
namespace {

using testing::FakeClock;

TimePoint At(std::int64_t unix_seconds) { return TimePoint(std::chrono::seconds(unix_seconds)); }

struct Rfc6238Row {
  std::int64_t time;
  const char* code;
  TotpAlgorithm algorithm;
};

// RFC 6238 Appendix B: T0 = 0, X = 30, 8 digits; seeds are the ASCII digit strings.
TEST(TotpTest, Rfc6238AppendixB) {
  const std::string seed1 = "12345678901234567890";
  const std::string seed256 = "12345678901234567890123456789012";
  const std::string seed512 = "1234567890123456789012345678901234567890123456789012345678901234";
  const Rfc6238Row rows[] = {
      {59, "94287082", TotpAlgorithm::kSha1},           {59, "46119246", TotpAlgorithm::kSha256},
      {59, "90693936", TotpAlgorithm::kSha512},         {1111111109, "07081804", TotpAlgorithm::kSha1},
      {1111111109, "68084774", TotpAlgorithm::kSha256}, {1111111109, "25091201", TotpAlgorithm::kSha512},
      {1111111111, "14050471", TotpAlgorithm::kSha1},   {1111111111, "67062674", TotpAlgorithm::kSha256},
      {1111111111, "99943326", TotpAlgorithm::kSha512}, {1234567890, "89005924", TotpAlgorithm::kSha1},
      {1234567890, "91819424", TotpAlgorithm::kSha256}, {1234567890, "93441116", TotpAlgorithm::kSha512},
      {2000000000, "69279037", TotpAlgorithm::kSha1},   {2000000000, "90698825", TotpAlgorithm::kSha256},
      {2000000000, "38618901", TotpAlgorithm::kSha512}, {20000000000, "65353130", TotpAlgorithm::kSha1},
      {20000000000, "77737706", TotpAlgorithm::kSha256}, {20000000000, "47863826", TotpAlgorithm::kSha512},
  };
  for (const Rfc6238Row& row : rows) {
    TotpOptions o{row.algorithm, 8, 30, 0};
    const std::string& seed =
        row.algorithm == TotpAlgorithm::kSha1 ? seed1 : row.algorithm == TotpAlgorithm::kSha256 ? seed256 : seed512;
    FakeClock clock(At(row.time));
    Totp totp(clock, o);
    EXPECT_EQ(TotpCode(seed, totp.CurrentStep(), o), row.code) << row.time;
    Result<std::int64_t> step = totp.Verify(seed, row.code, std::nullopt);
    ASSERT_TRUE(step.ok()) << row.time << " " << step.status().ToString();
    EXPECT_EQ(*step, row.time / 30);
  }
}

TEST(TotpTest, SixDigitsAreTheLastSixOfTheTruncatedValue) {
  EXPECT_EQ(TotpCode("12345678901234567890", 1), "287082");  // RFC 4226 Appendix D, count 1
  EXPECT_EQ(TotpCode("12345678901234567890", 0), "755224");  // count 0
}

TEST(TotpTest, AcceptsOneStepEitherSideOnly) {
  const std::string key = "12345678901234567890";
  FakeClock clock(At(1111111111));  // step 37037037
  Totp totp(clock);
  EXPECT_EQ(*totp.Verify(key, TotpCode(key, 37037036), std::nullopt), 37037036);
  EXPECT_EQ(*totp.Verify(key, TotpCode(key, 37037038), std::nullopt), 37037038);
  EXPECT_EQ(totp.Verify(key, TotpCode(key, 37037035), std::nullopt).error().message(), "totp: code mismatch");
  EXPECT_EQ(totp.Verify(key, TotpCode(key, 37037039), std::nullopt).error().message(), "totp: code mismatch");
}

TEST(TotpTest, AUsedStepCannotBeUsedAgain) {
  const std::string key = "12345678901234567890";
  FakeClock clock(At(1111111111));
  Totp totp(clock);
  std::string code = TotpCode(key, 37037037);
  Result<std::int64_t> first = totp.Verify(key, code, std::nullopt);
  ASSERT_TRUE(first.ok());
  Result<std::int64_t> again = totp.Verify(key, code, *first);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(again.error().message(), "totp: code already used");
  // An earlier step is refused too once a later one was used.
  EXPECT_EQ(totp.Verify(key, TotpCode(key, 37037036), 37037037).error().message(), "totp: code already used");
  // The next step is fine.
  clock.Advance(std::chrono::seconds(30));
  EXPECT_EQ(*totp.Verify(key, TotpCode(key, 37037038), 37037037), 37037038);
}

TEST(TotpTest, MalformedCodesAreMismatches) {
  const std::string key = "12345678901234567890";
  FakeClock clock(At(59));
  Totp totp(clock);
  EXPECT_EQ(*totp.Verify(key, "287 082", std::nullopt), 1);  // spaces are ignored
  for (const char* bad : {"", "28708", "2870820", "28708a", "+87082"}) {
    EXPECT_EQ(totp.Verify(key, bad, std::nullopt).error().message(), "totp: code mismatch") << bad;
  }
}

TEST(TotpTest, EmptyKeyStillWorksAsAKey) {
  // RFC 2104 allows an empty HMAC key; nothing may read out of bounds.
  FakeClock clock(At(59));
  Totp totp(clock);
  std::string code = TotpCode("", 1);
  EXPECT_EQ(code.size(), 6u);
  EXPECT_EQ(*totp.Verify("", code, std::nullopt), 1);
}

TEST(TotpTest, ProvisioningUri) {
  EXPECT_EQ(TotpProvisioningUri("drieluik Groningen", "a.de.vries@westerwolde.nl", "12345678901234567890"),
            "otpauth://totp/drieluik%20Groningen:a.de.vries@westerwolde.nl"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=drieluik%20Groningen&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpTest, NewSecretsAre160BitsAndDiffer) {
  std::string a = NewTotpSecret(), b = NewTotpSecret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
}

TEST(Base32Test, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},          {"f", "MY======"},         {"fo", "MZXQ===="},         {"foo", "MZXW6==="},
      {"foob", "MZXW6YQ="}, {"fooba", "MZXW6YTB"}, {"foobar", "MZXW6YTBOI======"},
  };
  for (auto [plain, encoded] : vectors) {
    EXPECT_EQ(Base32Encode(plain), encoded);
    EXPECT_EQ(*Base32Decode(encoded), plain);
  }
  EXPECT_EQ(Base32Encode("foobar", false), "MZXW6YTBOI");
}

TEST(Base32Test, DecodeAcceptsWhatPeopleTypeAndRejectsTheRest) {
  EXPECT_EQ(*Base32Decode("mzxw 6ytb-oi"), "foobar");
  Result<std::string> bad = Base32Decode("MZXW1YTB");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(), "base32: unexpected character at byte 4");
  EXPECT_EQ(Base32Decode("MZX").error().message(), "base32: 3 symbols is not a valid length");
  EXPECT_EQ(Base32Decode("MY==A").error().message(), "base32: unexpected character at byte 4");
}

}  // namespace
}  // namespace drieluik::crypto
