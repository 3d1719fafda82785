#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <map>

namespace drieluik::store::sqlite {

struct Connection::Cache {
  std::map<std::string, sqlite3_stmt*, std::less<>> statements;
};

Connection::Connection(sqlite3* db) : db_(db) {}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::Unavailable("cannot open SQLite database " + path + ": " + msg);
  }
  std::unique_ptr<Connection> c(new Connection(db));
  c->cache_ = std::make_unique<Cache>();
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  // WAL with synchronous=FULL: every acknowledged commit is on disk before we answer.
  // secure_delete: freed pages are zeroed, so no old value (e.g. plain text from before
  // encryption at rest, migration 005) lingers in the file.
  DRIELUIK_RETURN_IF_ERROR(c->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
      "PRAGMA temp_store=MEMORY; PRAGMA secure_delete=ON;"));
  return c;
}

Connection::~Connection() {
  if (cache_)
    for (auto& [sql, stmt] : cache_->statements) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status Connection::Error(std::string_view what) const {
  int code = sqlite3_extended_errcode(db_);
  std::string msg = std::string(what) + ": " + sqlite3_errmsg(db_);
  int primary = code & 0xff;
  if (primary == SQLITE_CONSTRAINT) return Status::Conflict(msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR ||
      primary == SQLITE_FULL || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY)
    return Status::Unavailable(msg);
  return Status::Internal(msg);
}

Status Connection::Exec(std::string_view sql) {
  char* err = nullptr;
  std::string s(sql);
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    return Error("exec");
  }
  return Status::Ok();
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  auto it = cache_->statements.find(sql);
  if (it != cache_->statements.end()) return Statement(this, it->second);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK)
    return Error("prepare");
  cache_->statements.emplace(std::string(sql), stmt);
  return Statement(this, stmt);
}

std::int64_t Connection::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::Bind(int index, std::int64_t v) {
  sqlite3_bind_int64(stmt_, index, v);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view v) {
  sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return conn_->Error("step");
}

Status Statement::Run() {
  Result<bool> r = Step();
  return r.status();
}

std::int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
std::string Statement::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, col)) : std::string();
}
bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }

}  // namespace drieluik::store::sqlite
