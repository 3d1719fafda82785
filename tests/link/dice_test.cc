#include "link/dice.h"

#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "link/clk_file.h"
#include "link/csv.h"
#include "link/data_dir.h"

namespace drieluik::link {
namespace {

ClkSet SetOf(const std::vector<std::vector<std::uint8_t>>& rows, int bits) {
  auto s = ClkSet::FromBytes(rows, bits);
  EXPECT_TRUE(s.ok());
  return *s;
}

TEST(DiceTest, ScoresHandWorkedFilters) {
  // a = 1111 0000, b = 1100 1100: |a|=4, |b|=4, |a&b|=2 -> 2*2/8 = 0.5.
  ClkSet a = SetOf({{0xF0}}, 8);
  ClkSet b = SetOf({{0xCC}, {0xF0}, {0x00}}, 8);
  EXPECT_DOUBLE_EQ(Dice(a, 0, b, 0), 0.5);
  EXPECT_DOUBLE_EQ(Dice(a, 0, b, 1), 1.0);
  EXPECT_DOUBLE_EQ(Dice(a, 0, b, 2), 0.0);
  auto c = DiceCandidates(a, b, 0.5, 1);
  EXPECT_EQ(c, (std::vector<Candidate>{{1.0, 0, 1}, {0.5, 0, 0}}));
}

TEST(DiceTest, BestAndScalarKernelsFindTheSamePairs) {
  // 300 x 203 random 1,024-bit filters (203: not a multiple of the 8-row vector step) plus
  // near-copies, so some pairs sit above the threshold.
  std::uint64_t state = 12345;
  auto next = [&] { state = state * 6364136223846793005ULL + 1442695040888963407ULL; return state >> 24; };
  ClkSet a(1024), b(1024);
  std::vector<std::uint8_t> bytes(128);
  for (int i = 0; i < 300; ++i) {
    for (auto& x : bytes) x = static_cast<std::uint8_t>(next());
    a.Add(bytes);
    if (i < 203) {
      if (i % 3 == 0) bytes[i % 128] ^= 0xFF;
      else for (auto& x : bytes) x = static_cast<std::uint8_t>(next());
      b.Add(bytes);
    }
  }
  auto best = DiceCandidates(a, b, 0.55, 2, DiceKernel::kBest);
  auto scalar = DiceCandidates(a, b, 0.55, 1, DiceKernel::kScalar);
  EXPECT_EQ(best, scalar);
  EXPECT_GE(best.size(), 68u);
}

TEST(DiceTest, GreedyKeepsTheBestPairPerRow) {
  std::vector<Candidate> sorted{{0.9, 0, 0}, {0.85, 1, 0}, {0.8, 0, 1}, {0.75, 1, 1}};
  EXPECT_EQ(GreedyOneToOne(sorted), (std::vector<Candidate>{{0.9, 0, 0}, {0.75, 1, 1}}));
}

TEST(DiceTest, RejectsEncodingsOfAnotherLength) {
  auto s = ClkSet::FromBytes({{0xF0, 0x00}, {0xF0}}, 16);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message(), "row 2: encoding has 8 bits, expected 16");
}

TEST(ClkFileTest, NamesTheLineOfAnEncodingOfAnotherLength) {
  std::string path = ::testing::TempDir() + "/clk_len.csv";
  std::ofstream(path) << "id,clk\na,8A==\nb,8A==\nc,8AA=\n";
  auto f = ReadClkFile(path);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().message(), path + ":4: encoding has 16 bits, expected 8 as on line 2");
}

// anonlink's similarity-plot example: 3,313 x 3,266 CLKs, 1,445 true pairs. anonlink publishes
// precision 0.996 and recall 0.981 at threshold 0.81 with greedy one-to-one solving.
TEST(DiceTest, ReproducesAnonlinkSimilarityPlotFigures) {
  DRIELUIK_REQUIRE_DATA("anonlink-similarity-plots/ground_truth.csv");
  auto a = ReadClkFile(testing::DataPath("anonlink-similarity-plots/clks_a.csv"), "row", "clk_base64");
  auto b = ReadClkFile(testing::DataPath("anonlink-similarity-plots/clks_b.csv"), "row", "clk_base64");
  auto truth = ReadCsvFile(testing::DataPath("anonlink-similarity-plots/ground_truth.csv"));
  ASSERT_TRUE(a.ok() && b.ok() && truth.ok());
  std::set<std::pair<std::uint32_t, std::uint32_t>> true_pairs;
  for (const auto& row : truth->rows) true_pairs.insert({std::stoul(row[0]), std::stoul(row[1])});
  ASSERT_EQ(true_pairs.size(), 1445u);
  auto matches = GreedyOneToOne(DiceCandidates(a->clks, b->clks, 0.81, 2));
  std::size_t tp = 0;
  for (const auto& m : matches) tp += true_pairs.count({m.row_a, m.row_b});
  double precision = static_cast<double>(tp) / matches.size();
  double recall = static_cast<double>(tp) / true_pairs.size();
  EXPECT_NEAR(precision, 0.996, 0.0005) << tp << " of " << matches.size();
  EXPECT_NEAR(recall, 0.981, 0.0005) << tp << " of 1445";
}

}  // namespace
}  // namespace drieluik::link
