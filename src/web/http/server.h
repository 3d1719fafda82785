// HttpServer: the HTTP/1.1 server of drieluik, on Boost.Beast and Boost.Asio.
//
// I/O threads (io_threads) run an asio::io_context: they accept, read and parse
// requests and write responses, each connection on its own strand, and never run a
// handler. Handlers do synchronous database work, so the server posts each parsed
// request to a separate worker pool (worker_threads) and posts the response back to
// the connection's strand. Per connection: the whole request must arrive within
// read_timeout (else the connection closes, with 408 if part of it arrived), a
// keep-alive connection may wait idle_timeout for its next request, a response must be
// written within write_timeout. Limits: max_header_bytes (431), max_body_bytes (413),
// max_connections (further connections are closed at once). Malformed HTTP gets 400.
// Every response gets Date, Server: drieluik and the security headers (unless the
// handler set them: Content-Security-Policy without inline script or style,
// X-Content-Type-Options, X-Frame-Options, Referrer-Policy; under TLS also
// Strict-Transport-Security); one access-log line per request (method, path without query,
// status, duration, bytes; never the query string or body, which may hold personal
// data).
//
// TLS: with tls_cert_file and tls_key_file the server speaks TLS 1.2 or 1.3 itself
// (Boost.Asio ssl on OpenSSL) on every connection; a plain-HTTP client on that port fails
// the handshake and is closed.
//
// Shutdown: Stop() (or SIGTERM/SIGINT with HandleSignals(true)) closes the listening
// socket, closes idle keep-alive connections, and lets requests in flight finish and be
// answered (with Connection: close) for up to shutdown_grace; then every connection is
// closed, handlers still running are waited for, and Run() returns, so the caller can
// close the database safely.
//
// The worker pool's queue needs no bound of its own: a connection has at most one
// request in flight, so at most max_connections requests wait.
//
// Thread-safety: Start, Run and HandleSignals from one thread; Stop and port() from any
// thread, also from inside a handler.
//
// Use (in cli):
//   web::Router router;
//   router.Add("GET", "/api/v1/signals/{id}", [&](web::Request& r) { ... });
//   router.SetFallback(web::StaticFiles("ui/dist", /*spa_fallback=*/true));
//   web::HttpServer server(options, router);
//   if (Status s = server.Start(); !s.ok()) { print s.message(); exit kExitUnavailable; }
//   server.HandleSignals(true);
//   server.Run();      // returns after SIGTERM/SIGINT and draining
//   store.Close();     // no handler runs any more
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"
#include "web/http/message.h"
#include "web/http/router.h"

namespace drieluik::web {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  uint16_t port = 8080;  // 0 = ephemeral; see HttpServer::port()
  int backlog = 1024;    // listen(2) backlog
  int io_threads = 2;
  int worker_threads = 8;  // handler threads (synchronous database work)
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 * 1024;
  // The whole request must arrive within this, counted from its first byte; a new
  // connection must also send its first byte within this.
  std::chrono::milliseconds read_timeout{30000};
  // How long a keep-alive connection may wait for the first byte of its next request.
  std::chrono::milliseconds idle_timeout{60000};
  std::chrono::milliseconds write_timeout{30000};
  std::chrono::milliseconds shutdown_grace{10000};
  std::size_t max_connections = 10000;
  // PEM files; both set = TLS on every connection. Default: empty (plain HTTP).
  std::string tls_cert_file;  // the certificate, then any intermediate certificates
  std::string tls_key_file;   // its private key (unencrypted PEM)
};

class HttpServer {
 public:
  /// Requires: router outlives the server and is not changed after Start().
  HttpServer(ServerOptions options, const Router& router);
  /// Stops (as Stop()) and waits for running handlers when Run() did not already.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds and listens. Unavailable with a clear message ("... adres al in gebruik /
  /// address already in use") when the port is taken or the address is invalid.
  /// Connections that arrive before Run() wait in the backlog.
  Status Start();
  /// The bound port (after a successful Start), 0 before.
  uint16_t port() const;
  /// Serves until Stop() or, with HandleSignals(true), SIGTERM/SIGINT; then drains (see
  /// the header comment) and returns. Uses the calling thread as one of the io_threads.
  /// Requires: Start() succeeded. Call once.
  void Run();
  /// Whether Run() stops on SIGTERM/SIGINT. Default: false. Call before Run().
  void HandleSignals(bool on);
  /// Graceful stop: no new connections, in-flight requests finish (up to
  /// shutdown_grace), idle keep-alive connections close. Returns at once; Run() returns
  /// when draining is done. Safe to call more than once, and before Run().
  void Stop();

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace drieluik::web
