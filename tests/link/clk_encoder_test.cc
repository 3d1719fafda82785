#include "link/clk_encoder.h"

#include <gtest/gtest.h>

#include "link/base64.h"
#include "link/csv.h"
#include "link/data_dir.h"

namespace drieluik::link {
namespace {

// clkhash's regression schema (tests/test_clk.py), written as a version-1 linkage schema.
constexpr char kKatSchema[] = R"({
  "version": 1,
  "clkConfig": {
    "l": 1024, "k": 30, "hash": {"type": "doubleHash"},
    "kdf": {"type": "HKDF", "hash": "SHA256", "keySize": 64,
            "salt": "SCbL2zHNnmsckfzchsNkZY9XoHk96P/G5nUBrM7ybymlEFsMV6PAeDZCNp3rfNUPCtLDMOGQHG4pCQpfhiHCyA==",
            "info": "c2NoZW1hX2V4YW1wbGU="}
  },
  "features": [
    {"identifier": "name", "format": {"type": "string", "encoding": "utf-8"},
     "hashing": {"ngram": 2, "weight": 2}},
    {"identifier": "id", "format": {"type": "string", "encoding": "utf-8"},
     "hashing": {"ngram": 1, "positional": true}},
    {"identifier": "dob", "format": {"type": "date", "format": "%Y-%m-%d"},
     "hashing": {"ngram": 2, "positional": true, "weight": 0.5}},
    {"identifier": "gender", "format": {"type": "enum", "values": ["M", "F", "O"]},
     "hashing": {"ngram": 1}},
    {"identifier": "children", "format": {"type": "integer"},
     "hashing": {"ngram": 1, "positional": true}}
  ]
})";

int Popcount(const std::vector<std::uint8_t>& bytes) {
  int n = 0;
  for (auto b : bytes) n += __builtin_popcount(b);
  return n;
}

