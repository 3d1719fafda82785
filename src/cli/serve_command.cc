// drieluik serve: opens and migrates the store, builds the services and the router
// (JSON API + the web UI's files), and runs the HTTP server until SIGTERM/SIGINT.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <fstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/store_options.h"
#include "crypto/sodium_secrets.h"
#include "web/api/api.h"
#include "web/http/server.h"
#include "web/http/static_files.h"

namespace drieluik::cli {
namespace {

struct ServeOptions {
  StoreOptions store;
  web::ServerOptions server;
  std::string ui_dir = "ui/dist";
  std::string port_file;
};

bool IsLoopback(const std::string& address) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(address, ec);
  return !ec && a.is_loopback();
}

int Serve(const ServeOptions& o) {
  // Until accounts and authorization exist (issue "Accounts, need-to-know access"),
  // personal data must not be reachable from the network in the clear; with TLS the
  // server may listen on any address.
  bool tls = !o.server.tls_cert_file.empty() || !o.server.tls_key_file.empty();
  if (!tls && !IsLoopback(o.server.bind)) {
    fmt::print(stderr,
               "drieluik: weigert te luisteren op {}: zonder inloggen alleen op loopback (127.0.0.1 of ::1) / "
               "refusing to bind {}: without authentication only loopback is allowed, unless TLS is on (--tls-cert, --tls-key)\n",
               o.server.bind, o.server.bind);
    return kExitUsage;
  }
  auto store = o.store.OpenAndMigrate();
  if (!store.ok()) return ReportError(store.status());

  SystemClock clock;
  crypto::SodiumSecrets secrets;
  const domain::Catalog& catalog = domain::Catalog::Embedded();
  domain::SignalService signals(**store, catalog, clock, secrets, store->get());
  store::Store* db = store->get();
  web::api::ApiContext ctx{signals, catalog, DRIELUIK_VERSION, db->Describe(),
                           [db] { return db->SchemaVersion().status(); }};
  web::Router router;
  web::api::RegisterApi(router, ctx);
  if (std::filesystem::exists(std::filesystem::path(o.ui_dir) / "index.html")) {
    router.SetFallback(web::StaticFiles(o.ui_dir, /*spa_fallback=*/true));
  } else {
    spdlog::warn("no web UI at {} (run `make ui`); serving the API only", o.ui_dir);
  }

  web::HttpServer server(o.server, router);
  Status started = server.Start();
  if (!started.ok()) return ReportError(started);
  server.HandleSignals(true);
  std::string url = fmt::format("{}://{}:{}/", tls ? "https" : "http", o.server.bind.find(':') != std::string::npos
                                                     ? "[" + o.server.bind + "]" : o.server.bind,
                                server.port());
  if (!o.port_file.empty()) {
    std::ofstream(o.port_file) << server.port() << "\n";
  }
  fmt::print("drieluik draait op / is running at {}  ({})\n", url, db->Describe());
  std::fflush(stdout);
  server.Run();
  // The store closes when `store` goes out of scope, after every handler has finished.
  spdlog::info("stopped");
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "Start de webserver / start the web server");
  auto o = std::make_shared<ServeOptions>();
  o->store.AddTo(*cmd);
  cmd->add_option("--bind", o->server.bind, "Adres / address")->capture_default_str();
  cmd->add_option("--port", o->server.port, "Poort (0 = vrij te kiezen) / port (0 = any free one)")->capture_default_str();
  cmd->add_option("--backlog", o->server.backlog, "Listen backlog")->capture_default_str()->check(CLI::Range(1, 65535));
  cmd->add_option("--io-threads", o->server.io_threads, "I/O-threads")->capture_default_str()->check(CLI::Range(1, 64));
  cmd->add_option("--workers", o->server.worker_threads, "Werkthreads / handler threads")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--max-body", o->server.max_body_bytes, "Maximale body in bytes / max request body bytes")->capture_default_str();
  cmd->add_option("--ui", o->ui_dir, "Map met de gebouwde web-UI / directory of the built web UI")->capture_default_str();
  cmd->add_option("--tls-cert", o->server.tls_cert_file,
                  "TLS-certificaat (PEM, met tussencertificaten) / TLS certificate chain (PEM)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--tls-key", o->server.tls_key_file, "Privésleutel bij het certificaat (PEM) / its private key (PEM)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--port-file", o->port_file, "Schrijf de gekozen poort naar dit bestand / write the bound port to this file");
  cmd->callback([o] {
    int rc = Serve(*o);
    if (rc != kExitOk) throw ExitWith{rc};
  });
}

}  // namespace drieluik::cli
