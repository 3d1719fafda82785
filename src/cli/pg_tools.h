// Running PostgreSQL's own client programs (pg_dump, pg_restore) for backup and restore
// of a PostgreSQL store. The password of the connection string goes to the child in
// PGPASSWORD, never on its command line (where `ps` would show it).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace drieluik::cli {

/// The path of a PostgreSQL client program: from PATH, else the newest
/// /usr/lib/postgresql/<version>/bin. NotFound when it is not installed.
Result<std::string> FindPgTool(const std::string& name);

/// Runs `tool args...` with the connection string (minus its password) as `--dbname`
/// and waits for it. Unavailable when it cannot start or exits non-zero (its own
/// messages went to stderr).
Status RunPgTool(const std::string& tool, const std::string& conninfo, std::vector<std::string> args);

/// Dutch or English text for the CLI's normal output (--lang nl|en).
inline const char* Say(const std::string& lang, const char* nl, const char* en) { return lang == "en" ? en : nl; }

/// Prints a Status on stderr ("drieluik: fout / error: ...") and returns its exit code.
int ReportFailure(const Status& s);

}  // namespace drieluik::cli
