#include "link/comparison.h"

#include <gtest/gtest.h>

namespace drieluik::link {
namespace {

struct Case {
  ComparisonKind kind;
  std::string a, b;
  std::string level;
};

TEST(ComparisonTest, LevelsOfEachKind) {
  const Case cases[] = {
      {ComparisonKind::kName, "Jansen", " jansen ", "exact"},
      {ComparisonKind::kName, "martha", "marhta", "jw>=0.92"},
      {ComparisonKind::kName, "dwayne", "duane", "jw>=0.70"},
      {ComparisonKind::kName, "anna", "", "missing"},
      {ComparisonKind::kName, "anna", "boris", "else"},
      {ComparisonKind::kDate, "1980-05-12", "19800512", "exact"},
      {ComparisonKind::kDate, "12-05-1980", "1980-05-12", "exact"},
      {ComparisonKind::kDate, "1980-05-12", "1980-05-21", "typo"},
      {ComparisonKind::kDate, "1980-05-12", "1980-12-05", "day-month-swap"},
      {ComparisonKind::kDate, "1980-05-12", "1980-06-02", "within-31-days"},
      {ComparisonKind::kDate, "1980-05-12", "1981-02-01", "within-365-days"},
      {ComparisonKind::kDate, "1974-10-05", "1984-10-03", "two-typos"},
      {ComparisonKind::kDate, "1980-05-12", "1990-01-30", "else"},
      {ComparisonKind::kNumeric, "12", "13", "diff<=1"},
      {ComparisonKind::kNumeric, "100", "108", "diff<=10%"},
      {ComparisonKind::kPostcode, "1234AB", "1243AB", "typo"},
      {ComparisonKind::kPostcode, "1234AB", "1237XY", "same-first-half"},
      {ComparisonKind::kEmail, "jan@a.nl", "jan@b.nl", "same-user"},
      {ComparisonKind::kPhone, "+31 6 1234 5678", "06-12345678", "same-last-7"},
      {ComparisonKind::kIdentifier, "1804974", "1804947", "typo"},
      {ComparisonKind::kExact, "nsw", "vic", "else"},
  };
  for (const auto& c : cases) {
    ComparisonSpec spec{"x", c.kind, {}, false, ""};
    auto level = CompareValues(spec, NormaliseValue(c.kind, c.a), NormaliseValue(c.kind, c.b));
    EXPECT_EQ(LevelLabel(spec, level), c.level) << c.a << " / " << c.b;
  }
}

TEST(ComparisonTest, SwappedNamesHaveTheirOwnLevel) {
  ComparisonSpec spec{"first_name", ComparisonKind::kName, {}, false, "surname"};
  EXPECT_EQ(LevelCount(spec), 6);
  // Record a: first_name "rowe", surname "caleb"; record b: first_name "caleb", surname "rowe".
  auto level = CompareValues(spec, "rowe", "caleb", "caleb", "rowe");
  EXPECT_EQ(LevelLabel(spec, level), "swapped-with-surname");
  EXPECT_EQ(LevelLabel(spec, CompareValues(spec, "martha", "marhta", "x", "y")), "jw>=0.92");
}

}  // namespace
}  // namespace drieluik::link
