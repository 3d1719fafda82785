// The database options every subcommand that touches a database shares:
// --data DIR (default ./var), --database URL (default sqlite:DIR/drieluik.db) and the keys
// for encryption at rest: --key-file PATH, else DRIELUIK_KEYS (or DRIELUIK_KEY), else the
// key file DIR/drieluik.keys (docs/PRIVACY.md, "Encryption at rest and keys").
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
  std::string key_file;  // empty: DRIELUIK_KEYS, else <data_dir>/drieluik.keys

  /// Adds --data, --database and --key-file to a subcommand.
  void AddTo(CLI::App& cmd);
  /// The effective URL.
  std::string Url() const;
  /// The default key file, <data_dir>/drieluik.keys.
  std::string DefaultKeyFile() const;
  /// The key ring: --key-file, else the environment, else the default key file. When
  /// none exists and `create` is set, writes a new default key file (mode 0600) first and
  /// says so on stderr. FailedPrecondition ("no keys ...") otherwise.
  Result<std::shared_ptr<const crypto::KeyRing>> LoadKeys(bool create = false) const;
  /// Creates the data directory when needed, loads the keys (creating the default key
  /// file when `create_keys`), opens the store and applies migrations (which checks the
  /// keys against the database).
  Result<std::unique_ptr<store::Store>> OpenAndMigrate(bool create_keys = false) const;
  /// Like OpenAndMigrate, for commands that never touch encrypted fields (user, token,
  /// audit): uses the keys when there are any, and opens without them otherwise.
  Result<std::unique_ptr<store::Store>> OpenAndMigrateKeysOptional() const;

 private:
  Result<std::unique_ptr<store::Store>> Open(bool create_keys, bool keys_optional) const;
};

/// Prints a Status for a person (Dutch / English, with field errors) on stderr and
/// returns the exit code for it.
int ReportError(const Status& s);

}  // namespace drieluik::cli
