// Test helpers for tests that run the real HTTP server: RunningServer (an HttpServer on
// 127.0.0.1 with an ephemeral port, run on its own thread) and a small blocking client
// (raw bytes in, raw bytes or a parsed response out, over a real socket). Every read is
// bounded by a receive timeout so a broken server fails a test instead of hanging it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "web/http/server.h"

namespace drieluik::web::testing {

/// Starts the server (port 0 for an ephemeral one) and runs it on a thread until
/// StopAndJoin() or destruction. A failed Start() fails the current test.
class RunningServer {
 public:
  RunningServer(ServerOptions options, const Router& router);
  ~RunningServer();
  /// Stop() and wait for Run() to return.
  void StopAndJoin();
  uint16_t port() const { return server_.port(); }
  HttpServer& server() { return server_; }
  /// True once Run() returned.
  bool stopped() const { return stopped_; }

 private:
  HttpServer server_;
  std::atomic<bool> stopped_{false};
  std::thread thread_;
};

struct ClientResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

class Connection {
 public:
  /// Connects to 127.0.0.1:port; connected() tells whether it worked.
  explicit Connection(uint16_t port,
                      std::chrono::milliseconds receive_timeout = std::chrono::seconds(5));
  ~Connection();
  bool connected() const;
  /// Writes the bytes; false on error.
  bool Send(const std::string& bytes);
  /// Reads one response; nullopt on EOF, timeout or a parse error. For a response to
  /// HEAD pass head = true (no body follows).
  std::optional<ClientResponse> Read(bool head = false);
  /// Reads until the server closes (or the timeout); returns the bytes read.
  std::string ReadAll();
  /// True when the server has closed the connection (a read returns EOF or a reset)
  /// within the receive timeout.
  bool ClosedByServer();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

/// "GET <target> HTTP/1.1" with Host and the extra header lines (each ending "\r\n").
std::string RequestText(const std::string& method, const std::string& target,
                        const std::string& extra_headers = "", const std::string& body = "");

/// One request on a fresh connection.
std::optional<ClientResponse> Fetch(uint16_t port, const std::string& method,
                                    const std::string& target,
                                    const std::string& extra_headers = "",
                                    const std::string& body = "");

}  // namespace drieluik::web::testing
