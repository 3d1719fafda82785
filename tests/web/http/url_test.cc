#include "web/http/url.h"

#include <gtest/gtest.h>

namespace drieluik::web {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(UrlTest, PercentDecodeDecodesEscapes) {
  EXPECT_EQ(PercentDecode("/a%20b/%C3%A9%2f", false), "/a b/\xC3\xA9/");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
}

TEST(UrlTest, PercentDecodeRejectsMalformedEscapesAndNul) {
  EXPECT_EQ(PercentDecode("%", false), std::nullopt);
  EXPECT_EQ(PercentDecode("abc%4", false), std::nullopt);
  EXPECT_EQ(PercentDecode("%zz", false), std::nullopt);
  EXPECT_EQ(PercentDecode("a%00b", false), std::nullopt);
  EXPECT_EQ(PercentDecode(std::string_view("a\0b", 3), false), std::nullopt);
}

TEST(UrlTest, ParseQueryKeepsOrderAndPlusAsSpace) {
  EXPECT_EQ(ParseQuery("a=1&b=x+y%21&&c&a=2&=v"),
            (Pairs{{"a", "1"}, {"b", "x y!"}, {"c", ""}, {"a", "2"}, {"", "v"}}));
  EXPECT_EQ(ParseQuery(""), Pairs{});
  EXPECT_EQ(ParseQuery("a=%G1"), std::nullopt);
}

TEST(UrlTest, SplitTargetSeparatesPathAndQuery) {
  auto t = SplitTarget("/api/v1/signals?status=open#x");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->raw_path, "/api/v1/signals");
  EXPECT_EQ(t->raw_query, "status=open");
  EXPECT_EQ(SplitTarget("http://example.org/"), std::nullopt);
  EXPECT_EQ(SplitTarget("*"), std::nullopt);
}

}  // namespace
}  // namespace drieluik::web
