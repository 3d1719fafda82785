#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "auth/account_service.h"
#include "base/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/store_options.h"
#include "crypto/sodium_secrets.h"
#include "demo/demo_region.h"
#include "demo/national.h"
#include "store/bulk_insert.h"

namespace drieluik::cli {
namespace {

// demo --national: a country-size dataset, straight into an empty store in one bulk load.
int LoadNational(const StoreOptions& opts, std::int64_t signals, int years, std::uint64_t seed) {
  auto store = opts.OpenAndMigrate(/*create_keys=*/true);
  if (!store.ok()) return ReportError(store.status());
  auto keys = opts.LoadKeys();
  if (!keys.ok()) return ReportError(keys.status());
  auto municipalities = demo::NationalMunicipalities(domain::Catalog::Embedded());
  demo::NationalOptions o;
  o.signals = signals;
  o.years = years;
  o.seed = seed;
  o.end = SystemClock().Now();
  auto started = std::chrono::steady_clock::now();
  Status s = store::BulkInsertSignals(**store, *keys, [&](const auto& sink) {
    return demo::GenerateNational(municipalities, o, [&](const demo::NationalSignal& g) {
      domain::NewSignal n;
      n.signal.id = g.id;
      n.signal.reference_code = g.reference_code;
      n.signal.status = g.status;
      n.signal.received_at = n.signal.created_at = n.signal.updated_at = g.received_at;
      n.signal.content = g.content;
      n.urgency = g.urgency;
      n.created = {g.received_at, "created", "demo", {}};
      if (g.id % 100000 == 0) fmt::print(stderr, "\r{} / {}", g.id, signals);
      return sink(n);
    });
  });
  if (!s.ok()) return ReportError(s);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print(stderr, "\n");
  fmt::print(
      "nationale demo geladen / national demo loaded: {} meldingen / signals over {} jaar / years, {} gemeenten / "
      "municipalities (CBS, 1 januari / January 2025), {:.0f} s\n",
      signals, years, municipalities.size(), secs);
  return kExitOk;
}

}  // namespace
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
  auto national = std::make_shared<bool>(false);
  auto national_signals = std::make_shared<std::int64_t>(1000000);
  opts->AddTo(*cmd);
  cmd->add_option("--signals", *national_signals, "Aantal meldingen / number of signals (default 200, --national 1000000)")
      ->check(CLI::Range(1, 10000000));
  cmd->add_flag("--national", *national,
                "Landelijke dataset in een lege database: alle gemeenten, standaard 1.000.000 meldingen over 10 jaar / "
                "national dataset into an empty database: all municipalities, 1,000,000 signals over 10 years by default");
  cmd->add_option("--years", demo->years, "Over zoveel jaren / spread over years")->capture_default_str()->check(CLI::Range(1, 20));
  cmd->add_option("--seed", demo->seed, "Startwaarde / random seed")->capture_default_str();
  cmd->add_flag("--force", *force, "Ook als de database al meldingen heeft / also when the database has signals");
  cmd->callback([opts, demo, force, national, national_signals, cmd] {
    bool years_given = cmd->count("--years") > 0;
    if (*national) {
      int rc = LoadNational(*opts, *national_signals, years_given ? demo->years : 10, demo->seed);
      if (rc != kExitOk) throw ExitWith{rc};
      return;
    }
    if (cmd->count("--signals") > 0) demo->signals = static_cast<int>(*national_signals);
    auto store = opts->OpenAndMigrate(/*create_keys=*/true);
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
