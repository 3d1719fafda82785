// Every row of every table of a store, read through Store::Export with JSON columns in
// canonical form, so that two databases (of either backend) compare with ==.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "store/store.h"

namespace drieluik::testing {

using TableRows = std::map<std::string, std::vector<store::Row>>;

/// Requires: the export succeeds (the test fails otherwise).
inline Result<TableRows> ReadAllRows(store::Store& s) {
  TableRows out;
  for (const auto& t : store::DumpTables()) out[t.name];
  Status st = s.Export([&](const store::TableSpec& t, const store::Row& row) {
    store::Row r = row;
    for (std::size_t i = 0; i < r.size(); ++i)
      for (const auto& j : t.json_columns)
        if (t.columns[i] == j && r[i]) r[i] = store::CanonicalJson(*r[i]);
    out[t.name].push_back(std::move(r));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

/// Copies every row of `from` into the empty store `to` in one load.
inline Status CopyAllRows(store::Store& from, store::Store& to) {
  auto load = to.BeginLoad();
  if (!load.ok()) return load.status();
  DRIELUIK_RETURN_IF_ERROR(from.Export([&](const store::TableSpec& t, const store::Row& row) {
    return (*load)->Append(t, row);
  }));
  return (*load)->Commit();
}

/// Every value of every row, one a line: what a leak test searches for a known value.
inline std::string AllValuesText(const TableRows& rows) {
  std::string all;
  for (const auto& [table, list] : rows)
    for (const auto& row : list)
      for (const auto& v : row) all += (v ? *v : "") + "\n";
  return all;
}

/// The bytes of a file ("" when it cannot be read), e.g. a SQLite main file or its WAL.
inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace drieluik::testing
