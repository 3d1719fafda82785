// Table dumps: every stored row of every table, in a backend-neutral form, so that a
// whole database can be copied between stores (drieluik migrate-store, restore into
// another backend) and two databases compared row by row.
//
// kDumpTables lists the tables in an order that respects foreign keys, with the columns
// both backends share. Ciphertexts and keyed word indexes are copied as they are (rebuilding
// them would need the key): the target needs the same key file to read them.
// A new migration that adds a table or column adds it here too; a test checks that no
// table of either backend is missing. Values travel as text (integers in decimal, JSON
// documents in canonical form) or null. Plain data; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace drieluik::store {

struct TableSpec {
  std::string name;
  std::vector<std::string> columns;       // in the order of a Row's values
  std::vector<std::string> order_by;      // a unique key: rows are dumped in its order
  std::vector<std::string> json_columns;  // compared in canonical JSON form
};

/// Every table a dump holds, parents before children.
const std::vector<TableSpec>& DumpTables();

using Row = std::vector<std::optional<std::string>>;

/// Receives the rows of a dump, table by table in DumpTables() order, each table's rows
/// in order_by order. A non-OK Status stops the export and is returned by it.
using RowSink = std::function<Status(const TableSpec& table, const Row& row)>;

/// A load into an empty store, in one transaction: nothing is visible until Commit,
/// and everything is rolled back when the BulkLoad is destroyed uncommitted.
class BulkLoad {
 public:
  virtual ~BulkLoad() = default;
  /// Adds one row (values in table.columns order). InvalidArgument for a row of the
  /// wrong width, Conflict for a duplicate key.
  virtual Status Append(const TableSpec& table, const Row& row) = 0;
  /// Brings derived data up to date (id sequences, planner statistics) and commits.
  virtual Status Commit() = 0;
};

/// JSON text in canonical form (keys sorted, no spaces), so that a document read from
/// SQLite text and from PostgreSQL jsonb compare equal. Unchanged when not JSON.
std::string CanonicalJson(const std::string& text);

}  // namespace drieluik::store