TEST(ClkEncoderTest, ReproducesClkhashKnownAnswerVectorsBitForBit) {
  DRIELUIK_REQUIRE_DATA("clkhash-kat/kat_records.csv");
  auto table = ReadCsvFile(testing::DataPath("clkhash-kat/kat_records.csv"));
  ASSERT_TRUE(table.ok()) << table.error().message();
  auto schema = ParseClkSchema(kKatSchema);
  ASSERT_TRUE(schema.ok()) << schema.error().message();
  auto encoder = ClkEncoder::Create(*schema, "chicken");
  ASSERT_TRUE(encoder.ok());
  int checked = 0;
  for (const auto& row : table->rows) {
    if (row[6].empty()) continue;
    auto clk = encoder->Encode({row[1], row[2], row[3], row[4], row[5]});
    ASSERT_TRUE(clk.ok()) << clk.error().message();
    EXPECT_EQ(Base64Encode(*clk), row[6]) << "row " << row[0];
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

TEST(ClkEncoderTest, KnownAnswerPopcounts) {
  DRIELUIK_REQUIRE_DATA("clkhash-kat/kat_records.csv");
  auto table = ReadCsvFile(testing::DataPath("clkhash-kat/kat_records.csv"));
  ASSERT_TRUE(table.ok());
  auto a = Base64Decode(table->rows[0][6]);
  auto b = Base64Decode(table->rows[1][6]);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Popcount(*a), 532);
  EXPECT_EQ(Popcount(*b), 777);
}

TEST(ClkEncoderTest, TokenisesLikeClkhash) {
  ClkFeature bigrams;
  EXPECT_EQ(ClkEncoder::Tokenise(bigrams, "ÉVa"),
            (std::vector<std::string>{" É", "ÉV", "Va", "a "}));
  ClkFeature positional;
  positional.ngram = 1;
  positional.positional = true;
  EXPECT_EQ(ClkEncoder::Tokenise(positional, "07"), (std::vector<std::string>{"1 0", "2 7"}));
  ClkFeature exact;
  exact.exact = true;
  EXPECT_EQ(ClkEncoder::Tokenise(exact, "M"), (std::vector<std::string>{"M"}));
  EXPECT_EQ(ClkEncoder::Tokenise(bigrams, ""), (std::vector<std::string>{"  "}));
}

TEST(ClkEncoderTest, RejectsValuesThatFailTheFormatNamingTheFeature) {
  auto schema = ParseClkSchema(kKatSchema);
  ASSERT_TRUE(schema.ok());
  auto encoder = ClkEncoder::Create(*schema, "chicken");
  ASSERT_TRUE(encoder.ok());
  auto r = encoder->Encode({"Ann", "a1", "1990-02-30", "F", "2"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "feature dob: format_date: \"1990-02-30\"");
  EXPECT_EQ(r.error().fields()[0].pointer, "dob");
  r = encoder->Encode({"Ann", "a1", "1990-02-03", "X", "2"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "feature gender: format_enum: \"X\"");
}

TEST(ClkSchemaTest, ErrorsCarryTheJsonPointer) {
  const std::pair<std::string, std::string> cases[] = {
      {"{", "schema /: json_syntax"},
      {R"({"version": 4})", "schema /version: unsupported: 4"},
      {R"({"version": 3, "clkConfig": {"l": 1001}})", "schema /clkConfig/l: multiple_of_8: 1001"},
      {R"({"version": 3, "clkConfig": {"l": 1024, "kdf": {"type": "HKDF"}},
          "features": [{"identifier": "a", "format": {"type": "string"},
                        "hashing": {"comparison": {"type": "numeric"}}}]})",
       "schema /features/0/hashing/comparison/type: unsupported: numeric"},
      {R"({"version": 3, "clkConfig": {"l": 1024, "kdf": {"type": "HKDF"}},
          "features": [{"identifier": "a", "format": {"type": "string"},
                        "hashing": {"comparison": {"type": "ngram", "n": 2}}}]})",
       "schema /features/0/hashing/strategy: required"},
  };
  for (const auto& [text, prefix] : cases) {
    auto s = ParseClkSchema(text);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_EQ(s.error().message().substr(0, prefix.size()), prefix) << s.error().message();
  }
}

TEST(ClkSchemaTest, ReadsVersion3AndWritesItBack) {
  constexpr char kV3[] = R"({"version": 3,
    "clkConfig": {"l": 1024, "kdf": {"type": "HKDF", "hash": "SHA256", "keySize": 64,
                  "salt": "c2FsdA==", "info": "aW5mbw=="}},
    "features": [
      {"identifier": "id", "ignored": true},
      {"identifier": "givenname", "format": {"type": "string", "encoding": "utf-8"},
       "hashing": {"comparison": {"type": "ngram", "n": 2},
                   "strategy": {"bitsPerToken": 15}, "hash": {"type": "doubleHash"},
                   "missingValue": {"sentinel": "N/A", "replaceWith": ""}}},
      {"identifier": "gender", "format": {"type": "string", "encoding": "utf-8"},
       "hashing": {"comparison": {"type": "ngram", "n": 1, "positional": true},
                   "strategy": {"bitsPerFeature": 100}, "hash": {"type": "doubleHash"}}}
    ]})";
  auto s = ParseClkSchema(kV3);
  ASSERT_TRUE(s.ok()) << s.error().message();
  EXPECT_EQ(s->salt, "salt");
  EXPECT_EQ(s->info, "info");
  ASSERT_EQ(s->features.size(), 3u);
  EXPECT_TRUE(s->features[0].ignored);
  EXPECT_EQ(s->features[1].bits_per_token, 15);
  EXPECT_EQ(s->features[1].missing_sentinel, "N/A");
  EXPECT_EQ(s->features[2].bits_per_feature, 100);
  auto again = ParseClkSchema(ClkSchemaToJson(*s));
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(ClkSchemaToJson(*again), ClkSchemaToJson(*s));
}

