// PostgresStore::drieluik(): the shared Drieluik SQL (store/drieluik_sql.h) through the
// pool's transaction runner (retries, error mapping: a unique violation is Conflict).
// Values are sent as untyped text parameters; the server infers each column's type.
#include "store/drieluik_sql.h"
#include "store/postgres/postgres_pool.h"

namespace drieluik::store::postgres {

namespace {

class PostgresTx final : public SqlTx {
 public:
  explicit PostgresTx(pqxx::transaction_base& tx) : tx_(tx) {}

  // Exceptions propagate to Pool::Run, which maps them to a Status and retries.
  Result<std::vector<SqlRow>> Query(std::string_view sql, const std::vector<SqlValue>& params) override {
    std::vector<const char*> p;
    p.reserve(params.size());
    for (const auto& v : params) p.push_back(v ? v->c_str() : nullptr);
    pqxx::result r = tx_.exec_params(NumberPlaceholders(sql), pqxx::prepare::make_dynamic_params(p));
    std::vector<SqlRow> rows;
    rows.reserve(r.size());
    for (const auto& row : r) {
      SqlRow out;
      out.reserve(row.size());
      for (const auto& f : row) {
        if (f.is_null()) out.emplace_back(std::nullopt);
        else out.emplace_back(std::string(f.c_str(), f.size()));
      }
      rows.push_back(std::move(out));
    }
    return rows;
  }

  // Transaction-scoped: released by the commit or rollback (see AppendAuditEntry).
  Status LockAuditTrail() override {
    tx_.exec("SELECT pg_advisory_xact_lock(7513)");
    return Status::Ok();
  }

 private:
  pqxx::transaction_base& tx_;
};

class PostgresRunner final : public SqlRunner {
 public:
  explicit PostgresRunner(PostgresStore::Pool& pool) : pool_(pool) {}

  Status Run(bool write, const std::function<Status(SqlTx&)>& fn) override {
    auto body = [&](pqxx::transaction_base& tx) -> Status {
      PostgresTx t(tx);
      return fn(t);
    };
    if (write) return pool_.Run(body);
    return pool_.Run<pqxx::read_committed, pqxx::read_only>(body);
  }

 private:
  PostgresStore::Pool& pool_;
};

}  // namespace

std::unique_ptr<SqlTx> MakeSqlTx(pqxx::transaction_base& tx) { return std::make_unique<PostgresTx>(tx); }

domain::DrieluikRepository& PostgresStore::drieluik() {
  std::call_once(drieluik_once_,
                 [this] { drieluik_ = MakeSqlDrieluikRepository(std::make_unique<PostgresRunner>(*pool_), protector_); });
  return *drieluik_;
}

}  // namespace drieluik::store::postgres
