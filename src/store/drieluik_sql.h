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

class SignalProtector;

using SqlValue = std::optional<std::string>;
using SqlRow = std::vector<SqlValue>;

/// One transaction of a runner.
class SqlTx {
 public:
  virtual ~SqlTx() = default;
  /// Runs one statement; the rows it returns (none for most writes). Errors become a
  /// Status (a unique-key violation: Conflict).
  virtual Result<std::vector<SqlRow>> Query(std::string_view sql, const std::vector<SqlValue>& params) = 0;
  /// Makes this transaction the only appender of the audit trail until it ends (an advisory
  /// lock on PostgreSQL; nothing on SQLite, whose write transaction already excludes writers).
  virtual Status LockAuditTrail() = 0;
};

class SqlRunner {
 public:
  virtual ~SqlRunner() = default;
  /// Runs fn in one transaction (a write transaction when `write`), committing when it
  /// returns OK and rolling back otherwise.
  virtual Status Run(bool write, const std::function<Status(SqlTx&)>& fn) = 0;
};

/// The repository over a runner it owns. The free text of meetings (title, participants),
/// cases (title), case_log (detail), actions (title), agenda_items (summary) and
/// assessments (reasoning, decisions) is stored under `protector`'s field cipher, bound to
/// (table, column, row id), with the key in each row's key_id (migration 011; '' = plain
/// text from before it). Without keys every write and every read of an encrypted row is
/// FailedPrecondition. `protector` must outlive the repository.
std::unique_ptr<domain::DrieluikRepository> MakeSqlDrieluikRepository(std::unique_ptr<SqlRunner> runner,
                                                                      const SignalProtector& protector);

/// The tables of those fields, each with a key_id column (for key checks and clean-up).
const std::vector<std::string>& DrieluikSealedTables();

/// One step of encrypting those fields under the current key: up to `max_rows` rows whose
/// key_id is one of `old_ids` ("" = plain text) are decrypted and encrypted again, in the
/// caller's transaction `tx`; returns how many. `lock` ends each SELECT (" FOR UPDATE" on
/// PostgreSQL, so a writer waits; "" on SQLite, whose write transaction excludes writers).
/// Records the current key's check value when it changes a row.
Result<std::int64_t> ReencryptDrieluikRows(SqlTx& tx, const SignalProtector& protector,
                                           const std::vector<std::string>& old_ids, int max_rows,
                                           std::string_view lock);

/// "?" placeholders numbered as PostgreSQL's "$1", "$2", ... (no "?" may appear in literals).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace drieluik::store
