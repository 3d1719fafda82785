// PostgresStore::Export and BeginLoad: whole-database copy in the backend-neutral form
// of store/table_dump.h.
#include <fmt/core.h>

#include <map>

#include "store/postgres/postgres_pool.h"

namespace drieluik::store::postgres {

namespace {

std::string Join(const std::vector<std::string>& v, const char* suffix = "") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s + suffix;
  return out;
}

// Rows are inserted in batches of one multi-row INSERT each (at most 65535 parameters).
constexpr std::size_t kBatchParams = 30000;

class PostgresLoad final : public BulkLoad {
 public:
  PostgresLoad(PostgresStore::Pool::Lease lease, std::string password)
      : lease_(std::move(lease)), password_(std::move(password)) {}

  Status Begin() {
    return Guard([&] {
      tx_ = std::make_unique<pqxx::work>(*lease_);
      // Hold off every other writer until the load commits.
      for (const auto& t : DumpTables()) tx_->exec("LOCK TABLE " + t.name + " IN EXCLUSIVE MODE");
      // Multi-row VALUES do not take the column types, so every parameter is cast.
      for (const auto& t : DumpTables())
        for (const auto& r : tx_->exec_params(
                 "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                 "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped",
                 t.name))
          types_[t.name + "." + r[0].as<std::string>()] = r[1].as<std::string>();
      if (tx_->exec("SELECT 1 FROM signals LIMIT 1").size() != 0)
        return Status::FailedPrecondition("the target database already holds signals");
      return Status::Ok();
    });
  }

  Status Append(const TableSpec& table, const Row& row) override {
    if (row.size() != table.columns.size())
      return Status::InvalidArgument(fmt::format("table {}: row has {} values, expected {}", table.name, row.size(),
                                                 table.columns.size()));
    if (current_ != &table) {
      DRIELUIK_RETURN_IF_ERROR(Flush());
      current_ = &table;
    }
    for (const auto& v : row) values_.push_back(v);
    if (values_.size() + table.columns.size() > kBatchParams) return Flush();
    return Status::Ok();
  }

  Status Commit() override {
    DRIELUIK_RETURN_IF_ERROR(Flush());
    return Guard([&] {
      // Sequences continue after the copied ids.
      for (const auto& t : DumpTables()) {
        if (t.order_by != std::vector<std::string>{"id"}) continue;
        tx_->exec(fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), coalesce(max(id), 0) + 1, false) "
                              "FROM {0}",
                              t.name));
      }
      // Statistics for the query planner, which a bulk load leaves out of date.
      for (const auto& t : DumpTables()) tx_->exec("ANALYZE " + t.name);
      tx_->commit();
      tx_.reset();
      return Status::Ok();
    });
  }

 private:
  Status Flush() {
    if (!current_ || values_.empty()) return Status::Ok();
    const TableSpec& t = *current_;
    std::size_t width = t.columns.size();
    std::string sql = "INSERT INTO " + t.name + " (" + Join(t.columns) + ") VALUES ";
    int n = 0;
    for (std::size_t r = 0; r < values_.size() / width; ++r) {
      sql += r ? ", (" : "(";
      for (std::size_t c = 0; c < width; ++c) {
        auto type = types_.find(t.name + "." + t.columns[c]);
        if (type == types_.end()) return Status::Internal("table " + t.name + " has no column " + t.columns[c]);
        sql += (c ? ", $" : "$") + std::to_string(++n) + "::" + type->second;
      }
      sql += ")";
    }
    std::vector<const char*> params;
    params.reserve(values_.size());
    for (const auto& v : values_) params.push_back(v ? v->c_str() : nullptr);
    Status s = Guard([&] {
      tx_->exec_params(sql, pqxx::prepare::make_dynamic_params(params));
      return Status::Ok();
    });
    values_.clear();
    return s;
  }

  template <typename F>
  Status Guard(F&& fn) {
    try {
      return fn();
    } catch (const pqxx::unique_violation& e) {
      return Status::Conflict(std::string("duplicate key: ") + e.what());
    } catch (const pqxx::broken_connection& e) {
      lease_.MarkBroken();
      return Status::Unavailable("PostgreSQL: connection lost: " + Scrub(e.what(), password_));
    } catch (const std::exception& e) {
      return Status::Internal("PostgreSQL: " + Scrub(e.what(), password_));
    }
  }

  PostgresStore::Pool::Lease lease_;
  std::string password_;
  std::unique_ptr<pqxx::work> tx_;  // destroyed (rolled back) before the lease returns
  std::map<std::string, std::string> types_;  // "table.column" -> SQL type
  const TableSpec* current_ = nullptr;
  std::vector<std::optional<std::string>> values_;  // rows of current_, flattened
};

}  // namespace

Status PostgresStore::Export(const RowSink& sink) {
  // One snapshot for every table; a server-side cursor keeps memory bounded.
  return pool_->Run<pqxx::repeatable_read, pqxx::read_only>([&](pqxx::transaction_base& tx) -> Status {
    for (const auto& t : DumpTables()) {
      // ORDER BY the table's columns, not the text casts of the select list (which
      // share their names and would sort negative numbers as text).
      std::string order;
      for (const auto& c : t.order_by) order += (order.empty() ? "" : ", ") + t.name + "." + c;
      tx.exec("DECLARE dump_cursor NO SCROLL CURSOR FOR SELECT " + Join(t.columns, "::text") + " FROM " + t.name +
              " ORDER BY " + order);
      while (true) {
        auto r = tx.exec("FETCH 2000 FROM dump_cursor");
        for (const auto& row : r) {
          Row out;
          out.reserve(row.size());
          for (const auto& f : row) {
            if (f.is_null()) out.emplace_back(std::nullopt);
            else out.emplace_back(std::string(f.c_str(), f.size()));
          }
          DRIELUIK_RETURN_IF_ERROR(sink(t, out));
        }
        if (r.size() < 2000) break;
      }
      tx.exec("CLOSE dump_cursor");
    }
    return Status::Ok();
  });
}

Result<std::unique_ptr<BulkLoad>> PostgresStore::BeginLoad() {
  auto lease = pool_->Acquire();
  if (!lease.ok()) return lease.status();
  auto load = std::make_unique<PostgresLoad>(std::move(lease).value(), pool_->password());
  DRIELUIK_RETURN_IF_ERROR(load->Begin());
  return std::unique_ptr<BulkLoad>(std::move(load));
}

}  // namespace drieluik::store::postgres
