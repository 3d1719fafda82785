// drieluik serve: opens and migrates the store, builds the services and the router
// (JSON API + the web UI's files), and runs the HTTP server until SIGTERM/SIGINT.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <condition_variable>
#include <filesystem>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/retention_command.h"
#include "cli/store_options.h"
#include "auth/account_service.h"
#include "auth/audit_log.h"
#include "crypto/sodium_secrets.h"
#include "domain/drieluik/drieluik_service.h"
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
  std::string retention_config;
};

bool IsLoopback(const std::string& address) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(address, ec);
  return !ec && a.is_loopback();
}

// Runs `task` after `first`, then every `every`, on its own thread until destroyed.
class PeriodicTask {
 public:
  PeriodicTask(std::chrono::minutes first, std::chrono::minutes every, std::function<void()> task)
      : thread_([first, every, task = std::move(task), this](std::stop_token stop) {
          std::mutex mu;
          std::unique_lock lock(mu);
          auto wait = first;
          while (!cv_.wait_for(lock, stop, wait, [] { return false; }) && !stop.stop_requested()) {
            task();
            wait = every;
          }
        }) {}

 private:
  std::condition_variable_any cv_;
  std::jthread thread_;
};

int Serve(const ServeOptions& o) {
  // Every route now requires a login or token; still, personal data should only cross a
  // network encrypted: say so when serving plain HTTP beyond loopback.
  bool tls = !o.server.tls_cert_file.empty() || !o.server.tls_key_file.empty();
  if (!tls && !IsLoopback(o.server.bind))
    spdlog::warn("serving plain HTTP on {}: use --tls-cert/--tls-key or a TLS reverse proxy (docs/OPERATIONS.md)",
                 o.server.bind);
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
  ctx.compartments = &db->compartments();
  ctx.secure_cookies = !o.server.tls_cert_file.empty();  // session cookies get Secure under TLS
  ctx.clock = &clock;
  auto terms = LoadRetentionTerms(o.retention_config);
  if (!terms.ok()) return ReportError(terms.status());
  auto retention = [db, &signals, &clock, terms = *terms] { return RunRetention(*db, signals, clock, terms); };
  ctx.run_retention = retention;
  PeriodicTask session_sweep(std::chrono::minutes(10), std::chrono::minutes(10), [&accounts] {
    auto purged = accounts.PurgeExpiredSessions();
    if (!purged.ok()) spdlog::warn("session sweep failed: {}", purged.status().message());
  });
  // The daily retention run (issue 3 point 6); counts only in the log.
  PeriodicTask daily_retention(std::chrono::minutes(1), std::chrono::minutes(24 * 60), [retention] {
    auto r = retention();
    if (!r.ok()) spdlog::warn("retention run failed: {}", r.status().message());
    else
      spdlog::info("retention: {} signals anonymised, {} reporter contacts erased, {} audit entries removed",
                   r->signals_anonymised, r->reporters_erased, r->audit_entries_removed);
  });
  // The Drieluik (issue 5). Reminders are in-app; mail (an SMTP relay) is off by default.
  const domain::MeetingTypes meeting_types = domain::MeetingTypes::Defaults();
  domain::DrieluikService drieluik(db->drieluik(), *db, catalog, clock, meeting_types);
  ctx.drieluik = &drieluik;
  std::mutex reminder_mu;
  std::condition_variable_any reminder_cv;
  std::jthread reminders([&](std::stop_token stop) {
    while (!stop.stop_requested()) {
      auto sent = drieluik.RunReminders();
      if (!sent.ok()) spdlog::warn("reminders: {}", sent.status().ToString());
      std::unique_lock lock(reminder_mu);
      reminder_cv.wait_for(lock, stop, std::chrono::minutes(5), [] { return false; });
    }
  });
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
  cmd->add_option("--retention-config", o->retention_config,
                  "JSON met de bewaartermijnen (standaard: data/config/retention.json) / JSON with the retention terms");
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
