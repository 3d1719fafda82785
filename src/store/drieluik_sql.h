// The Drieluik repository (domain/drieluik/drieluik_repository.h) written once in the SQL
// both backends share, over a tiny runner that each backend implements in its own file
// (sqlite/sqlite_drieluik.cc, postgres/postgres_drieluik.cc). Statements use `?`
// placeholders (the PostgreSQL runner numbers them $1, $2, ...); every value travels as
// text or NULL, and the database converts it to the column's type. Internal to store/.
//
// Thread-safe when the runner is.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/drieluik/drieluik_repository.h"

namespace drieluik::store {

using SqlValue = std::optional<std::string>;
using SqlRow = std::vector<SqlValue>;

/// One transaction of a runner.
class SqlTx {
 public:
  virtual ~SqlTx() = default;
  /// Runs one statement; the rows it returns (none for most writes). Errors become a
  /// Status (a unique-key violation: Conflict).
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql, const std::vector<SqlValue>& params) = 0;
};

class SqlRunner {
 public:
  virtual ~SqlRunner() = default;
  /// Runs fn in one transaction (a write transaction when `write`), committing when it
  /// returns OK and rolling back otherwise.
  virtual Status Run(bool write, const std::function<Status(SqlTx&)>& fn) = 0;
};

/// The repository over a runner it owns.
std::unique_ptr<domain::DrieluikRepository> MakeSqlDrieluikRepository(std::unique_ptr<SqlRunner> runner);

/// "?" placeholders numbered as PostgreSQL's "$1", "$2", ... (no "?" may appear in literals).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace drieluik::store
