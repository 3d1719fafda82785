// Linkage quality against data with known truth (shared/linkage/data, see its README.md):
// pairwise precision, recall and F1 of the pairs at match probability >= 0.5, compared with
// what Splink publishes for the same data at probability 0.5 (FEBRL3 dedupe F1 0.993, FEBRL4
// link F1 0.999, both with soc_sec_id; fake_1000 F1 0.806, best over thresholds 0.862).
// Our settings for each data set are written out below and in docs/formats/linkage.md.
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "link/csv.h"
#include "link/data_dir.h"
#include "link/fellegi_sunter.h"

namespace drieluik::link {
namespace {

struct Quality {
  double precision = 0, recall = 0, f1 = 0;
  std::size_t tp = 0, predicted = 0, truth = 0;
};

// `entity[i]` is record i's true entity; pairs are (a, b) row indices.
Quality Measure(const std::vector<std::string>& entity, const std::vector<ScoredPair>& pairs,
                const std::vector<std::uint8_t>* source = nullptr) {
  Quality q;
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < entity.size(); ++i) members[entity[i]].push_back(i);
  for (const auto& [e, rows] : members) {
    if (source == nullptr) {
      q.truth += rows.size() * (rows.size() - 1) / 2;
    } else {
      std::size_t s0 = 0, s1 = 0;
      for (auto r : rows) ((*source)[r] == 0 ? s0 : s1)++;
      q.truth += s0 * s1;
    }
  }
  for (const auto& p : pairs) {
    ++q.predicted;
    if (entity[p.a] == entity[p.b]) ++q.tp;
  }
  q.precision = q.predicted ? static_cast<double>(q.tp) / q.predicted : 0;
  q.recall = q.truth ? static_cast<double>(q.tp) / q.truth : 0;
  q.f1 = q.precision + q.recall > 0 ? 2 * q.precision * q.recall / (q.precision + q.recall) : 0;
  return q;
}

void Print(const char* name, const Quality& q) {
  std::printf("[quality] %-40s P %.4f R %.4f F1 %.4f (tp %zu, predicted %zu, true %zu)\n", name,
              q.precision, q.recall, q.f1, q.tp, q.predicted, q.truth);
}

// Appends a CSV file's records to `table`, with `source`; returns the truth entity per row.
std::vector<std::string> Load(const std::string& relative, RecordTable& table, std::uint8_t source,
                              const std::string& truth_column, bool febrl) {
  auto csv = ReadCsvFile(testing::DataPath(relative));
  EXPECT_TRUE(csv.ok()) << csv.error().message();
  if (!csv.ok()) return {};
  if (table.columns.empty()) table.columns = csv->header;
  auto truth = csv->Column(truth_column);
  std::vector<std::string> entity;
  for (const auto& row : csv->rows) {
    table.rows.push_back(row);
    table.source.push_back(source);
    std::string e = row[*truth];
    if (febrl) e = e.substr(4, e.find('-', 4) - 4);  // rec-<N>-org / rec-<N>-dup-<k>
    entity.push_back(e);
  }
  return entity;
}

LinkSettings Settings(const char* json, const std::vector<std::string>& columns) {
  auto s = ParseLinkSettings(json, columns);
  EXPECT_TRUE(s.ok()) << s.error().message();
  return s.ok() ? *s : LinkSettings{};
}

constexpr char kFebrlSettings[] = R"({
  "comparisons": [
    {"column": "given_name", "kind": "name", "termFrequency": true, "swapColumn": "surname"},
    {"column": "surname", "kind": "name", "termFrequency": true, "swapColumn": "given_name"},
    {"column": "date_of_birth", "kind": "date"},
    {"column": "street_number", "kind": "numeric"},
    {"column": "address_1", "kind": "string", "termFrequency": true},
    {"column": "address_2", "kind": "string"},
    {"column": "suburb", "kind": "string", "termFrequency": true},
    {"column": "postcode", "kind": "postcode"},
    {"column": "state", "kind": "exact", "termFrequency": true},
    {"column": "soc_sec_id", "kind": "identifier"}
  ],
  "uSamplePairs": 200000,
  "blocking": ["given_name", "surname", "date_of_birth", "soc_sec_id", "postcode&street_number",
               "given_name[:2]&surname[:2]"]
})";

constexpr char kFebrlNoSsnSettings[] = R"({
  "comparisons": [
    {"column": "given_name", "kind": "name", "termFrequency": true, "swapColumn": "surname"},
    {"column": "surname", "kind": "name", "termFrequency": true, "swapColumn": "given_name"},
    {"column": "date_of_birth", "kind": "date"},
    {"column": "street_number", "kind": "numeric"},
    {"column": "address_1", "kind": "string", "termFrequency": true},
    {"column": "address_2", "kind": "string"},
    {"column": "suburb", "kind": "string", "termFrequency": true},
    {"column": "postcode", "kind": "postcode"},
    {"column": "state", "kind": "exact", "termFrequency": true}
  ],
  "uSamplePairs": 200000,
  "blocking": ["given_name", "surname", "date_of_birth", "postcode&street_number",
               "given_name[:2]&surname[:2]"]
})";

