#include "domain/catalog.h"

#include <gtest/gtest.h>

namespace drieluik::domain {
namespace {

TEST(CatalogTest, EmbeddedCatalogHasTheReferenceLists) {
  const Catalog& c = Catalog::Embedded();
  EXPECT_EQ(c.region_code(), "PV20");
  EXPECT_EQ(c.municipalities().size(), 10u);
  ASSERT_NE(c.FindMunicipality("GM1950"), nullptr);
  EXPECT_EQ(c.FindMunicipality("GM1950")->name, "Westerwolde");
  ASSERT_NE(c.FindForm("ARBEID"), nullptr);
  EXPECT_EQ(c.FindForm("ARBEID")->nl, "arbeidsuitbuiting");
  EXPECT_TRUE(c.FindForm("ONBEKEND")->intake_only);
  int ilo = 0;
  for (const auto& l : c.indicator_lists())
    if (l.code == "ILO")
      for (const auto& g : l.groups) ilo += static_cast<int>(g.indicators.size());
  EXPECT_EQ(ilo, 11);  // ILO SAP-FL 2012: eleven indicators
  ASSERT_NE(c.FindIndicator("ILO07"), nullptr);
  EXPECT_EQ(c.FindIndicator("ILO07")->en, "Retention of identity documents");
  EXPECT_NE(c.FindOrganisation("zvhg"), nullptr);
}

TEST(CatalogTest, NewFormNeedsNoCodeChange) {
  auto c = Catalog::Parse(
      R"({"version":"x","forms":[{"code":"HUWELIJK","nl":"gedwongen huwelijk","en":"forced marriage"}]})",
      R"({"version":"y","lists":[]})",
      R"({"region":{"code":"PV20","name":"G"},"municipalities":[],"organisations":[]})");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_NE(c->FindForm("HUWELIJK"), nullptr);
}

TEST(CatalogTest, RejectsBrokenData) {
  const char* region = R"({"region":{"code":"PV20","name":"G"},"municipalities":[],"organisations":[]})";
  auto dup = Catalog::Parse(R"({"forms":[{"code":"A","nl":"a","en":"a"},{"code":"A","nl":"a","en":"a"}]})",
                            R"({"lists":[]})", region);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().message(), "forms/forms/1: duplicate code A");
  auto unknown_form = Catalog::Parse(
      R"({"forms":[{"code":"A","nl":"a","en":"a"}]})",
      R"({"lists":[{"code":"L","groups":[{"code":"G","indicators":[{"code":"I","nl":"i","en":"i","forms":["B"],"elements":[]}]}]}]})",
      region);
  ASSERT_FALSE(unknown_form.ok());
  EXPECT_EQ(unknown_form.error().message(), "indicators/lists/0/groups/0/indicators/0: unknown form B");
  EXPECT_FALSE(Catalog::Parse("{", "{}", region).ok());
}

}  // namespace
}  // namespace drieluik::domain
