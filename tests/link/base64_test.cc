#include "link/base64.h"

#include <gtest/gtest.h>

namespace drieluik::link {
namespace {

TEST(Base64Test, RoundTripsRfc4648Vectors) {
  const std::pair<std::string, std::string> cases[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : cases) {
    std::vector<std::uint8_t> bytes(plain.begin(), plain.end());
    EXPECT_EQ(Base64Encode(bytes), encoded);
    auto back = Base64Decode(encoded);
    ASSERT_TRUE(back.ok()) << encoded;
    EXPECT_EQ(*back, bytes);
  }
}

TEST(Base64Test, NamesTheBadCharacter) {
  auto r = Base64Decode("Zm9v*mFy");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "base64: not a base64 character at character 5");
}

}  // namespace
}  // namespace drieluik::link
