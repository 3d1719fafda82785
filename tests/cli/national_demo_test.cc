// drieluik demo --national (issue 6 point 7) at a test's size: every municipality, the
// signals encrypted and word-indexed as the store writes them, and list, filter, search and
// cursor paging answering from the indexes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "crypto/key_ring.h"
#include "support/run_command.h"
#include "support/table_rows.h"
#include "store/store.h"

namespace drieluik::testing {
namespace {

namespace fs = std::filesystem;

TEST(NationalDemoTest, LoadsEveryMunicipalityAndStaysSearchable) {
  ::unsetenv(crypto::kKeysEnvironmentVariable);
  ::unsetenv(crypto::kKeyEnvironmentVariableAlias);
  fs::path dir = fs::temp_directory_path() / ("drieluik-national-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  CommandRun r = RunCommand(DRIELUIK_BIN, "demo --national --signals 5000 --years 10 --data " + dir.string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("5000 meldingen / signals over 10 jaar / years, 342 gemeenten / municipalities (CBS, 1 "
                          "januari / January 2025)"),
            std::string::npos)
      << r.output;
  // Once only: the bulk load needs an empty database.
  CommandRun again = RunCommand(DRIELUIK_BIN, "demo --national --signals 10 --data " + dir.string());
  EXPECT_EQ(again.exit_code, 5) << again.output;

  auto ring = crypto::KeyRing::LoadFile((dir / "drieluik.keys").string());
  ASSERT_TRUE(ring.ok());
  auto opened = store::OpenStore("sqlite:" + (dir / "drieluik.db").string(),
                                 std::make_shared<const crypto::KeyRing>(std::move(ring).value()));
  ASSERT_TRUE(opened.ok());
  store::Store& db = **opened;
  ASSERT_TRUE(db.Migrate().ok());
  EXPECT_EQ(*db.Count(), 5000);
  auto rows = ReadAllRows(db);
  ASSERT_TRUE(rows.ok());
  std::set<std::string> municipalities, references;
  for (const auto& row : rows->at("signals")) {
    municipalities.insert(*row[5]);
    references.insert(*row[1]);
  }
  EXPECT_GT(municipalities.size(), 300u);  // 342, the smallest may draw none in 5000
  EXPECT_TRUE(municipalities.count("GM0014"));
  EXPECT_EQ(references.size(), 5000u);

  // Search: every hit holds the word; pages follow one another without overlap.
  domain::SignalFilter f;
  f.text = "kwekerij";
  f.limit = 100;
  std::set<domain::SignalId> seen;
  int pages = 0;
  do {
    auto page = db.List(f);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const auto& s : page->items) {
      EXPECT_NE(s.content.description.find("kwekerij"), std::string::npos);
      EXPECT_TRUE(seen.insert(s.id).second);
    }
    f.cursor = page->next_cursor;
    ++pages;
  } while (!f.cursor.empty() && pages < 100);
  EXPECT_GT(seen.size(), 200u);  // about 1 in 15 of 5000 descriptions, twice
  EXPECT_LT(seen.size(), 1000u);
  domain::SignalFilter m;
  m.municipality = "GM0014";
  m.form = "SEKS";
  auto page = db.List(m);
  ASSERT_TRUE(page.ok());
  for (const auto& s : page->items) {
    EXPECT_EQ(s.content.municipality, "GM0014");
    EXPECT_NE(std::find(s.content.forms.begin(), s.content.forms.end(), "SEKS"), s.content.forms.end());
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace drieluik::testing
