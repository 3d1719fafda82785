#include "link/multiparty.h"

#include <gtest/gtest.h>

namespace drieluik::link {
namespace {

ClkSet SetOf(const std::vector<std::vector<std::uint8_t>>& rows) {
  auto s = ClkSet::FromBytes(rows, 8);
  EXPECT_TRUE(s.ok());
  return *s;
}

TEST(MultipartyTest, GroupsOnePersonAcrossThreePartiesAndCountsPatterns) {
  // Person X = 0xF0 in all three lists (one bit off in the third); person Y = 0x0F only in
  // lists 0 and 1; each list has one record nobody else has.
  ClkSet p0 = SetOf({{0xF0}, {0x0F}, {0x81}});
  ClkSet p1 = SetOf({{0x0F}, {0xF0}, {0x3C}});
  ClkSet p2 = SetOf({{0xF8}, {0x42}});
  auto groups = GroupParties({&p0, &p1, &p2}, 0.8, 1);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].members, (std::vector<PartyRow>{{0, 0}, {1, 1}, {2, 0}}));
  EXPECT_EQ(groups[1].members, (std::vector<PartyRow>{{0, 1}, {1, 0}}));
  auto patterns = CapturePatterns(groups, {3, 3, 2});
  // mask bit p = party p: 0b111 = X, 0b011 = Y, singletons 0b001, 0b010, 0b100.
  EXPECT_EQ(patterns, (std::vector<std::uint64_t>{0, 1, 1, 1, 1, 0, 0, 1}));
}

}  // namespace
}  // namespace drieluik::link
