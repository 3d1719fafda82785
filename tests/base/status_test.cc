#include "base/status.h"

#include <gtest/gtest.h>

namespace drieluik {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::Invalid({"/n", "not_even", {{"value", std::to_string(n)}}});
  return n / 2;
}

Status Chain(int n) {
  DRIELUIK_RETURN_IF_ERROR(Half(n).status());
  return Status::Ok();
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, InvalidCarriesFieldErrors) {
  Result<int> r = Half(3);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(r.error().fields().size(), 1u);
  EXPECT_EQ(r.error().fields()[0].pointer, "/n");
  EXPECT_EQ(r.error().fields()[0].key, "not_even");
  EXPECT_EQ(r.error().ToString(), "invalid_argument: invalid /n: not_even");
}

TEST(StatusTest, ResultHoldsValue) {
  Result<int> r = Half(8);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 4);
  EXPECT_TRUE(r.status().ok());
}

TEST(StatusTest, ReturnIfErrorPropagates) {
  EXPECT_TRUE(Chain(2).ok());
  EXPECT_EQ(Chain(1).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace drieluik
