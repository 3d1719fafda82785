// Numbered schema migrations, one list per backend, compiled in from
// src/store/migrations/<backend>/NNN_name.sql. A released migration is never edited;
// a change is a new number. Each store applies the ones not yet in schema_migrations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace drieluik::store {

struct Migration {
  int version;
  std::string name;
  std::string_view sql;
};

const std::vector<Migration>& SqliteMigrations();
const std::vector<Migration>& PostgresMigrations();

}  // namespace drieluik::store
