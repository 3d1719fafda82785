#include "domain/link_keys.h"

#include <gtest/gtest.h>

namespace drieluik::domain {
namespace {

TEST(LinkKeysTest, NormalisationTable) {
  struct Case {
    std::string (*fn)(std::string_view);
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {NormaliseName, "  Łukasz  Wiśniewski ", "lukasz wisniewski"},
      {NormaliseName, "Jan-Peter 't Hart", "jan peter t hart"},
      {NormaliseName, "ANDREEA ȘTEFĂNESCU", "andreea stefanescu"},
      {NormalisePhone, "06-12345678", "31612345678"},
      {NormalisePhone, "+31 (0)6 1234 5678", "31612345678"},
      {NormalisePhone, "+31 6 12345678", "31612345678"},
      {NormalisePhone, "0048 600 123 456", "48600123456"},
      {NormalisePlate, "12-abc-3", "12ABC3"},
      {NormalisePostcode, "9561 ab", "9561AB"},
  };
  for (const auto& c : cases) EXPECT_EQ(c.fn(c.in), c.out) << c.in;
}

TEST(LinkKeysTest, KeysOfASignal) {
  SignalContent s;
  s.persons = {{PersonRole::kPossibleVictim, "Piotr Kowalski", ParseDate("1990-05-01"), std::nullopt, Gender::kMale, "PL", ""},
               {PersonRole::kPossibleVictim, "Piotr", ParseDate("1990-05-01"), std::nullopt, Gender::kMale, "", ""},
               {PersonRole::kOther, "Anna de Vries", std::nullopt, 30, Gender::kFemale, "", ""}};
  s.addresses = {{"Hoofdstraat", "12a", "9561 ab", "Ter Apel", ""}, {"Hoofdstraat", "12A", "9561AB", "", "dubbel"}};
  s.businesses = {{"Snel Werk B.V.", "12345678", ""}, {"Kwekerij De Tuin", "", ""}};
  s.phone_numbers = {{"06-12345678", ""}, {"+31 6 12345678", "zelfde"}};
  s.vehicles = {{"v-123-ab", ""}};
  std::vector<std::string> got;
  for (const auto& k : LinkKeysOf(s)) got.push_back(std::string(ToCode(k.kind)) + " " + k.normalised);
  EXPECT_EQ(got, (std::vector<std::string>{"person piotr kowalski|1990-05-01", "address 9561AB|12A",
                                           "business kvk|12345678", "business name|kwekerij de tuin",
                                           "phone 31612345678", "vehicle V123AB"}));
}

}  // namespace
}  // namespace drieluik::domain
