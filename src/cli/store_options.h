// The database options every subcommand that touches a database shares:
// --data DIR (default ./var) and --database URL (default sqlite:DIR/drieluik.db).
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace CLI {
class App;
}

namespace drieluik::cli {

struct StoreOptions {
  std::string data_dir = "var";
  std::string database;  // empty: sqlite:<data_dir>/drieluik.db

  /// Adds --data and --database to a subcommand.
  void AddTo(CLI::App& cmd);
  /// The effective URL.
  std::string Url() const;
  /// Creates the data directory when needed, opens the store and applies migrations.
  Result<std::unique_ptr<store::Store>> OpenAndMigrate() const;
};

/// Prints a Status for a person (Dutch / English, with field errors) on stderr and
/// returns the exit code for it.
int ReportError(const Status& s);

}  // namespace drieluik::cli
