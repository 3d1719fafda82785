// A `drieluik serve` child process on loopback for tests and benchmarks: started on a
// free port (read back from --port-file), killed or stopped by its pid only.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace drieluik::testing {

class ServerProcess {
 public:
  /// `binary serve --database URL --port 0 --port-file ... extra...`; waits until the
  /// port is known and /api/v1/health answers. Unavailable when it does not come up.
  static Result<std::unique_ptr<ServerProcess>> Start(const std::string& binary, const std::string& database_url,
                                                      std::vector<std::string> extra = {},
                                                      const std::string& log_path = "");
  ~ServerProcess();  // SIGTERM, then SIGKILL when it does not stop

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// SIGKILL and reap: a crash at this moment.
  void Kill();
  /// SIGTERM and wait; true when it exited with status 0.
  bool Stop();
  /// Resident memory of the process in KiB (VmRSS of /proc/<pid>/status), or -1.
  long RssKiB() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string dir_;
};

}  // namespace drieluik::testing