// The KAT schema written as version 2 and version 3 encodes to the same bits as version 1.
TEST(ClkSchemaTest, Versions2And3OfTheKatSchemaGiveTheKatEncoding) {
  const std::string kdf =
      R"("kdf": {"type": "HKDF", "hash": "SHA256", "keySize": 64,
         "salt": "SCbL2zHNnmsckfzchsNkZY9XoHk96P/G5nUBrM7ybymlEFsMV6PAeDZCNp3rfNUPCtLDMOGQHG4pCQpfhiHCyA==",
         "info": "c2NoZW1hX2V4YW1wbGU="})";
  const std::string v2 = R"({"version": 2, "clkConfig": {"l": 1024, )" + kdf + R"(},
    "features": [
      {"identifier": "name", "format": {"type": "string", "encoding": "utf-8"},
       "hashing": {"ngram": 2, "strategy": {"k": 60}, "hash": {"type": "doubleHash"}}},
      {"identifier": "id", "format": {"type": "string", "encoding": "utf-8"},
       "hashing": {"ngram": 1, "positional": true, "strategy": {"k": 30}}},
      {"identifier": "dob", "format": {"type": "date", "format": "%Y-%m-%d"},
       "hashing": {"ngram": 2, "positional": true, "strategy": {"k": 15}}},
      {"identifier": "gender", "format": {"type": "enum", "values": ["M", "F", "O"]},
       "hashing": {"ngram": 1, "strategy": {"k": 30}}},
      {"identifier": "children", "format": {"type": "integer"},
       "hashing": {"ngram": 1, "positional": true, "strategy": {"k": 30}}}]})";
  const std::string v3 = R"({"version": 3, "clkConfig": {"l": 1024, )" + kdf + R"(},
    "features": [
      {"identifier": "name", "format": {"type": "string", "encoding": "utf-8"},
       "hashing": {"comparison": {"type": "ngram", "n": 2}, "strategy": {"bitsPerToken": 60}}},
      {"identifier": "id", "format": {"type": "string", "encoding": "utf-8"},
       "hashing": {"comparison": {"type": "ngram", "n": 1, "positional": true},
                   "strategy": {"bitsPerToken": 30}}},
      {"identifier": "dob", "format": {"type": "date", "format": "%Y-%m-%d"},
       "hashing": {"comparison": {"type": "ngram", "n": 2, "positional": true},
                   "strategy": {"bitsPerToken": 15}}},
      {"identifier": "gender", "format": {"type": "enum", "values": ["M", "F", "O"]},
       "hashing": {"comparison": {"type": "ngram", "n": 1}, "strategy": {"bitsPerToken": 30}}},
      {"identifier": "children", "format": {"type": "integer"},
       "hashing": {"comparison": {"type": "ngram", "n": 1, "positional": true},
                   "strategy": {"bitsPerToken": 30}}}]})";
  // clkhash's expected CLK for row 0 of its regression test (KÉVIN, kev007, 1963-12-13, M, 1).
  const std::string expected =
      "SU9+/O/Jzzi0sfzH8K2l3+qfhn8Ky3jVI21DVdH9j2fXE++JH8GcQGSeYxDZFxALCAT8CHwYJyQcRT3MhUQOFWcOf5fW"
      "dr6ofh6DYy8iv////weyunbMahfV9RMWkRwQmBL3fjreUVOCS9D9kAbQC2XgULidKCTHd9ZpbPJ91";
  for (const auto& text : {v2, v3}) {
    auto schema = ParseClkSchema(text);
    ASSERT_TRUE(schema.ok()) << schema.error().message();
    auto encoder = ClkEncoder::Create(*schema, "chicken");
    ASSERT_TRUE(encoder.ok());
    auto clk = encoder->Encode({"KÉVIN", "kev007", "1963-12-13", "M", "1"});
    ASSERT_TRUE(clk.ok());
    EXPECT_EQ(Base64Encode(*clk).substr(0, expected.size()), expected);
  }
}

}  // namespace
}  // namespace drieluik::link
