// drieluik serve: opens and migrates the store, builds the services and the router
// (JSON API + the web UI's files), and runs the HTTP server until SIGTERM/SIGINT.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <stop_token>
#include <thread>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/store_options.h"
#include "auth/account_service.h"
#include "auth/audit_log.h"
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

// Removes expired sessions every ten minutes until stopped.
class SessionSweeper {
 public:
  explicit SessionSweeper(auth::AccountService& accounts)
      : thread_([&accounts, this](std::stop_token stop) {
          std::mutex mu;
          std::unique_lock lock(mu);
          while (!stop.stop_requested()) {
            auto purged = accounts.PurgeExpiredSessions();
            if (!purged.ok()) spdlog::warn("session sweep failed: {}", purged.status().message());
            cv_.wait_for(lock, stop, std::chrono::minutes(10), [] { return false; });
          }
        }) {}

 private:
  std::condition_variable_any cv_;
  std::jthread thread_;
};

int Serve(const ServeOptions& o) {
  // Every route now requires a login or token; still, personal data should only cross a
  // network encrypted: say so when serving plain HTTP beyond loopback.
  if (!IsLoopback(o.server.bind))
    spdlog::warn("serving plain HTTP on {}: put a TLS reverse proxy in front (docs/OPERATIONS.md)", o.server.bind);
  auto store = o.store.OpenAndMigrate();
  if (!store.ok()) return ReportError(store.status());

  SystemClock clock;
  crypto::SodiumSecrets secrets;
  const domain::Catalog& catalog = domain::Catalog::Embedded();
  domain::SignalService signals(**store, catalog, clock, secrets, store->get());
  store::Store* db = store->get();
  crypto::PasswordHasher hasher;
  auth::AccountService accounts(db->accounts(), catalog, clock, hasher);
  auth::AuditLog audit(db->audit(), clock);
  web::api::ApiContext ctx{signals, catalog, DRIELUIK_VERSION, db->Describe(),
                           [db] { return db->SchemaVersion().status(); }};
  ctx.accounts = &accounts;
  ctx.audit = &audit;
  SessionSweeper sweeper(accounts);
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
  std::string url = fmt::format("http://{}:{}/", o.server.bind.find(':') != std::string::npos
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
  cmd->add_option("--port-file", o->port_file, "Schrijf de gekozen poort naar dit bestand / write the bound port to this file");
  cmd->callback([o] {
    int rc = Serve(*o);
    if (rc != kExitOk) throw ExitWith{rc};
  });
}

}  // namespace drieluik::cli
