#include "stats/capture_csv.h"

#include <gtest/gtest.h>

namespace drieluik::stats {
namespace {

// The error of parsing `text`, as "pointer key param=value...".
std::string ErrorOf(const std::string& text, const std::string& by = "") {
  Result<CaptureCsv> r = ParseCaptureCsv(text, by);
  if (r.ok()) return "ok";
  const FieldError& f = r.error().fields().at(0);
  std::string out = f.pointer + " " + f.key;
  for (const auto& [k, v] : f.params)
    if (k != "line" && k != "column") out += " " + k + "=" + v;
  return out;
}

TEST(CaptureCsvTest, ParsesPatternsIntoCells) {
  Result<CaptureCsv> r = ParseCaptureCsv("A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->lists, (std::vector<std::string>{"A", "B", "C"}));
  ASSERT_EQ(r->strata.size(), 1u);
  EXPECT_EQ(r->strata[0].first, "");
  EXPECT_EQ(r->strata[0].second.counts, (std::vector<int64_t>{0, 40, 30, 6, 20, 0, 0, 0}));
}

TEST(CaptureCsvTest, AcceptsSemicolonsQuotesBomCrlfAndCountAnywhere) {
  Result<CaptureCsv> r = ParseCaptureCsv("\xEF\xBB\xBF\"count\";\"politie\";KMar\r\n 7 ;1;1\r\n\r\n3;\"0\";1\r\n");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->lists, (std::vector<std::string>{"politie", "KMar"}));
  EXPECT_EQ(r->strata[0].second.counts, (std::vector<int64_t>{0, 0, 3, 7}));
}

TEST(CaptureCsvTest, SplitsStrataInOrderOfAppearance) {
  Result<CaptureCsv> r = ParseCaptureCsv("jaar,A,B,count\n2024,1,0,5\n2023,1,0,4\n2024,0,1,3\n2023,1,1,2\n", "jaar");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->strata.size(), 2u);
  EXPECT_EQ(r->strata[0].first, "2024");
  EXPECT_EQ(r->strata[0].second.counts, (std::vector<int64_t>{0, 5, 3, 0}));
  EXPECT_EQ(r->strata[1].first, "2023");
  EXPECT_EQ(r->strata[1].second.counts, (std::vector<int64_t>{0, 4, 0, 2}));
}

TEST(CaptureCsvTest, ErrorsNameLineAndColumn) {
  struct Case {
    const char* text;
    const char* by;
    const char* error;
  };
  const Case cases[] = {
      {"", "", "line 1, column 1 empty_input"},
      {"\n\n", "", "line 1, column 1 empty_input"},
      {"A,B,count\n1,0,\"5\n", "", "line 2, column 3 unterminated_quote"},
      {"A,B,count\n1,0,5\n0,1\n", "", "line 3, column 3 field_count expected=3 got=2"},
      {"A,,count\n1,0,5\n", "", "line 1, column 2 empty_column_name"},
      {"A,A,count\n1,0,5\n", "", "line 1, column A duplicate_column"},
      {"A,B,n\n1,0,5\n", "", "line 1, column count missing_count_column"},
      {"A,B,count\n1,0,5\n", "jaar", "line 1, column jaar missing_by_column"},
      {"A,count\n1,5\n", "", "line 1, column * too_few_lists count=1"},
      {"A,B,count\n1,2,5\n", "", "line 2, column B not_binary value=2"},
      {"A,B,count\n1,yes,5\n", "", "line 2, column B not_binary value=yes"},
      {"A,B,count\n1,0,5\n0,1,2.5\n", "", "line 3, column count not_integer value=2.5"},
      {"A,B,count\n1,0,-3\n", "", "line 2, column count negative_count value=-3"},
      {"A,B,count\n1,0,\n", "", "line 2, column count not_integer value="},
      {"A,B,count\n1,0,99999999999\n", "", "line 2, column count count_too_large value=99999999999"},
      {"A,B,count\n0,0,5\n", "", "line 2, column * all_zero_pattern"},
      {"A,B,count\n1,0,5\n0,1,4\n1,0,2\n", "", "line 4, column * duplicate_pattern first_line=2"},
      {"A,B,count\n", "", "line 2, column * no_rows"},
      {"A,B,C,D,E,F,G,H,I,J,K,L,M,count\n1,0,0,0,0,0,0,0,0,0,0,0,0,1\n", "",
       "line 1, column * too_many_lists max=12"},
  };
  for (const Case& c : cases) EXPECT_EQ(ErrorOf(c.text, c.by), c.error) << c.text;
}

TEST(CaptureCsvTest, DuplicatesAreAllowedAcrossStrata) {
  EXPECT_EQ(ErrorOf("y,A,B,count\n1,1,0,5\n2,1,0,4\n", "y"), "ok");
  EXPECT_EQ(ErrorOf("y,A,B,count\n1,1,0,5\n1,1,0,4\n", "y"), "line 3, column * duplicate_pattern first_line=2");
}

TEST(CaptureCsvTest, ShowsOnlyPrintableTextOfBadValues) {
  EXPECT_EQ(ErrorOf("A,B,count\n1,\x01\xff,5\n"), "line 2, column B not_binary value=??");
}

}  // namespace
}  // namespace drieluik::stats
