#include "store/migrations.h"

namespace drieluik::store {

extern const std::string_view kSqlite001Signals;
extern const std::string_view kSqlite002LinkKeys;
extern const std::string_view kPostgres001Signals;
extern const std::string_view kPostgres002LinkKeys;

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kSqlite001Signals},
      {2, "002_link_keys", kSqlite002LinkKeys},
  };
  return list;
}

const std::vector<Migration>& PostgresMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kPostgres001Signals},
      {2, "002_link_keys", kPostgres002LinkKeys},
  };
  return list;
}

}  // namespace drieluik::store
