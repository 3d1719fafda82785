// drieluik user add|list|disable|reset-password|enroll-totp|require-totp, drieluik token
// create|list|revoke and drieluik audit verify: account administration and the audit check
// from the command line, on the same store and services the server uses. Actions are
// recorded in the audit trail as actor "system" (the operator at the console).
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>

#include "auth/account_service.h"
#include "auth/audit_log.h"
#include "base/time.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/store_options.h"

namespace drieluik::cli {
namespace {

using namespace drieluik::domain;

// Everything one account command needs; the store stays open while it lives.
struct Accounts {
  std::unique_ptr<store::Store> store;
  SystemClock clock;
  crypto::PasswordHasher hasher;
  std::unique_ptr<auth::AccountService> service;
  std::unique_ptr<auth::AuditLog> audit;

  explicit Accounts(const StoreOptions& o) {
    auto s = o.OpenAndMigrateKeysOptional();
    if (!s.ok()) throw ExitWith{ReportError(s.status())};
    store = std::move(s).value();
    service = std::make_unique<auth::AccountService>(store->accounts(), Catalog::Embedded(), clock, hasher);
    audit = std::make_unique<auth::AuditLog>(store->audit(), clock);
  }
  User Find(const std::string& username) {
    auto u = service->FindUser(username);
    if (!u.ok()) {
      fmt::print(stderr, "drieluik: onbekende gebruiker / unknown user: {}\n", username);
      throw ExitWith{kExitNotFound};
    }
    return *u;
  }
  // A change of an existing object is recorded before it (a refused entry refuses the change);
  // a created object's entry goes in the insert's transaction (Intent).
  void Record(AuditAction action, std::string_view type, std::string_view id) {
    auto r = audit->RecordSystem(action, type, id, "administration");
    if (!r.ok()) throw ExitWith{ReportError(r.status())};
  }
  AuditIntent Intent(std::string_view type) const {
    return audit->SystemIntent(AuditAction::kCreate, type, "", "administration");
  }
};

std::string ReadPasswordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

// `drieluik user NAME USERNAME`: one change to one existing user, recorded in the audit trail.
void AddUserAction(CLI::App* parent, const char* name, const char* help,
                   std::function<Status(Accounts&, const User&)> act) {
  auto* cmd = parent->add_subcommand(name, help);
  auto o = std::make_shared<StoreOptions>();
  auto username = std::make_shared<std::string>();
  o->AddTo(*cmd);
  cmd->add_option("username", *username, "Gebruikersnaam / user name")->required();
  cmd->callback([o, username, act] {
    Accounts a(*o);
    User u = a.Find(*username);
    a.Record(AuditAction::kUpdate, "user", std::to_string(u.id));
    Status s = act(a, u);
    if (!s.ok()) throw ExitWith{ReportError(s)};
  });
}

void AddUserCommands(CLI::App& app) {
  auto* user = app.add_subcommand("user", "Gebruikers beheren / manage users");
  user->require_subcommand(1);

  {
    auto* cmd = user->add_subcommand("add", "Gebruiker toevoegen / add a user");
    auto o = std::make_shared<StoreOptions>();
    auto in = std::make_shared<auth::UserInput>();
    auto name = std::make_shared<std::string>();
    auto role = std::make_shared<std::string>();
    auto org = std::make_shared<std::string>();
    auto mun = std::make_shared<std::string>();
    auto display = std::make_shared<std::string>();
    auto email = std::make_shared<std::string>();
    auto from_stdin = std::make_shared<bool>(false);
    o->AddTo(*cmd);
    cmd->add_option("--username", *name, "Gebruikersnaam / user name")->required();
    cmd->add_option("--role", *role, "Rol / role (aandachtsfunctionaris, zorgcoordinator, ketenregisseur, politie, handhaving, beleid, privacy_officer, beheerder)")->required();
    cmd->add_option("--organisation", *org, "Organisatie-id / organisation id (GET /api/v1/organisations)")->required();
    cmd->add_option("--municipality", *mun, "CBS-code van de gemeente / municipality CBS code");
    cmd->add_option("--display-name", *display, "Weergavenaam / display name (default: the user name)");
    cmd->add_option("--email", *email, "E-mailadres voor herinneringen / e-mail address for reminders");
    cmd->add_flag("--password-stdin", *from_stdin,
                  "Lees het wachtwoord van stdin; anders wordt er een gegenereerd / read the password from stdin; "
                  "otherwise one is generated and printed");
    cmd->callback([=] {
      Accounts a(*o);
      auth::UserInput u;
      u.username = *name;
      u.role = *role;
      u.organisation = *org;
      u.municipality = *mun;
      u.display_name = display->empty() ? *name : *display;
      if (!email->empty()) u.email = *email;
      std::string password;
      if (*from_stdin) password = ReadPasswordFromStdin();
      u.password = *from_stdin ? password : std::string(40, 'x');  // replaced below when generated
      AuditIntent intent = a.Intent("user");
      auto created = a.service->AddUser(u, &intent);
      if (!created.ok()) throw ExitWith{ReportError(created.status())};
      if (!*from_stdin) {
        auto generated = a.service->ResetPassword(created->id);
        if (!generated.ok()) throw ExitWith{ReportError(generated.status())};
        fmt::print("gebruiker / user {} (id {}), tijdelijk wachtwoord / temporary password: {}\n", created->username,
                   created->id, *generated);
      } else {
        fmt::print("gebruiker / user {} (id {})\n", created->username, created->id);
      }
    });
  }
  {
    auto* cmd = user->add_subcommand("list", "Gebruikers tonen / list users");
    auto o = std::make_shared<StoreOptions>();
    auto format = std::make_shared<std::string>("table");
    o->AddTo(*cmd);
    cmd->add_option("--format", *format, "table of json")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
    cmd->callback([=] {
      Accounts a(*o);
      auto users = a.service->ListUsers();
      if (!users.ok()) throw ExitWith{ReportError(users.status())};
      if (*format == "json") {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& u : *users)
          out.push_back(
              {{"username", u.username},
               {"role", ToCode(u.role)},
               {"organisation", u.organisation},
               {"municipality", u.municipality.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.municipality)},
               {"email", u.email.empty() ? nlohmann::json(nullptr) : nlohmann::json(u.email)},
               {"disabled", u.disabled}});
        fmt::print("{}\n", out.dump(2));
        return;
      }
      fmt::print("{:<24} {:<22} {:<24} {:<8} {}\n", "gebruiker/user", "rol/role", "organisatie", "gemeente", "status");
      for (const auto& u : *users)
        fmt::print("{:<24} {:<22} {:<24} {:<8} {}\n", u.username, ToCode(u.role), u.organisation, u.municipality,
                   u.disabled ? "uitgeschakeld/disabled" : "actief/active");
    });
  }
  AddUserAction(user, "disable", "Gebruiker uitschakelen / disable a user", [](Accounts& a, const User& u) -> Status {
    auto r = a.service->Disable(u.id);
    if (!r.ok()) return r.status();
    fmt::print("uitgeschakeld / disabled: {}\n", u.username);
    return Status::Ok();
  });
  AddUserAction(user, "reset-password", "Nieuw tijdelijk wachtwoord / new temporary password",
                [](Accounts& a, const User& u) -> Status {
                  auto p = a.service->ResetPassword(u.id);
                  if (!p.ok()) return p.status();
                  fmt::print("tijdelijk wachtwoord / temporary password for {}: {}\n", u.username, *p);
                  return Status::Ok();
                });
  AddUserAction(user, "enroll-totp", "Authenticator-app koppelen / enrol an authenticator app (TOTP)",
                [](Accounts& a, const User& u) -> Status {
                  auto uri = a.service->EnrollTotp(u.id);
                  if (!uri.ok()) return uri.status();
                  fmt::print("{}\n", *uri);
                  return Status::Ok();
                });
  {
    auto* cmd = user->add_subcommand("require-totp", "Tweede factor verplichten per rol / require TOTP for a role");
    auto o = std::make_shared<StoreOptions>();
    auto role = std::make_shared<std::string>();
    auto off = std::make_shared<bool>(false);
    o->AddTo(*cmd);
    cmd->add_option("--role", *role, "Rol / role")->required();
    cmd->add_flag("--off", *off, "Niet meer verplichten / no longer require");
    cmd->callback([=] {
      Accounts a(*o);
      auto r = RoleFromCode(*role);
      if (!r) throw ExitWith{ReportError(Status::InvalidArgument("invalid role", {{"/role", "invalid_value", {}}}))};
      a.Record(AuditAction::kUpdate, "role_setting", *role);
      Status s = a.service->SetTotpRequired(*r, !*off);
      if (!s.ok()) throw ExitWith{ReportError(s)};
      fmt::print("TOTP {} voor / for {}\n", *off ? "niet verplicht / not required" : "verplicht / required", *role);
    });
  }
}

