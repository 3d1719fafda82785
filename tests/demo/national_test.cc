// The national reference list (data/reference/municipalities-nl.csv) and the national demo's
// municipalities: real CBS codes only, every province, the demo region's names unchanged, and a
// parser that names line and field of every bad line.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "demo/national.h"
#include "domain/catalog.h"
#include "domain/municipality_list.h"

namespace drieluik::demo {
namespace {

using domain::ParseMunicipalityList;

TEST(MunicipalityListTest, HoldsThe342MunicipalitiesOf2025WithUniqueCbsCodes) {
  const auto& list = domain::NetherlandsMunicipalities();
  EXPECT_EQ(list.size(), 342u);
  std::regex code("GM[0-9]{4}");
  std::set<std::string> codes;
  std::map<std::string, int> per_province;
  for (const auto& m : list) {
    EXPECT_TRUE(std::regex_match(m.code, code)) << m.code;
    EXPECT_TRUE(codes.insert(m.code).second) << m.code;
    EXPECT_FALSE(m.name.empty()) << m.code;
    ++per_province[m.province];
  }
  // The twelve provinces and their counts (CBS, situation 2023, unchanged through 2025).
  EXPECT_EQ(per_province, (std::map<std::string, int>{{"Drenthe", 12},      {"Flevoland", 6},
                                                      {"Friesland", 18},    {"Gelderland", 51},
                                                      {"Groningen", 10},    {"Limburg", 31},
                                                      {"Noord-Brabant", 56}, {"Noord-Holland", 44},
                                                      {"Overijssel", 25},   {"Utrecht", 26},
                                                      {"Zeeland", 13},      {"Zuid-Holland", 50}}));
}

TEST(MunicipalityListTest, SpotChecks) {
  std::map<std::string, domain::ReferenceMunicipality> by_code;
  for (const auto& m : domain::NetherlandsMunicipalities()) by_code[m.code] = m;
  EXPECT_EQ(by_code["GM0363"].name, "Amsterdam");
  EXPECT_EQ(by_code["GM0518"].name, "'s-Gravenhage");
  EXPECT_EQ(by_code["GM0599"].name, "Rotterdam");
  EXPECT_EQ(by_code["GM0344"].name, "Utrecht");
  EXPECT_EQ(by_code["GM1992"].name, "Voorne aan Zee");  // formed 1 January 2023
  EXPECT_EQ(by_code["GM1992"].province, "Zuid-Holland");
  EXPECT_EQ(by_code["GM1980"].name, "Dijk en Waard");  // 2022
  EXPECT_EQ(by_code["GM1991"].name, "Maashorst");      // 2022
  EXPECT_EQ(by_code["GM1982"].name, "Land van Cuijk"); // 2022
  EXPECT_EQ(by_code["GM1961"].province, "Utrecht");    // Vijfheerenlanden moved province in 2019
  EXPECT_EQ(by_code["GM0820"].name, "Nuenen, Gerwen en Nederwetten");
  EXPECT_EQ(by_code["GM1900"].name, "Súdwest-Fryslân");
  EXPECT_EQ(by_code["GM0935"].province_code, "PV31");
  // Gone by 2025: merged into Amsterdam (2022) and Voorne aan Zee (2023).
  EXPECT_EQ(by_code.count("GM0457"), 0u);
  EXPECT_EQ(by_code.count("GM0501"), 0u);
  EXPECT_EQ(by_code.count("GM0530"), 0u);
  EXPECT_EQ(by_code.count("GM0614"), 0u);
}

TEST(NationalMunicipalitiesTest, RealCodesOnlyAndTheRegionKeepsItsNames) {
  const auto& catalog = domain::Catalog::Embedded();
  auto national = NationalMunicipalities(catalog);
  ASSERT_EQ(national.size(), 342u);
  std::map<std::string, NationalMunicipality> by_code;
  long long total = 0;
  for (const auto& m : national) {
    EXPECT_NE(m.code.substr(0, 3), "GM9") << m.code;
    EXPECT_GT(m.population, 0) << m.code;
    total += m.population;
    by_code[m.code] = m;
  }
  ASSERT_FALSE(catalog.municipalities().empty());
  for (const auto& r : catalog.municipalities()) {
    ASSERT_EQ(by_code.count(r.code), 1u) << r.code;
    EXPECT_EQ(by_code[r.code].name, r.name);
    EXPECT_EQ(by_code[r.code].population, r.population);
    EXPECT_EQ(by_code[r.code].province, "Groningen");
  }
  EXPECT_NEAR(static_cast<double>(total), 17.9e6, 0.1e6);
}

TEST(MunicipalityListParserTest, ReadsAWellFormedList) {
  auto r = ParseMunicipalityList("code;name;province_code;province\r\nGM0014;Groningen;PV20;Groningen\n\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].code, "GM0014");
  EXPECT_EQ((*r)[0].province_code, "PV20");
}

TEST(MunicipalityListParserTest, NamesLineAndFieldOfEveryBadLine) {
  auto r = ParseMunicipalityList(
      "code;name;province_code;province\n"
      "GM0014;Groningen;PV20;Groningen\n"
      "GM014;Kort;PV20;Groningen\n"
      "GM0014;Dubbel;PV20;Groningen\n"
      "GM0037;;PV20;Groningen\n"
      "GM0047;Veendam;PV99;Groningen\n"
      "GM0765;Pekela;PV20\n"
      "GM9001;Nergens;PV21;Groningen\n");
  ASSERT_FALSE(r.ok());
  Status status = r.status();
  std::vector<std::string> got;
  for (const auto& f : status.fields()) got.push_back(f.pointer + " " + f.key);
  EXPECT_EQ(got, (std::vector<std::string>{
                     "municipalities-nl.csv:3:code invalid_code",
                     "municipalities-nl.csv:4:code duplicate_code",
                     "municipalities-nl.csv:5:name required",
                     "municipalities-nl.csv:6:province unknown_province",
                     "municipalities-nl.csv:7:line field_count",
                     "municipalities-nl.csv:8:province unknown_province",
                 }));
}

TEST(MunicipalityListParserTest, RejectsAWrongHeaderOrAnEmptyFile) {
  auto bad = ParseMunicipalityList("gemeentecode;naam\nGM0014;Groningen;PV20;Groningen\n");
  ASSERT_FALSE(bad.ok());
  Status status = bad.status();
  EXPECT_EQ(status.fields().at(0).pointer, "municipalities-nl.csv:1:header");
  EXPECT_FALSE(ParseMunicipalityList("").ok());
}

}  // namespace
}  // namespace drieluik::demo
