// SqliteStore::Export and BeginLoad: whole-database copy in the backend-neutral form of
// store/table_dump.h.
#include <sqlite3.h>

#include "store/sqlite/sqlite_store.h"

namespace drieluik::store::sqlite {

namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

class SqliteStore::Load final : public BulkLoad {
 public:
  explicit Load(Lease lease) : lease_(std::move(lease)) {}
  ~Load() override {
    if (active_) (void)lease_->Exec("ROLLBACK");
  }

  Status Begin() {
    // BEGIN IMMEDIATE holds off every other writer until the load commits.
    DRIELUIK_RETURN_IF_ERROR(lease_->Exec("BEGIN IMMEDIATE"));
    active_ = true;
    auto q = lease_->Prepare("SELECT 1 FROM signals LIMIT 1");
    if (!q.ok()) return q.status();
    auto row = q->Step();
    if (!row.ok()) return row.status();
    if (*row) return Status::FailedPrecondition("the target database already holds signals");
    return Status::Ok();
  }

  Status Append(const TableSpec& table, const Row& row) override {
    if (row.size() != table.columns.size())
      return Status::InvalidArgument("table " + table.name + ": row has " + std::to_string(row.size()) +
                                     " values, expected " + std::to_string(table.columns.size()));
    std::string sql = "INSERT INTO " + table.name + " (" + Join(table.columns) + ") VALUES (";
    for (std::size_t i = 0; i < row.size(); ++i) sql += i ? ", ?" : "?";
    sql += ")";
    auto st = lease_->Prepare(sql);
    if (!st.ok()) return st.status();
    // Text binds: column affinity stores "42" in an INTEGER column as the integer 42.
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i]) st->Bind(static_cast<int>(i + 1), *row[i]);
      else st->BindNull(static_cast<int>(i + 1));
    }
    return st->Run();
  }

  Status Commit() override {
    // Word indexes and ciphertexts are copied as they are (rebuilding them needs the key).
    DRIELUIK_RETURN_IF_ERROR(lease_->Exec("COMMIT"));
    // Statistics for the query planner, which a bulk load leaves out of date.
    DRIELUIK_RETURN_IF_ERROR(lease_->Exec("ANALYZE"));
    active_ = false;
    return Status::Ok();
  }

 private:
  Lease lease_;
  bool active_ = false;
};

Status SqliteStore::Export(const RowSink& sink) {
  Lease c = Acquire();
  // One read transaction: in WAL mode it sees one snapshot while writers continue.
  DRIELUIK_RETURN_IF_ERROR(c->Exec("BEGIN"));
  Status result = [&]() -> Status {
    for (const auto& t : DumpTables()) {
      auto q = c->Prepare("SELECT " + Join(t.columns) + " FROM " + t.name + " ORDER BY " + Join(t.order_by));
      if (!q.ok()) return q.status();
      while (true) {
        auto row = q->Step();
        if (!row.ok()) return row.status();
        if (!*row) break;
        Row out;
        out.reserve(t.columns.size());
        for (int i = 0; i < static_cast<int>(t.columns.size()); ++i) {
          if (q->IsNull(i)) out.emplace_back(std::nullopt);
          else out.emplace_back(q->Text(i));
        }
        DRIELUIK_RETURN_IF_ERROR(sink(t, out));
      }
    }
    return Status::Ok();
  }();
  (void)c->Exec("ROLLBACK");
  return result;
}

Result<std::unique_ptr<BulkLoad>> SqliteStore::BeginLoad() {
  auto load = std::make_unique<Load>(Acquire());
  DRIELUIK_RETURN_IF_ERROR(load->Begin());
  return std::unique_ptr<BulkLoad>(std::move(load));
}

}  // namespace drieluik::store::sqlite
