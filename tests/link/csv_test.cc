#include "link/csv.h"

#include <gtest/gtest.h>

namespace drieluik::link {
namespace {

TEST(CsvTest, ReadsQuotedFieldsCrlfAndNoFinalNewline) {
  auto t = ParseCsv("id,name\r\n1,\"Jansen, P.\"\r\n2,\"say \"\"hi\"\"\nthere\"", "f.csv");
  ASSERT_TRUE(t.ok()) << t.error().message();
  EXPECT_EQ(t->header, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][1], "Jansen, P.");
  EXPECT_EQ(t->rows[1][1], "say \"hi\"\nthere");
  EXPECT_EQ(t->lines, (std::vector<int>{2, 3}));
}

TEST(CsvTest, TrimsSpacesAfterCommasLikeFebrl) {
  auto t = ParseCsv("rec_id, given_name\nrec-1-org, mitchell\n", "febrl.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header[1], "given_name");
  EXPECT_EQ(t->rows[0][1], "mitchell");
}

TEST(CsvTest, ErrorsNameLineAndColumn) {
  const std::pair<std::string, std::string> cases[] = {
      {"a,b\n1,\"x\n", "f.csv:2:3: csv_unterminated_quote"},
      {"a,b\n1,x\"y\n", "f.csv:2:4: csv_quote_in_unquoted_field"},
      {"a,b\n1,\"x\"y\n", "f.csv:2:6: csv_text_after_quote: y"},
      {"a,b\n1,2\n3\n", "f.csv:3:1: csv_field_count: 1 fields, header has 2"},
      {"a,a\n", "f.csv:1:1: csv_duplicate_column: a"},
      {"", "f.csv:1:1: csv_empty_file"},
  };
  for (const auto& [text, message] : cases) {
    auto t = ParseCsv(text, "f.csv");
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_EQ(t.error().message(), message);
  }
}

TEST(CsvTest, UnknownColumnListsTheColumns) {
  auto t = ParseCsv("id,clk\n", "e.csv");
  ASSERT_TRUE(t.ok());
  auto c = t->Column("clk_base64");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message(), "e.csv: unknown column \"clk_base64\" (columns: id,clk)");
}

TEST(CsvTest, EscapesOnlyWhenNeeded) {
  EXPECT_EQ(CsvEscape("plain"), "plain");
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvEscape("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace drieluik::link
