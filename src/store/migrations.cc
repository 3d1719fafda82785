#include "store/migrations.h"

namespace drieluik::store {

extern const std::string_view kSqlite001Signals;
extern const std::string_view kSqlite002LinkKeys;
extern const std::string_view kSqlite003Accounts;
extern const std::string_view kPostgres001Signals;
extern const std::string_view kPostgres002LinkKeys;
extern const std::string_view kPostgres003Accounts;

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kSqlite001Signals},
      {2, "002_link_keys", kSqlite002LinkKeys},
      {3, "003_accounts", kSqlite003Accounts},
  };
  return list;
}

const std::vector<Migration>& PostgresMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kPostgres001Signals},
      {2, "002_link_keys", kPostgres002LinkKeys},
      {3, "003_accounts", kPostgres003Accounts},
  };
  return list;
}

}  // namespace drieluik::store
