#include "store/migrations.h"

namespace drieluik::store {

extern const std::string_view kSqlite001Signals;

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> list = {
      {1, "001_signals", kSqlite001Signals},
  };
  return list;
}

}  // namespace drieluik::store
