#include "store/migrations.h"

namespace drieluik::store {

extern const std::string_view kSqlite001Signals;
extern const std::string_view kSqlite002LinkKeys;
extern const std::string_view kSqlite003Accounts;
extern const std::string_view kSqlite006Compartments;
extern const std::string_view kPostgres001Signals;
extern const std::string_view kPostgres002LinkKeys;
extern const std::string_view kSqlite005Encryption;
extern const std::string_view kPostgres005Encryption;
extern const std::string_view kPostgres003Accounts;
extern const std::string_view kPostgres006Compartments;

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kSqlite001Signals},
      {2, "002_link_keys", kSqlite002LinkKeys},
      {3, "003_accounts", kSqlite003Accounts},
      {5, "005_encryption", kSqlite005Encryption},
      {6, "006_compartments", kSqlite006Compartments},
  };
  return list;
}

const std::vector<Migration>& PostgresMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kPostgres001Signals},
      {2, "002_link_keys", kPostgres002LinkKeys},
      {3, "003_accounts", kPostgres003Accounts},
      {5, "005_encryption", kPostgres005Encryption},
      {6, "006_compartments", kPostgres006Compartments},
  };
  return list;
}

}  // namespace drieluik::store