void AddTokenCommands(CLI::App& app) {
  auto* token = app.add_subcommand("token", "API-tokens voor koppelingen / API tokens for integrations");
  token->require_subcommand(1);
  {
    auto* cmd = token->add_subcommand("create", "Token maken (wordt één keer getoond) / create a token (shown once)");
    auto o = std::make_shared<StoreOptions>();
    auto name = std::make_shared<std::string>();
    auto expires = std::make_shared<std::string>();
    auto label = std::make_shared<std::string>();
    o->AddTo(*cmd);
    cmd->add_option("--user", *name, "Gebruiker namens wie het token werkt / user the token acts as")->required();
    cmd->add_option("--expires", *expires, "Verloopdatum JJJJ-MM-DD / expiry date YYYY-MM-DD");
    cmd->add_option("--label", *label, "Omschrijving / label");
    cmd->callback([=] {
      Accounts a(*o);
      User u = a.Find(*name);
      std::optional<TimePoint> until;
      if (!expires->empty()) {
        auto d = ParseDate(*expires);
        if (!d) throw ExitWith{ReportError(Status::InvalidArgument("invalid token", {{"/expires", "invalid_date", {}}}))};
        until = AmsterdamTime(*d, std::chrono::minutes(0));
      }
      AuditIntent intent = a.Intent("token");
      auto t = a.service->CreateToken(u.id, until, *label, &intent);
      if (!t.ok()) throw ExitWith{ReportError(t.status())};
      fmt::print("{}\n", t->token);
      std::fflush(stdout);
      fmt::print(stderr, "token {} voor / for {} ({})\n", t->record.id, u.username, t->record.hint);
    });
  }
  {
    auto* cmd = token->add_subcommand("list", "Tokens tonen / list tokens");
    auto o = std::make_shared<StoreOptions>();
    o->AddTo(*cmd);
    cmd->callback([=] {
      Accounts a(*o);
      auto tokens = a.service->ListTokens(0);
      if (!tokens.ok()) throw ExitWith{ReportError(tokens.status())};
      for (const auto& t : *tokens) {
        auto u = a.service->GetUser(t.user_id);
        fmt::print("{:>5}  {:<20} {:<22} {:<12} {}\n", t.id, u.ok() ? u->username : "?", t.hint,
                   t.revoked_at ? "ingetrokken/revoked" : "actief/active", t.label);
      }
    });
  }
  {
    auto* cmd = token->add_subcommand("revoke", "Token intrekken / revoke a token");
    auto o = std::make_shared<StoreOptions>();
    auto id = std::make_shared<std::int64_t>(0);
    o->AddTo(*cmd);
    cmd->add_option("id", *id, "Token-id (drieluik token list)")->required();
    cmd->callback([=] {
      Accounts a(*o);
      a.Record(AuditAction::kDelete, "token", std::to_string(*id));
      Status s = a.service->RevokeToken(*id);
      if (!s.ok()) throw ExitWith{ReportError(s)};
      fmt::print("ingetrokken / revoked: {}\n", *id);
    });
  }
}

