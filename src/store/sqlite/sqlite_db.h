// Thin RAII wrappers over the SQLite C API for the SQLite store: a connection opened with
// the project's settings (WAL, foreign keys, busy timeout, synchronous=FULL so an
// acknowledged commit survives a crash) and prepared statements with typed binds.
// Errors become Status values; nothing here throws. A Connection is used by one thread
// at a time (the store's pool hands them out).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace drieluik::store::sqlite {

class Statement;

class Connection {
 public:
  /// Opens (creating when missing) the database file and applies the pragmas.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one or more statements without results.
  Status Exec(std::string_view sql);
  /// Prepares (and caches) a statement. The statement is reset when the returned
  /// handle goes out of scope.
  Result<Statement> Prepare(std::string_view sql);
  std::int64_t LastInsertRowId() const;
  sqlite3* raw() { return db_; }
  /// Status for the connection's last error, with `what` as context.
  Status Error(std::string_view what) const;

 private:
  explicit Connection(sqlite3* db);
  sqlite3* db_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

/// A prepared statement borrowed from the connection's cache.
class Statement {
 public:
  Statement(Connection* conn, sqlite3_stmt* stmt) : conn_(conn), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : conn_(o.conn_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, std::int64_t v);
  Statement& Bind(int index, int v) { return Bind(index, static_cast<std::int64_t>(v)); }
  Statement& Bind(int index, std::string_view v);
  Statement& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  Statement& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Statement& BindNull(int index);

  /// Advances to the next row: true with a row, false when done, error otherwise.
  Result<bool> Step();
  /// Runs a statement that returns no rows.
  Status Run();

  std::int64_t Int(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;
  /// Number of result columns of the statement.
  int ColumnCount() const;

 private:
  Connection* conn_;
  sqlite3_stmt* stmt_;
};

/// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) {}
  Status Begin() {
    Status s = c_.Exec("BEGIN IMMEDIATE");
    active_ = s.ok();
    return s;
  }
  Status Commit() {
    Status s = c_.Exec("COMMIT");
    if (s.ok()) active_ = false;
    return s;
  }
  ~Transaction() {
    if (active_) (void)c_.Exec("ROLLBACK");
  }

 private:
  Connection& c_;
  bool active_ = false;
};

}  // namespace drieluik::store::sqlite
