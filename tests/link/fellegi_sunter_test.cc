#include "link/fellegi_sunter.h"

#include <cmath>

#include <gtest/gtest.h>

namespace drieluik::link {
namespace {

// Twelve people, four of them twice with small errors: enough for u (all 190 pairs) and EM.
RecordTable People() {
  RecordTable t;
  t.columns = {"id", "first_name", "surname", "dob"};
  t.rows = {
      {"1", "anna", "jansen", "1980-05-12"},   {"2", "anna", "janssen", "1980-05-12"},
      {"3", "bram", "de vries", "1975-01-30"}, {"4", "bram", "de vries", "1975-01-03"},
      {"5", "carla", "bakker", "1990-11-02"},  {"6", "karla", "bakker", "1990-11-02"},
      {"7", "daan", "visser", "1968-07-19"},   {"8", "daan", "visser", "1968-07-19"},
      {"9", "eva", "smit", "1985-03-03"},      {"10", "finn", "meijer", "1999-12-24"},
      {"11", "gijs", "mulder", "1971-08-08"},  {"12", "hanna", "bos", "2001-02-14"},
      {"13", "ilse", "vos", "1983-06-06"},     {"14", "joris", "peters", "1979-09-09"},
      {"15", "kim", "hendriks", "1994-04-04"}, {"16", "lars", "dekker", "1966-10-10"},
      {"17", "mila", "brouwer", "1988-01-01"}, {"18", "noah", "de wit", "1992-05-05"},
      {"19", "olga", "dijkstra", "1977-07-07"}, {"20", "piet", "smits", "1960-12-12"},
  };
  t.source.assign(t.rows.size(), 0);
  return t;
}

constexpr char kSettings[] = R"({
  "comparisons": [
    {"column": "first_name", "kind": "name", "termFrequency": true},
    {"column": "surname", "kind": "name"},
    {"column": "dob", "kind": "date"}
  ],
  "blocking": ["first_name[:1]", "surname[:3]", "dob"]
})";

TEST(FellegiSunterTest, LinksTheFourDuplicatesAndExplainsWhy) {
  RecordTable t = People();
  auto settings = ParseLinkSettings(kSettings, t.columns);
  ASSERT_TRUE(settings.ok()) << settings.error().message();
  auto model = LinkModel::Train(t, LinkMode::kDedupe, *settings);
  ASSERT_TRUE(model.ok()) << model.error().message();
  EXPECT_EQ(model->report().u_pairs_sampled, 190u);
  auto pairs = model->Predict(0.5);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> linked;
  for (const auto& p : pairs) linked.push_back({p.a, p.b});
  EXPECT_EQ(linked, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{
                        {0, 1}, {2, 3}, {4, 5}, {6, 7}}));
  const ScoredPair& bram = pairs[1];
  ASSERT_EQ(bram.fields.size(), 3u);
  EXPECT_EQ(bram.fields[0].level, "exact");
  EXPECT_EQ(bram.fields[1].level, "exact");
  EXPECT_EQ(bram.fields[2].level, "typo");
  EXPECT_GT(bram.fields[2].weight, 0);
  double sum = std::log2(model->report().prior / (1 - model->report().prior));
  for (const auto& f : bram.fields) sum += f.weight;
  EXPECT_NEAR(bram.match_weight, sum, 1e-9);

  auto clusters = ClusterPairs(t.rows.size(), pairs, 0.5);
  EXPECT_EQ(clusters[1], 0u);
  EXPECT_EQ(clusters[3], 2u);
  EXPECT_EQ(clusters[8], 8u);
}

TEST(FellegiSunterTest, ScoresAProbeAgainstCandidatesInProcess) {
  RecordTable t = People();
  auto model = LinkModel::Train(t, LinkMode::kDedupe, *ParseLinkSettings(kSettings, t.columns));
  ASSERT_TRUE(model.ok());
  std::vector<std::string> probe{"", "Daan", "Visser", "19-07-1968"};
  auto found = model->ScoreAgainst(probe, {t.rows[0], t.rows[6], t.rows[9]}, 0.5);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].b, 1u);
  EXPECT_EQ(found[0].fields[2].level, "exact");
}

TEST(FellegiSunterTest, ClusteringNeedsHalfOfTheLinksBetweenEntities) {
  // 0-1-2 all linked; 3 linked only to 2 (weaker): 3 joins when min share 0, not at 0.5.
  std::vector<ScoredPair> pairs = {{0, 1, 10, 0.99, {}}, {1, 2, 9, 0.98, {}},
                                   {0, 2, 9, 0.97, {}}, {2, 3, 2, 0.8, {}}};
  EXPECT_EQ(ClusterPairs(4, pairs, 0.5, 0.0), (std::vector<std::uint32_t>{0, 0, 0, 0}));
  EXPECT_EQ(ClusterPairs(4, pairs, 0.5, 0.5), (std::vector<std::uint32_t>{0, 0, 0, 3}));
}

TEST(LinkSettingsTest, ErrorsNameThePlace) {
  const std::vector<std::string> columns{"id", "name", "dob"};
  const std::pair<std::string, std::string> cases[] = {
      {"[", "settings /: json_syntax: byte 2"},
      {R"({"blocking": ["name"]})", "settings /comparisons: required"},
      {R"({"comparisons": [{"column": "naam"}], "blocking": ["name"]})",
       "settings /comparisons/0/column: unknown_column: naam"},
      {R"({"comparisons": [{"column": "name", "kind": "fuzzy"}], "blocking": ["name"]})",
       "settings /comparisons/0/kind: enum: fuzzy"},
      {R"({"comparisons": [{"column": "name"}], "blocking": ["name[:x]"]})",
       "settings /blocking/0: blocking_rule: blocking rule \"name[:x]\": bad prefix length \"x\""},
      {R"({"comparisons": [{"column": "name", "thresholds": [0.8, 0.9]}], "blocking": ["name"]})",
       "settings /comparisons/0/thresholds/1: descending_in_0_1"},
  };
  for (const auto& [text, message] : cases) {
    auto s = ParseLinkSettings(text, columns);
    ASSERT_FALSE(s.ok()) << text;
    EXPECT_EQ(s.error().message(), message);
  }
}

TEST(LinkSettingsTest, AutoSettingsChooseByNameAndSayWhat) {
  RecordTable t = People();
  std::vector<std::string> explanation;
  LinkSettings s = AutoLinkSettings(t, {"id"}, &explanation);
  ASSERT_EQ(s.comparisons.size(), 3u);
  EXPECT_EQ(s.comparisons[0].kind, ComparisonKind::kName);
  EXPECT_EQ(s.comparisons[0].swap_column, "surname");
  EXPECT_EQ(s.comparisons[2].kind, ComparisonKind::kDate);
  EXPECT_EQ(explanation.front(),
            "first_name: name (exact, Jaro-Winkler 0.92 / 0.88 / 0.70), term frequencies, "
            "swapped with surname");
  auto round_trip = ParseLinkSettings(LinkSettingsToJson(s), t.columns);
  ASSERT_TRUE(round_trip.ok()) << round_trip.error().message();
  EXPECT_EQ(LinkSettingsToJson(*round_trip), LinkSettingsToJson(s));
}

}  // namespace
}  // namespace drieluik::link
