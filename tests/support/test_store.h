// Test stores: a fresh, migrated store of the named backend for one test.
// "sqlite": a new file in a temporary directory (removed with the TestStore).
// "postgres": a new database on the server named by the DRIELUIK_TEST_PG conninfo
// (dropped with the TestStore); unavailable when that variable is unset, and the test
// then skips.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace drieluik::testing {

class TestStore {
 public:
  /// nullptr store() when the backend is not available here (see skip_reason()).
  /// With migrate false the database is left empty (no schema), e.g. for a restore.
  explicit TestStore(const std::string& backend, bool migrate = true);
  ~TestStore();

  store::Store* store() { return store_.get(); }
  const std::string& url() const { return url_; }
  const std::string& skip_reason() const { return skip_reason_; }
  /// Closes the store (e.g. to reopen the same database as after a restart).
  void Close() { store_.reset(); }
  /// Reopens the same database.
  Status Reopen();

 private:
  std::string backend_, url_, dir_, pg_admin_, pg_db_, skip_reason_;
  std::unique_ptr<store::Store> store_;
};

/// The backends every store and API suite runs on.
inline const char* const kBackends[] = {"sqlite", "postgres"};

}  // namespace drieluik::testing
