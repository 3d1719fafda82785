// drieluik serve: opens and migrates the store, builds the services and the router
// (JSON API + the web UI's files), and runs the HTTP server until SIGTERM/SIGINT.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <boost/asio/ip/address.hpp>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
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
#include "mail/smtp_mail_sender.h"
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
  bool secure_cookies = false;  // behind a TLS-terminating proxy (docs/OPERATIONS.md section 10)
  mail::SmtpOptions smtp;       // smtp.url empty: reminders in-app only (the default)
  std::string smtp_starttls = "required";
  std::string smtp_password_file;  // else DRIELUIK_SMTP_PASSWORD, else none
  std::string public_url;          // for the links in reminder mails
};

// The SMTP relay's options from the command line and the environment;
// InvalidArgument naming the option when one is malformed or the password file unreadable.
Result<mail::SmtpOptions> SmtpFrom(const ServeOptions& o) {
  mail::SmtpOptions smtp = o.smtp;
  smtp.starttls = o.smtp_starttls == "off"   ? mail::StartTls::kOff
                  : o.smtp_starttls == "try" ? mail::StartTls::kTry
                                             : mail::StartTls::kRequired;
  DRIELUIK_RETURN_IF_ERROR(mail::SmtpMailSender::CheckOptions(smtp));
  if (!o.smtp_password_file.empty()) {
    std::ifstream in(o.smtp_password_file);
    if (!in || !std::getline(in, smtp.password))
      return Status::InvalidArgument("--smtp-password-file: cannot read " + o.smtp_password_file);
  } else if (const char* env = std::getenv("DRIELUIK_SMTP_PASSWORD")) {
    smtp.password = env;
  }
  if (!smtp.password.empty() && smtp.username.empty())
    return Status::InvalidArgument("--smtp-user: required with a password");
  return smtp;
}

// Logs a reminder mail the relay did not take (the reason only: never the address or the
// message), so a relay that is down shows in the log; the reminder stays recorded in-app.
class LoggingMailSender final : public domain::MailSender {
 public:
  explicit LoggingMailSender(std::unique_ptr<domain::MailSender> inner) : inner_(std::move(inner)) {}
  Status Send(const domain::MailMessage& m) override {
    Status s = inner_->Send(m);
    if (!s.ok()) spdlog::warn("reminder mail not sent: {}", s.ToString());
    return s;
  }

 private:
  std::unique_ptr<domain::MailSender> inner_;
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
  // Session cookies get Secure under TLS, and behind a TLS proxy when told so.
  ctx.secure_cookies = o.secure_cookies || !o.server.tls_cert_file.empty();
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
      spdlog::info(
          "retention: {} signals anonymised, {} reporter contacts erased, {} audit entries removed, {} cases "
          "anonymised, {} meetings anonymised, {} Drieluik rows cleared",
          r->signals_anonymised, r->reporters_erased, r->audit_entries_removed, r->cases_anonymised,
          r->meetings_anonymised, r->drieluik_rows_cleared);
  });
  // The Drieluik (issue 5). Reminders are in-app, and mailed to the owner's address when
  // --smtp-url names a relay (off by default).
  const domain::MeetingTypes meeting_types = domain::MeetingTypes::Defaults();
  domain::ReminderOptions reminder_options;
  std::unique_ptr<domain::MailSender> mailer;
  if (!o.smtp.url.empty()) {
    auto smtp = SmtpFrom(o);
    if (!smtp.ok()) return ReportError(smtp.status());
    mailer = std::make_unique<LoggingMailSender>(std::make_unique<mail::SmtpMailSender>(*smtp, clock));
    reminder_options.mail = mailer.get();
    reminder_options.address_of = [&accounts](const std::string& owner) -> std::optional<std::string> {
      auto u = accounts.FindUser(owner);
      if (!u.ok() || u->email.empty() || u->disabled) return std::nullopt;
      return u->email;
    };
    std::string base = o.public_url.empty()
                           ? fmt::format("{}://{}:{}", tls ? "https" : "http", o.server.bind, o.server.port)
                           : o.public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    reminder_options.link_base = base + "/acties/";
    spdlog::info("reminders are mailed through {}", smtp->url);
  }
  domain::DrieluikService drieluik(db->drieluik(), *db, catalog, clock, meeting_types, reminder_options);
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
  cmd->add_flag("--secure-cookies", o->secure_cookies,
                "Sessiecookies met Secure achter een TLS-proxy (onder --tls-cert altijd) / session cookies get Secure "
                "behind a TLS proxy (always under --tls-cert)");
  cmd->add_option("--port-file", o->port_file, "Schrijf de gekozen poort naar dit bestand / write the bound port to this file");
  cmd->add_option("--smtp-url", o->smtp.url,
                  "SMTP-relay voor herinneringen per e-mail (smtp://host:587 of smtps://host:465); standaard uit / "
                  "SMTP relay for reminder mail; off by default");
  cmd->add_option("--smtp-from", o->smtp.from, "Afzender / sender address, e.g. drieluik@gemeente.nl");
  cmd->add_option("--smtp-user", o->smtp.username, "Gebruiker bij de relay / relay user name");
  cmd->add_option("--smtp-password-file", o->smtp_password_file,
                  "Bestand met het relay-wachtwoord (anders DRIELUIK_SMTP_PASSWORD) / file with the relay password");
  cmd->add_option("--smtp-starttls", o->smtp_starttls,
                  "required (standaard), try of off / required (default), try or off")
      ->check(CLI::IsMember({"required", "try", "off"}));
  cmd->add_option("--smtp-ca-file", o->smtp.ca_file, "CA-bundel voor de relay / CA bundle to trust for the relay")
      ->check(CLI::ExistingFile);
  cmd->add_option("--public-url", o->public_url,
                  "Adres van drieluik voor links in e-mails / drieluik's address for links in mail, e.g. "
                  "https://drieluik.gemeente.nl");
  cmd->callback([o] {
    int rc = Serve(*o);
    if (rc != kExitOk) throw ExitWith{rc};
  });
}

}  // namespace drieluik::cli