TEST(QualityTest, Febrl3DedupeWithSocSecId) {
  DRIELUIK_REQUIRE_DATA("febrl/dataset3.csv");
  RecordTable table;
  auto entity = Load("febrl/dataset3.csv", table, 0, "rec_id", true);
  auto model = LinkModel::Train(table, LinkMode::kDedupe, Settings(kFebrlSettings, table.columns));
  ASSERT_TRUE(model.ok()) << model.error().message();
  Quality q = Measure(entity, model->Predict(0.5));
  Print("FEBRL3 dedupe, with soc_sec_id", q);
  EXPECT_EQ(q.truth, 6538u);
  EXPECT_GE(q.f1, 0.993);  // Splink: 0.993
}

TEST(QualityTest, Febrl3DedupeWithoutSocSecId) {
  DRIELUIK_REQUIRE_DATA("febrl/dataset3.csv");
  RecordTable table;
  auto entity = Load("febrl/dataset3.csv", table, 0, "rec_id", true);
  auto model =
      LinkModel::Train(table, LinkMode::kDedupe, Settings(kFebrlNoSsnSettings, table.columns));
  ASSERT_TRUE(model.ok()) << model.error().message();
  Quality q = Measure(entity, model->Predict(0.5));
  Print("FEBRL3 dedupe, without soc_sec_id", q);
  EXPECT_GE(q.f1, 0.95);
}

TEST(QualityTest, Febrl4LinkWithAndWithoutSocSecId) {
  DRIELUIK_REQUIRE_DATA("febrl/dataset4b.csv");
  RecordTable table;
  auto entity = Load("febrl/dataset4a.csv", table, 0, "rec_id", true);
  auto more = Load("febrl/dataset4b.csv", table, 1, "rec_id", true);
  entity.insert(entity.end(), more.begin(), more.end());
  auto model = LinkModel::Train(table, LinkMode::kLinkOnly, Settings(kFebrlSettings, table.columns));
  ASSERT_TRUE(model.ok()) << model.error().message();
  Quality q = Measure(entity, model->Predict(0.5), &table.source);
  Print("FEBRL4 link, with soc_sec_id", q);
  EXPECT_EQ(q.truth, 5000u);
  EXPECT_GE(q.f1, 0.999);  // Splink: 0.999
  auto no_ssn =
      LinkModel::Train(table, LinkMode::kLinkOnly, Settings(kFebrlNoSsnSettings, table.columns));
  ASSERT_TRUE(no_ssn.ok());
  Quality q2 = Measure(entity, no_ssn->Predict(0.5), &table.source);
  Print("FEBRL4 link, without soc_sec_id", q2);
  EXPECT_GE(q2.f1, 0.98);
}

constexpr char kFake1000Settings[] = R"({
  "comparisons": [
    {"column": "first_name", "kind": "name", "termFrequency": true, "swapColumn": "surname"},
    {"column": "surname", "kind": "name", "termFrequency": true, "swapColumn": "first_name"},
    {"column": "dob", "kind": "date"},
    {"column": "city", "kind": "string", "termFrequency": true},
    {"column": "email", "kind": "email"}
  ],
  "blocking": ["first_name", "surname", "dob", "email", "city&first_name[:1]", "first_name[:3]",
               "surname[:3]", "dob[:4]", "email[:4]", "city&dob[:3]"]
})";

TEST(QualityTest, SplinkFake1000Dedupe) {
  DRIELUIK_REQUIRE_DATA("splink/fake_1000.csv");
  RecordTable table;
  auto entity = Load("splink/fake_1000.csv", table, 0, "cluster", false);
  auto model =
      LinkModel::Train(table, LinkMode::kDedupe, Settings(kFake1000Settings, table.columns));
  ASSERT_TRUE(model.ok()) << model.error().message();
  Quality q = Measure(entity, model->Predict(0.5));
  Print("fake_1000 dedupe", q);
  for (const auto& n : model->report().notes) std::printf("  %s\n", n.c_str());
  EXPECT_EQ(q.truth, 2031u);
  EXPECT_GE(q.f1, 0.862);  // Splink: 0.806 at 0.5, 0.862 at its best threshold
}

// Fodor's/Zagat restaurants: 864 records, 112 duplicate pairs (ids 2k-1 and 2k, k <= 112).
constexpr char kRestaurantSettings[] = R"({
  "comparisons": [
    {"column": "name", "kind": "string", "termFrequency": true},
    {"column": "address", "kind": "string", "termFrequency": true},
    {"column": "city", "kind": "string", "termFrequency": true},
    {"column": "phone", "kind": "phone"},
    {"column": "type", "kind": "exact", "termFrequency": true}
  ],
  "blocking": ["phone", "name[:4]", "address[:6]", "city&name[:2]"]
})";

TEST(QualityTest, RestaurantsDedupe) {
  DRIELUIK_REQUIRE_DATA("restaurants/restaurants.csv");
  RecordTable table;
  auto ids = Load("restaurants/restaurants.csv", table, 0, "id", false);
  std::vector<std::string> entity;
  for (const auto& id : ids) {
    int i = std::stoi(id);
    entity.push_back(i <= 224 ? std::to_string((i + 1) / 2) : "single-" + id);
  }
  auto model =
      LinkModel::Train(table, LinkMode::kDedupe, Settings(kRestaurantSettings, table.columns));
  ASSERT_TRUE(model.ok()) << model.error().message();
  Quality q = Measure(entity, model->Predict(0.5));
  Print("restaurants dedupe", q);
  EXPECT_EQ(q.truth, 112u);
  EXPECT_GE(q.f1, 0.92);
}

}  // namespace
}  // namespace drieluik::link
