// SqliteStore::drieluik(): the shared Drieluik SQL (store/drieluik_sql.h) on a connection
// from the store's pool. Write transactions take BEGIN IMMEDIATE (one writer at a time);
// reads run in a deferred transaction, one WAL snapshot.
#include <sqlite3.h>

#include "store/drieluik_sql.h"
#include "store/sqlite/sqlite_store.h"

namespace drieluik::store::sqlite {

namespace {

class SqliteTx final : public SqlTx {
 public:
  explicit SqliteTx(Connection& c) : c_(c) {}

  Result<std::vector<SqlRow>> Query(std::string_view sql, const std::vector<SqlValue>& params) override {
    auto st = c_.Prepare(sql);
    if (!st.ok()) return st.status();
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i]) st->Bind(static_cast<int>(i + 1), *params[i]);
      else st->BindNull(static_cast<int>(i + 1));
    }
    std::vector<SqlRow> rows;
    while (true) {
      auto more = st->Step();
      if (!more.ok()) {
        if (sqlite3_extended_errcode(c_.raw()) == SQLITE_CONSTRAINT_UNIQUE ||
            sqlite3_extended_errcode(c_.raw()) == SQLITE_CONSTRAINT_PRIMARYKEY)
          return Status::Conflict("duplicate key");
        if (sqlite3_extended_errcode(c_.raw()) == SQLITE_CONSTRAINT_FOREIGNKEY)
          return Status::NotFound("referenced row missing");
        return more.status();
      }
      if (!*more) break;
      SqlRow row;
      int n = st->ColumnCount();
      row.reserve(n);
      for (int i = 0; i < n; ++i) {
        if (st->IsNull(i)) row.emplace_back(std::nullopt);
        else row.emplace_back(st->Text(i));
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  Status LockAuditTrail() override { return Status::Ok(); }  // BEGIN IMMEDIATE holds the write lock

 private:
  Connection& c_;
};

class SqliteRunner final : public SqlRunner {
 public:
  using Acquire = std::function<Status(const std::function<Status(Connection&)>&)>;
  explicit SqliteRunner(Acquire acquire) : acquire_(std::move(acquire)) {}

  Status Run(bool write, const std::function<Status(SqlTx&)>& fn) override {
    return acquire_([&](Connection& c) -> Status {
      DRIELUIK_RETURN_IF_ERROR(c.Exec(write ? "BEGIN IMMEDIATE" : "BEGIN"));
      SqliteTx tx(c);
      Status s = fn(tx);
      if (!s.ok()) {
        (void)c.Exec("ROLLBACK");
        return s;
      }
      Status commit = c.Exec("COMMIT");
      if (!commit.ok()) (void)c.Exec("ROLLBACK");
      return commit;
    });
  }

 private:
  Acquire acquire_;
};

}  // namespace

std::unique_ptr<SqlTx> MakeSqlTx(Connection& c) { return std::make_unique<SqliteTx>(c); }

domain::DrieluikRepository& SqliteStore::drieluik() {
  std::call_once(drieluik_once_, [this] {
    drieluik_ = MakeSqlDrieluikRepository(std::make_unique<SqliteRunner>(
        [this](const std::function<Status(Connection&)>& fn) {
          Lease c = Acquire();
          return fn(*c);
        }),
        protector_);
  });
  return *drieluik_;
}

}  // namespace drieluik::store::sqlite
