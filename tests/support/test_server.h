// TestServer: the real drieluik binary (`drieluik serve`) started as a child process on a
// free loopback port, with a fresh database of the named backend, for API tests. The
// binary's path comes from the DRIELUIK_BIN environment variable (set by CTest).
// Restart() stops it with SIGTERM (or SIGKILL) and starts it again on the same database.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

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
  /// A fresh client for this server (keep-alive off; 10 s timeouts) that sends the bearer
  /// token of a ketenregisseur (user "test.ketenregisseur"), who may read and change every
  /// signal of the region.
  std::unique_ptr<httplib::Client> Client() const;
  /// A client without credentials (the public route).
  std::unique_ptr<httplib::Client> AnonymousClient() const;
  /// A client with the token of a user of this role (created on first use: organisation and
  /// municipality as in UserFor).
  std::unique_ptr<httplib::Client> ClientAs(const std::string& role);
  /// The bearer token of the role's test user "test.<role>".
  std::string TokenFor(const std::string& role);
  /// Creates a user through `drieluik user add` (password from stdin); throws on failure.
  void AddUser(const std::string& username, const std::string& role, const std::string& organisation,
               const std::string& municipality, const std::string& password);
  /// Runs the drieluik binary with these arguments against this server's database.
  std::string Cli(const std::string& args, int* exit_code = nullptr) const;
  /// The database URL of this server.
  std::string database_url() const;

  /// Stops the server (SIGTERM, or SIGKILL when `kill`) and waits for it to exit.
  void Stop(bool kill = false);
  /// Starts it again on the same database; throws when it does not come up.
  void Start();
  /// Extra `serve` arguments for the next Start (e.g. an SMTP relay).
  void SetServeArgs(std::vector<std::string> args) { serve_args_ = std::move(args); }
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
  std::vector<std::string> serve_args_;
  std::map<std::string, std::string> tokens_;  // role → token
};

/// POSTs JSON and returns the response (throws on a transport error).
httplib::Result PostJson(httplib::Client& c, const std::string& path, const std::string& body);
httplib::Result PatchJson(httplib::Client& c, const std::string& path, const std::string& body);

}  // namespace drieluik::testing
