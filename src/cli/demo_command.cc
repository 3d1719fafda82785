#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "base/clock.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/store_options.h"
#include "crypto/sodium_secrets.h"
#include "demo/demo_region.h"

namespace drieluik::cli {

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
    auto store = opts->OpenAndMigrate(/*create_keys=*/true);
    if (!store.ok()) throw ExitWith{ReportError(store.status())};
    auto count = (*store)->Count();
    if (!count.ok()) throw ExitWith{ReportError(count.status())};
    if (*count > 0 && !*force) {
      fmt::print("database heeft al {} meldingen; niets geladen (--force laadt toch) / database already has {} signals; "
                 "nothing loaded (--force loads anyway)\n", *count, *count);
      return;
    }
    SystemClock clock;
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
