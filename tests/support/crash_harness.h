// The crash-safety experiment of issue 6: concurrent clients register signals through
// POST /api/v1/signals while the server is killed with SIGKILL at random moments and
// restarted. Afterwards every signal whose 201 a client received must be present and
// intact, and no signal may be half-written (a signal without its history entry, its
// exploitation forms out of step with its document, or missing from search).
// Used by tests/cli/crash_safety_test.cc (a few kills) and bench/store_bench (many).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace drieluik::testing {

struct CrashOptions {
  std::string binary;        // the drieluik executable
  std::string database_url;  // a migrated or fresh database; the server migrates it
  int rounds = 3;            // kills
  int clients = 8;           // concurrent connections posting signals
  int min_ms = 150;          // a kill comes between min_ms and max_ms after the start
  int max_ms = 600;
  unsigned seed = 1;
  std::string log_path;      // the servers' output, or empty
};

struct CrashTally {
  int kills = 0;
  std::int64_t acknowledged = 0;  // 201 received
  std::int64_t found = 0;         // of those: present and intact afterwards
  std::int64_t lost = 0;          // of those: missing
  std::int64_t damaged = 0;       // of those: present but different from what was sent
  std::int64_t stored = 0;        // signals in the database afterwards (acknowledged or not)
  std::int64_t half_written = 0;  // stored signals missing a part
  // Stored signals without link keys although they name persons, addresses, phones...
  // The service writes link keys in a second transaction after the signal (see
  // SignalService::IndexLinks), so a kill between the two leaves a signal the linkage
  // index does not know. Counted apart from half_written until that write joins the
  // signal's transaction.
  std::int64_t without_link_keys = 0;
  std::int64_t acknowledged_without_link_keys = 0;  // must be 0
  std::vector<std::string> problems;  // the first few, for the test's message
};

/// Runs the rounds and checks the database through the store. Unavailable when a
/// server does not come up after a kill.
Result<CrashTally> RunCrashRounds(const CrashOptions& options);

/// The request body of one signal (the example of docs/api/openapi.json) whose summary
/// carries `token` as a searchable word.
std::string SignalBody(const std::string& token);

}  // namespace drieluik::testing
