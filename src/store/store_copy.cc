#include "store/store_copy.h"

#include <map>

namespace drieluik::store {
namespace {

// FNV-1a over each value with a marker for null and a separator, so that no two
// different rows hash the same input.
void Mix(std::uint64_t& h, const Row& row, const TableSpec& t) {
  auto byte = [&h](unsigned char b) {
    h ^= b;
    h *= 1099511628211ull;
  };
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (!row[i]) {
      byte(0xff);
      continue;
    }
    bool json = false;
    for (const auto& j : t.json_columns) json = json || t.columns[i] == j;
    std::string v = json ? CanonicalJson(*row[i]) : *row[i];
    byte(0xfe);
    for (unsigned char ch : v) byte(ch);
    byte(0xfd);
  }
  byte(0xfc);
}

class Summarizer {
 public:
  Summarizer() {
    for (const auto& t : DumpTables()) {
      index_[t.name] = out_.size();
      out_.push_back({t.name, 0, 14695981039346656037ull});
    }
  }
  void Add(const TableSpec& t, const Row& row) {
    TableSummary& s = out_[index_.at(t.name)];
    ++s.rows;
    Mix(s.digest, row, t);
  }
  std::vector<TableSummary> Take() { return std::move(out_); }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<TableSummary> out_;
};

}  // namespace

Result<std::vector<TableSummary>> SummarizeStore(Store& store) {
  Summarizer sum;
  DRIELUIK_RETURN_IF_ERROR(store.Export([&](const TableSpec& t, const Row& row) {
    sum.Add(t, row);
    return Status::Ok();
  }));
  return sum.Take();
}

Result<std::vector<TableSummary>> CopyStore(Store& from, Store& to) {
  Summarizer copied;
  {
    auto load = to.BeginLoad();
    if (!load.ok()) return load.status();
    DRIELUIK_RETURN_IF_ERROR(from.Export([&](const TableSpec& t, const Row& row) {
      copied.Add(t, row);
      return (*load)->Append(t, row);
    }));
    DRIELUIK_RETURN_IF_ERROR((*load)->Commit());
  }
  std::vector<TableSummary> expected = copied.Take();
  auto got = SummarizeStore(to);
  if (!got.ok()) return got.status();
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (!(expected[i] == (*got)[i]))
      return Status::Internal("copy check failed for table " + expected[i].table + ": " +
                              std::to_string(expected[i].rows) + " rows read, " + std::to_string((*got)[i].rows) +
                              " rows found or their content differs");
  return expected;
}

}  // namespace drieluik::store
