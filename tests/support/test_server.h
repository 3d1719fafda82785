// TestServer: the real drieluik binary (`drieluik serve`) started as a child process on a
// free loopback port, with a fresh database of the named backend, for API tests. The
// binary's path comes from the DRIELUIK_BIN environment variable (set by CTest).
// Restart() stops it with SIGTERM (or SIGKILL) and starts it again on the same database.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "support/server_process.h"
#include "support/test_store.h"

namespace drieluik::testing {

class TestServer {
 public:
  /// Starts the server; skip_reason() is non-empty when the backend is unavailable.
  explicit TestServer(const std::string& backend);
  ~TestServer();

  const std::string& skip_reason() const { return skip_reason_; }
  int port() const { return port_; }
  /// A fresh client for this server (keep-alive off; 10 s timeouts).
  std::unique_ptr<httplib::Client> Client() const;

  /// Stops the server (SIGTERM, or SIGKILL when `kill`) and waits for it to exit.
  void Stop(bool kill = false);
  /// Starts it again on the same database; throws when it does not come up.
  void Start();
  void Restart() {
    Stop();
    Start();
  }
  /// Everything the server wrote to stdout and stderr so far.
  std::string Log() const;

 private:
  std::unique_ptr<TestStore> db_;
  std::unique_ptr<ServerProcess> process_;
  std::string dir_, skip_reason_;
  int port_ = 0;
};

/// POSTs JSON and returns the response (throws on a transport error).
httplib::Result PostJson(httplib::Client& c, const std::string& path, const std::string& body);
httplib::Result PatchJson(httplib::Client& c, const std::string& path, const std::string& body);

}  // namespace drieluik::testing
