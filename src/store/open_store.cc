#include <cstdlib>
#include <string>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace drieluik::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, std::shared_ptr<const crypto::KeyRing> keys) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.empty()) return Status::Invalid({"--database", "sqlite_path_missing", {}});
    auto s = sqlite::SqliteStore::Open(path, 4, keys);
    if (!s.ok()) return s.status();
    return std::unique_ptr<Store>(std::move(s).value());
  }
  // A URL, or a libpq conninfo: "key=value" pairs (the first key names no scheme).
  bool pg_url = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  auto eq = url.find('=');
  bool conninfo = eq != std::string::npos && url.find(':') > eq && eq > 0;
  if (pg_url || conninfo) {
    postgres::PostgresOptions options;
    if (const char* size = std::getenv("DRIELUIK_PG_POOL_SIZE")) {
      int n = std::atoi(size);
      if (n < 1 || n > 1000) return Status::Invalid({"DRIELUIK_PG_POOL_SIZE", "out_of_range", {{"min", "1"}, {"max", "1000"}}});
      options.pool_size = n;
    }
    auto s = postgres::PostgresStore::Open(url, options, keys);
    if (!s.ok()) return s.status();
    return std::unique_ptr<Store>(std::move(s).value());
  }
  return Status::Invalid({"--database", "unknown_database_scheme", {{"value", url.substr(0, url.find(':'))}}});
}

}  // namespace drieluik::store