void AddAuditCommands(CLI::App& app) {
  auto* audit = app.add_subcommand("audit", "Audittrail / audit trail");
  audit->require_subcommand(1);
  auto* cmd = audit->add_subcommand(
      "verify", "Controleer de hashketen; exit 0 als intact / check the hash chain; exit 0 when intact");
  auto o = std::make_shared<StoreOptions>();
  o->AddTo(*cmd);
  cmd->callback([=] {
    auto s = o->OpenAndMigrateKeysOptional();
    if (!s.ok()) throw ExitWith{ReportError(s.status())};
    SystemClock clock;
    auth::AuditLog log((*s)->audit(), clock);
    auto r = log.Verify();
    if (!r.ok()) throw ExitWith{ReportError(r.status())};
    if (!r->ok()) {
      fmt::print(stderr, "audittrail NIET intact / audit trail NOT intact: {} ({})\n", r->message, ToCode(r->kind));
      throw ExitWith{kExitFailure};
    }
    fmt::print("audittrail intact: {} regels / entries, kop / head {} {}\n", r->head.seq, r->head.seq, r->head.hash);
  });
}

}  // namespace

void AddAccountCommands(CLI::App& app) {
  AddUserCommands(app);
  AddTokenCommands(app);
  AddAuditCommands(app);
}

}  // namespace drieluik::cli
