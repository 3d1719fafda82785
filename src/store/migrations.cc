#include "store/migrations.h"

namespace drieluik::store {

extern const std::string_view kSqlite001Signals;
extern const std::string_view kPostgres001Signals;

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kSqlite001Signals},
  };
  return list;
}

const std::vector<Migration>& PostgresMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kPostgres001Signals},
  };
  return list;
}

}  // namespace drieluik::store
