#include "link/similarity.h"

#include <gtest/gtest.h>

namespace drieluik::link {
namespace {

// Reference values: Winkler (1990) examples as usually quoted (MARTHA/MARHTA 0.961,
// DWAYNE/DUANE 0.84, DIXON/DICKSONX 0.813), to three decimals.
TEST(SimilarityTest, JaroWinklerMatchesPublishedExamples) {
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.0005);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.840, 0.0005);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.0005);
  EXPECT_DOUBLE_EQ(JaroWinkler("jan", "jan"), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("", "jan"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
}

TEST(SimilarityTest, DamerauLevenshteinCountsAdjacentSwapsAsOne) {
  EXPECT_EQ(DamerauLevenshtein("19800512", "19800521"), 1);
  EXPECT_EQ(DamerauLevenshtein("kitten", "sitting"), 3);
  EXPECT_EQ(DamerauLevenshtein("", "abc"), 3);
  EXPECT_EQ(DamerauLevenshtein("jÉ", "je"), 1);  // code points, not bytes
}

}  // namespace
}  // namespace drieluik::link
