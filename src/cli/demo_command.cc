#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "auth/account_service.h"
#include "base/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/store_options.h"
#include "crypto/sodium_secrets.h"
#include "demo/demo_region.h"

namespace drieluik::cli {
namespace {

// One demo login for every role (issue 3): the password is public, so these accounts are
// for a demo database only.
constexpr const char* kDemoPassword = "demo-wachtwoord";
struct DemoUser {
  const char* username;
  const char* display_name;
  const char* role;
  const char* organisation;
  const char* municipality;
};
constexpr DemoUser kDemoUsers[] = {
    {"af.westerwolde", "Anne Aandacht (Westerwolde)", "aandachtsfunctionaris", "gem-westerwolde", "GM1950"},
    {"af.groningen", "Bram Aandacht (Groningen)", "aandachtsfunctionaris", "gem-groningen", "GM0014"},
    {"zc.zvhg", "Carla Zorg", "zorgcoordinator", "zvhg", ""},
    {"kr.zvhg", "Dirk Keten", "ketenregisseur", "zvhg", ""},
    {"politie.tmm", "Eva Politie", "politie", "politie-tmm", ""},
    {"handhaving.groningen", "Frank Handhaving", "handhaving", "gem-groningen", "GM0014"},
    {"beleid.groningen", "Greet Beleid", "beleid", "gem-groningen", ""},
    {"fg.regio", "Hanna Privacy", "privacy_officer", "zvhg", ""},
    {"beheer", "Ivo Beheer", "beheerder", "zvhg", ""},
};

// Creates the demo users that do not exist yet and prints every demo login.
void EnsureDemoUsers(store::Store& store, const Clock& clock) {
  crypto::PasswordHasher hasher;
  auth::AccountService accounts(store.accounts(), domain::Catalog::Embedded(), clock, hasher);
  for (const DemoUser& d : kDemoUsers) {
    if (accounts.FindUser(d.username).ok()) continue;
    auth::UserInput in;
    in.username = d.username;
    in.display_name = d.display_name;
    in.role = d.role;
    in.organisation = d.organisation;
    in.municipality = d.municipality;
    in.password = kDemoPassword;
    auto u = accounts.AddUser(in);
    if (!u.ok()) throw ExitWith{ReportError(u.status())};
  }
  fmt::print("demo-logins (wachtwoord / password \"{}\"):\n", kDemoPassword);
  for (const DemoUser& d : kDemoUsers) fmt::print("  {:<22} {}\n", d.username, d.role);
}

}  // namespace

void AddDemoCommand(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "demo", "Laad de demoregio Groningen (synthetische meldingen) / load the Groningen demo region (synthetic signals)");
  auto opts = std::make_shared<StoreOptions>();
  auto demo = std::make_shared<demo::DemoOptions>();
  auto force = std::make_shared<bool>(false);
  opts->AddTo(*cmd);
  cmd->add_option("--signals", demo->signals, "Aantal meldingen / number of signals")->capture_default_str()->check(CLI::Range(1, 10000000));
  cmd->add_option("--years", demo->years, "Over zoveel jaren / spread over years")->capture_default_str()->check(CLI::Range(1, 20));
  cmd->add_option("--seed", demo->seed, "Startwaarde / random seed")->capture_default_str();
  cmd->add_flag("--force", *force, "Ook als de database al meldingen heeft / also when the database has signals");
  cmd->callback([opts, demo, force] {
    auto store = opts->OpenAndMigrate();
    if (!store.ok()) throw ExitWith{ReportError(store.status())};
    auto count = (*store)->Count();
    if (!count.ok()) throw ExitWith{ReportError(count.status())};
    SystemClock clock;
    EnsureDemoUsers(**store, clock);
    if (*count > 0 && !*force) {
      fmt::print("database heeft al {} meldingen; niets geladen (--force laadt toch) / database already has {} signals; "
                 "nothing loaded (--force loads anyway)\n", *count, *count);
      return;
    }
    crypto::SodiumSecrets secrets;
    domain::SignalService service(**store, domain::Catalog::Embedded(), clock, secrets, store->get());
    Status s = demo::LoadDemoRegion(service, domain::Catalog::Embedded(), clock, *demo, [&](int n) {
      if (n % 1000 == 0) fmt::print(stderr, "\r{} / {}", n, demo->signals);
    });
    if (!s.ok()) throw ExitWith{ReportError(s)};
    fmt::print("demoregio geladen / demo region loaded: {} meldingen / signals\n", demo->signals);
  });
}

}  // namespace drieluik::cli
